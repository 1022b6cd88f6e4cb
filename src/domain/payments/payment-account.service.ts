import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { Cohort } from '../ats/programme/cohort.entity';
import { Participant } from '../ats/programme/participant.entity';
import { PaymentPlan } from '../ats/programme/programme.enums';
import { Member } from '../membership/member.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { daysBetween, londonToday, type LocalDate } from '../shared/dates';
import { badInput, conflict, forbidden, notFound, ruleViolation } from '../shared/errors';
import { formatPounds, type Pence } from '../shared/money';
import { decodeCursor, isBackward, pageSize, toPage, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import { hasAnyRole, Role, requireMemberId, requireRole, type Viewer } from '../shared/viewer';
import { Invoice } from './invoice.entity';
import { PaymentAccount } from './payment-account.entity';
import { Payment } from './payment.entity';
import { BalanceDecision, InvoiceStatus, OverdueItemKind, PayerKind, RefundKind, ScheduleItemKind, ScheduleItemStatus } from './payment.enums';
import {
  accountCredit,
  balanceDueDate,
  balanceFigures,
  invoiceDueDate,
  isBalanceOverdue,
  paymentSchedule,
  planCreditRefund,
  planFullRefund,
  type BalanceFigures,
  type PlannedRefund,
  type RefundablePayment,
} from './payments.rules';
import { Refund } from './refund.entity';
import { ScheduleItem } from './schedule-item.entity';

/** Staff whose work needs participants' balances (ATS-57: members see only their own). */
export const BALANCE_READER_ROLES = [Role.FINANCE, Role.ADMIN, Role.MEMBERSHIP_TEAM];
/** ATS-17, DEC-P3: who sees overdue balances and items. */
export const OVERDUE_READER_ROLES = [Role.FINANCE, Role.ADMIN];
/** DEC-P5, ATS-45: who refunds credits and decides withdrawn balances. */
export const FINANCE_ROLES = [Role.FINANCE];
/** Who may run the payments sweeps (runSweeps callers and the scheduler's SYSTEM viewer). */
export const SWEEP_ROLES = [Role.ADMIN, Role.MEMBERSHIP_TEAM, Role.FINANCE];

export interface RefundCreditInput {
  participantId: string;
  /** All of the credit when omitted. */
  amountPence?: Pence | null;
  reason: string;
}

/** DEC-P3: one amount overdue on its own due date. */
export interface OverdueItem {
  scheduleItemId: string;
  kind: OverdueItemKind;
  participantId: string;
  memberId: string;
  invoiceNumber: string | null;
  employerName: string | null;
  amountPence: Pence;
  outstandingPence: Pence;
  dueOn: LocalDate;
  daysOverdue: number;
}

export interface OpenAccountInput {
  participantId: string;
  memberId: string;
  plan: PaymentPlan;
  chargePence: number;
  registrationDate: LocalDate;
  employerName?: string | null;
}

/** A participant's account as its owner or staff see it. */
export interface BalanceView extends BalanceFigures {
  account: PaymentAccount;
  participantId: string;
  memberId: string;
  plan: PaymentPlan;
  registrationDate: LocalDate;
  employerName: string | null;
  /** ATS-20 / DEC-P2: when a cooling-off withdrawal refunded and closed the account. */
  cancelledAt: Date | null;
  /** DEC-P5: money received beyond what was owed, held for the payer and refundable. */
  creditPence: Pence;
  collectionStoppedAt: Date | null;
  balanceDecision: BalanceDecision | null;
  balanceDecisionReason: string | null;
  paidInFull: boolean;
  /** ATS-17: six months after the portfolio issue date of the cohort registered into; null when unknown. */
  balanceDueOn: LocalDate | null;
  overdue: boolean;
  items: ScheduleItem[];
  payments: Payment[];
  refunds: Refund[];
  invoices: Invoice[];
}

/** ATS-17: one participant whose balance is still open after its due date. */
export interface OverdueBalance {
  participantId: string;
  memberId: string;
  cohortId: string;
  cohortName: string;
  portfolioIssueDate: LocalDate;
  balanceDueOn: LocalDate;
  outstandingPence: Pence;
  daysOverdue: number;
}

/** Participants' fee accounts: opened at registration, read by their owner and staff, refunded on cooling off. */
export class PaymentAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * Opens the participant's account at registration, in the caller's transaction: the charge, and the plan's schedule
   * (ATS-15, DEC-P1). Throws ruleViolation('ATS-15', ...) if the plan can't carry the charge (e.g. DIRECT_DEBIT when the
   * fee is not more than 6 x £100). On EMPLOYER_INVOICE it issues the invoice and emails it to the participant.
   */
  async openAccount(manager: EntityManager, input: OpenAccountInput): Promise<void> {
    // DEC-P3: an employer invoice is due 30 days after the portfolio issue date of the cohort registered into.
    const participant = await manager.findOneBy(Participant, { id: input.participantId });
    const cohort = participant ? await manager.findOneBy(Cohort, { id: participant.originalCohortId }) : null;
    const planned = paymentSchedule(input.plan, input.chargePence, input.registrationDate, cohort?.portfolioIssueDate ?? input.registrationDate);
    if (await manager.existsBy(PaymentAccount, { participantId: input.participantId })) {
      throw conflict('This participant already has a payment account', 'ATS-14');
    }
    const now = this.clock.now();
    let employerName = input.employerName?.trim() || null;
    let member: Member | null = null;
    if (input.plan === PaymentPlan.EMPLOYER_INVOICE) {
      member = await manager.findOneBy(Member, { id: input.memberId });
      if (!member) throw notFound('Member');
      employerName ??= member.employerName?.trim() || null;
      if (!employerName) throw ruleViolation('ATS-15', 'An employer invoice needs the name of the employer who will settle it');
    }
    const account = manager.create(PaymentAccount, {
      participantId: input.participantId,
      memberId: input.memberId,
      plan: input.plan,
      chargePence: input.chargePence,
      registrationDate: input.registrationDate,
      employerName,
      openedAt: now,
      cancelledAt: null,
      cancellationReason: null,
      collectionStoppedAt: null,
      collectionStopReason: null,
      balanceDecision: null,
      balanceDecisionReason: null,
      balanceDecidedAt: null,
      balanceDecidedBy: null,
    });
    await manager.save(account);

    let invoice: Invoice | null = null;
    if (member) {
      invoice = manager.create(Invoice, {
        number: await nextInvoiceNumber(manager),
        accountId: account.id,
        participantId: input.participantId,
        memberId: input.memberId,
        employerName,
        amountPence: input.chargePence,
        issuedOn: input.registrationDate,
        dueOn: invoiceDueDate(cohort?.portfolioIssueDate ?? input.registrationDate),
        status: InvoiceStatus.OPEN,
        settledAt: null,
        cancelledAt: null,
      });
      await manager.save(invoice);
      // ATS-15.3: the invoice is sent to the participant, for their employer to settle by BACS.
      await this.notifications.enqueue(manager, {
        recipientMemberId: member.id,
        toAddress: member.email,
        template: 'ATS_FEE_INVOICE_ISSUED',
        subject: `Invoice ${invoice.number} for your Advanced Teacher Status programme fee`,
        body:
          `Dear ${member.givenName},\n\nPlease pass invoice ${invoice.number} for ${formatPounds(invoice.amountPence)} (VAT exempt) to ${employerName}. ` +
          `It was issued on ${invoice.issuedOn} and is due by ${invoice.dueOn}; your employer can settle it by BACS transfer quoting the invoice number.`,
        rule: 'ATS-15',
        dedupeKey: `invoice-issued:${invoice.id}`,
      });
    }
    await manager.insert(
      ScheduleItem,
      planned.map((p) => ({
        accountId: account.id,
        participantId: input.participantId,
        sequence: p.sequence,
        kind: p.kind,
        amountPence: p.amountPence,
        paidPence: 0,
        dueOn: p.dueOn,
        status: ScheduleItemStatus.PENDING,
        invoiceId: p.kind === ScheduleItemKind.INVOICE ? invoice!.id : null,
        paidAt: null,
        cancelledAt: null,
      })),
    );
  }

  /** ATS-22: true when nothing is outstanding. A participant with no account has not been shown to have paid: false. */
  async isPaidInFull(manager: EntityManager, participantId: string): Promise<boolean> {
    const account = await manager.findOneBy(PaymentAccount, { participantId });
    if (!account) return false;
    const [{ outstanding }] = await manager.query(
      `SELECT COALESCE(SUM(amount_pence - paid_pence), 0)::int AS outstanding FROM payment_schedule_item WHERE account_id = $1 AND status = 'PENDING'`,
      [account.id],
    );
    return outstanding === 0;
  }

  /** ATS-22 for a page of participants in one statement: the ids whose accounts have nothing left pending. */
  async paidInFullAmong(manager: EntityManager, participantIds: readonly string[]): Promise<Set<string>> {
    if (participantIds.length === 0) return new Set();
    const rows: { participant_id: string }[] = await manager.query(
      `SELECT a.participant_id FROM payment_account a
        WHERE a.participant_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM payment_schedule_item i WHERE i.account_id = a.id AND i.status = 'PENDING' AND i.amount_pence > i.paid_pence)`,
      [[...participantIds]],
    );
    return new Set(rows.map((r) => r.participant_id));
  }

  /**
   * ATS-20 / DEC-P2 (and ATS-45 in cooling off): refunds everything paid, payment by payment, to whoever paid it by the
   * channel it came by (DEC-P5), and cancels unpaid instalments and open invoices; returns pence refunded. Emails each
   * payer. Runs in the caller's transaction; a second call refunds nothing.
   */
  async refundInFullAndCancel(manager: EntityManager, participantId: string, reason: string): Promise<number> {
    const why = (reason ?? '').trim();
    if (!why) throw badInput('reason', 'Give the reason for the refund');
    const account = await this.lock(manager, participantId);
    const now = this.clock.now();
    const { payments, refundable } = await this.refundablePayments(manager, account);
    const refunds = await this.insertRefunds(manager, account, payments, planFullRefund(refundable), RefundKind.FULL_REFUND, why, 'system');
    const amount = refunds.reduce((s, r) => s + r.amountPence, 0);
    const cancelledItems = await manager.update(
      ScheduleItem,
      { accountId: account.id, status: ScheduleItemStatus.PENDING },
      { status: ScheduleItemStatus.CANCELLED, cancelledAt: now },
    );
    const cancelledInvoices = await manager.update(Invoice, { accountId: account.id, status: InvoiceStatus.OPEN }, { status: InvoiceStatus.CANCELLED, cancelledAt: now });
    const firstCancellation = !account.cancelledAt;
    if (firstCancellation) {
      account.cancelledAt = now;
      account.cancellationReason = why;
      await manager.save(account);
    }
    const member = await manager.findOneByOrFail(Member, { id: account.memberId });
    const cancelledSomething = (cancelledItems.affected ?? 0) + (cancelledInvoices.affected ?? 0) > 0;
    const nothingMore = cancelledSomething ? 'Any unpaid instalments and open invoices have been cancelled, and nothing more will be collected.' : 'Nothing more will be collected.';
    if (refunds.length) {
      await this.notifyRefunds(manager, member, refunds, 'ATS-20', (total, toParticipant) =>
        `We are refunding ${formatPounds(total)}, everything ${toParticipant ? 'you' : 'you on their behalf'} paid towards the programme fee, by the way it was paid. ` + nothingMore,
      );
    } else if (firstCancellation) {
      await this.notifications.enqueue(manager, {
        recipientMemberId: member.id,
        toAddress: member.email,
        template: 'ATS_FEE_REFUNDED',
        subject: 'Your Advanced Teacher Status programme payments have been cancelled',
        body: `Dear ${member.givenName},\n\nYou had paid nothing towards the programme fee, so there is nothing to refund. ${nothingMore}`,
        rule: 'ATS-20',
        dedupeKey: `fee-cancelled:${account.id}`,
      });
    }
    return amount;
  }

  /**
   * DEC-P5: FINANCE refunds credit held on an account (all of it, or part), from the payments that brought it, to
   * whoever paid them by the channel they came by; each payer is emailed. Refused when there is no such credit.
   */
  async refundCredit(viewer: Viewer, input: RefundCreditInput): Promise<Refund[]> {
    requireRole(viewer, FINANCE_ROLES, 'DEC-P5');
    const why = (input.reason ?? '').trim();
    if (!why) throw badInput('reason', 'Give the reason for the refund');
    return this.uow.run(viewer, async (manager) => {
      const account = await this.lock(manager, input.participantId);
      const { payments, refundable } = await this.refundablePayments(manager, account);
      const refunds = await this.insertRefunds(manager, account, payments, planCreditRefund(refundable, input.amountPence ?? null), RefundKind.CREDIT, why, viewer.subject);
      const member = await manager.findOneByOrFail(Member, { id: account.memberId });
      await this.notifyRefunds(manager, member, refunds, 'DEC-P5', (total) => `We are refunding ${formatPounds(total)} held as a credit on the Advanced Teacher Status account (money received beyond what was owed), by the way it was paid.`);
      const total = refunds.reduce((s, r) => s + r.amountPence, 0);
      return { result: refunds, audit: { action: 'paymentAccount.refundCredit', targetType: 'participant', targetId: input.participantId, detail: { refundedPence: total, refundIds: refunds.map((r) => r.id), reason: why } } };
    });
  }

  /**
   * ATS-45: after SET withdraws a participant outside cooling off, their open instalments and invoices stop being
   * collected until FINANCE decides whether the balance is written off or kept. In the caller's transaction.
   */
  async stopCollection(manager: EntityManager, participantId: string, reason: string): Promise<void> {
    const account = await manager.findOne(PaymentAccount, { where: { participantId }, lock: { mode: 'pessimistic_write' } });
    if (!account || account.cancelledAt || account.collectionStoppedAt) return;
    account.collectionStoppedAt = this.clock.now();
    account.collectionStopReason = reason;
    await manager.save(account);
  }

  /**
   * ATS-45: FINANCE decides the balance left by a withdrawal for ineligibility: WRITE_OFF (open instalments and invoices
   * are written off; nothing more is owed) or KEEP (the balance stays owed). Once, with a reason, audited; the
   * participant is told by email.
   */
  async decideWithdrawnBalance(viewer: Viewer, participantId: string, decision: BalanceDecision, reason: string): Promise<BalanceView> {
    requireRole(viewer, FINANCE_ROLES, 'ATS-45');
    const why = (reason ?? '').trim();
    if (!why) throw badInput('reason', 'Give the reason for the decision');
    if (!Object.values(BalanceDecision).includes(decision)) throw badInput('decision', 'Unknown decision');
    return this.uow.run(viewer, async (manager) => {
      const account = await this.lock(manager, participantId);
      if (!account.collectionStoppedAt) throw ruleViolation('ATS-45', 'Only the balance of a participant SET withdrew for ineligibility after cooling off is written off or kept');
      if (account.balanceDecision) throw conflict(`FINANCE already decided to ${account.balanceDecision === BalanceDecision.WRITE_OFF ? 'write off' : 'keep'} this balance`, 'ATS-45');
      const now = this.clock.now();
      const before = await this.view(manager, account);
      if (decision === BalanceDecision.WRITE_OFF) {
        await manager.update(ScheduleItem, { accountId: account.id, status: ScheduleItemStatus.PENDING }, { status: ScheduleItemStatus.WRITTEN_OFF, cancelledAt: now });
        await manager.update(Invoice, { accountId: account.id, status: InvoiceStatus.OPEN }, { status: InvoiceStatus.WRITTEN_OFF, cancelledAt: now });
      }
      account.balanceDecision = decision;
      account.balanceDecisionReason = why;
      account.balanceDecidedAt = now;
      account.balanceDecidedBy = viewer.subject;
      await manager.save(account);
      const member = await manager.findOneByOrFail(Member, { id: account.memberId });
      await this.notifications.enqueue(manager, {
        recipientMemberId: member.id,
        toAddress: member.email,
        template: 'ATS_WITHDRAWN_BALANCE_DECIDED',
        subject: decision === BalanceDecision.WRITE_OFF ? 'Nothing more is owed for your Advanced Teacher Status programme fee' : 'The balance of your Advanced Teacher Status programme fee',
        body:
          `Dear ${member.givenName},\n\n` +
          (decision === BalanceDecision.WRITE_OFF
            ? `Following your withdrawal from the programme, the ${formatPounds(before.outstandingPence)} outstanding has been written off; nothing more will be collected.`
            : `Following your withdrawal from the programme, instalments are no longer collected, but the ${formatPounds(before.outstandingPence)} outstanding remains owed. Please contact Finance to settle it.`),
        rule: 'ATS-45',
        dedupeKey: `withdrawn-balance:${account.id}`,
      });
      return {
        result: await this.view(manager, account),
        audit: { action: 'paymentAccount.decideWithdrawnBalance', targetType: 'participant', targetId: participantId, detail: { decision, reason: why, outstandingPence: before.outstandingPence } },
      };
    });
  }

  /** A participant's balance for the member themself or for staff (ATS-57; staff reads are audited). */
  async balance(viewer: Viewer, participantId: string): Promise<BalanceView> {
    const account = await this.findForViewer(viewer, participantId, BALANCE_READER_ROLES);
    const staffRead = account.memberId !== viewer.memberId;
    const view = await this.view(this.dataSource.manager, account);
    if (staffRead) await this.audit.recordRead(viewer, { action: 'paymentAccount.read', targetType: 'participant', targetId: participantId });
    return view;
  }

  /** The signed-in member's own accounts, newest first. */
  async myBalances(viewer: Viewer): Promise<BalanceView[]> {
    requireRole(viewer, [Role.MEMBER]);
    const memberId = requireMemberId(viewer);
    const accounts = await this.dataSource.getRepository(PaymentAccount).find({ where: { memberId }, order: { openedAt: 'DESC', id: 'ASC' } });
    return Promise.all(accounts.map((a) => this.view(this.dataSource.manager, a)));
  }

  /** ATS-17: FINANCE's list of participants whose balance is still open after it fell due, oldest cohort first. */
  async overdueBalances(viewer: Viewer, request: PageRequest = {}): Promise<Page<OverdueBalance>> {
    requireRole(viewer, OVERDUE_READER_ROLES, 'ATS-17');
    const size = pageSize(request);
    const backward = isBackward(request);
    const given = backward ? request.before : request.after;
    const cursor = given ? decodeCursor(given, ['date', 'uuid'], backward ? 'before' : 'after') : null;
    const rows = await this.overdueRows(this.dataSource.manager, londonToday(this.clock), size + 1, cursor as [string, string] | null, backward);
    const page = toPage(rows, size, (r) => [r.portfolioIssueDate, r.participantId], { backward, hasCursor: Boolean(cursor) });
    await this.audit.recordRead(viewer, { action: 'paymentAccount.listOverdue', targetType: 'participant', detail: { returned: page.items.map((r) => r.participantId) } });
    return page;
  }

  /** ATS-17: reminds each participant once when their balance becomes overdue. Idempotent (dedupe key per participant). */
  async remindOverdueBalances(viewer: Viewer): Promise<number> {
    requireRole(viewer, SWEEP_ROLES);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const rows = await this.overdueRows(manager, today, null, null);
      const members = rows.length ? await manager.findBy(Member, { id: In([...new Set(rows.map((r) => r.memberId))]) }) : [];
      const byId = new Map(members.map((m) => [m.id, m]));
      let queued = 0;
      for (const r of rows) {
        const m = byId.get(r.memberId);
        if (!m) continue;
        const inserted = await manager.query(
          `SELECT 1 FROM notification WHERE dedupe_key = $1`,
          [`balance-overdue:${r.participantId}`],
        );
        if (inserted.length) continue;
        await this.notifications.enqueue(manager, {
          recipientMemberId: m.id,
          toAddress: m.email,
          template: 'ATS_FEE_BALANCE_OVERDUE',
          subject: 'Your Advanced Teacher Status programme fee is overdue',
          body: `Dear ${m.givenName},\n\nThe full programme fee was due by ${r.balanceDueOn}. ${formatPounds(r.outstandingPence)} is still outstanding; please pay it online or by phone.`,
          rule: 'ATS-17',
          dedupeKey: `balance-overdue:${r.participantId}`,
        });
        queued++;
      }
      return { result: queued, audit: { action: 'paymentAccount.remindOverdue', targetType: 'participant', detail: { reminded: queued } } };
    });
  }

  /** Locks the participant's account row: payments and refunds for one participant settle one at a time. */
  async lock(manager: EntityManager, participantId: string): Promise<PaymentAccount> {
    const account = await manager.findOne(PaymentAccount, { where: { participantId }, lock: { mode: 'pessimistic_write' } });
    if (!account) throw notFound('Payment account');
    return account;
  }

  /**
   * ATS-57: the account of a participant, for the member themself or staff in `staffRoles`. A member gets the same
   * FORBIDDEN for someone else's participation and for one that does not exist, so existence is never revealed.
   */
  async findForViewer(viewer: Viewer, participantId: string, staffRoles: readonly Role[]): Promise<PaymentAccount> {
    const staff = hasAnyRole(viewer, staffRoles);
    if (!staff && !viewer.memberId) throw forbidden('Your role does not allow this');
    const account = await this.dataSource.getRepository(PaymentAccount).findOneBy({ participantId });
    if (staff && !account) throw notFound('Payment account');
    if (!account || (!staff && account.memberId !== viewer.memberId)) throw forbidden('Members may see and act on only their own records', 'ATS-57');
    return account;
  }

  /**
   * DEC-P3: FINANCE's list of amounts overdue on their own due dates, before the six-month mark of ATS-17: the
   * registration payment, each direct-debit instalment, each employer invoice; earliest due first. Accounts closed by
   * a cooling-off withdrawal and accounts whose collection stopped (ATS-45) are not collected, so not listed.
   */
  async overdueItems(viewer: Viewer, request: PageRequest = {}): Promise<Page<OverdueItem>> {
    requireRole(viewer, OVERDUE_READER_ROLES, 'DEC-P3');
    const size = pageSize(request);
    const backward = isBackward(request);
    const given = backward ? request.before : request.after;
    const cursor = given ? (decodeCursor(given, ['date', 'uuid'], backward ? 'before' : 'after') as [string, string]) : null;
    const today = londonToday(this.clock);
    const params: unknown[] = [today, size + 1];
    let keyset = '';
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      keyset = `AND (i.due_on, i.id) ${backward ? '<' : '>'} ($3::date, $4::uuid)`;
    }
    const order = backward ? 'DESC' : 'ASC';
    const rows: { scheduleItemId: string; itemKind: ScheduleItemKind; participantId: string; memberId: string; invoiceNumber: string | null; employerName: string | null; amountPence: number; outstandingPence: number; dueOn: string }[] =
      await this.dataSource.query(
        `SELECT i.id AS "scheduleItemId", i.kind AS "itemKind", i.participant_id AS "participantId", a.member_id AS "memberId",
                inv.number AS "invoiceNumber", COALESCE(inv.employer_name, a.employer_name) AS "employerName",
                i.amount_pence AS "amountPence", (i.amount_pence - i.paid_pence) AS "outstandingPence", i.due_on::text AS "dueOn"
           FROM payment_schedule_item i
           JOIN payment_account a ON a.id = i.account_id
           LEFT JOIN invoice inv ON inv.id = i.invoice_id
          WHERE i.status = 'PENDING' AND i.paid_pence < i.amount_pence AND i.due_on < $1::date
            AND a.cancelled_at IS NULL AND a.collection_stopped_at IS NULL ${keyset}
          ORDER BY i.due_on ${order}, i.id ${order}
          LIMIT $2`,
        params,
      );
    await this.audit.recordRead(viewer, { action: 'paymentAccount.listOverdueItems', targetType: 'participant', detail: { returned: rows.slice(0, size).map((r) => r.participantId) } });
    const items: OverdueItem[] = rows.map(({ itemKind, ...r }) => ({
      ...r,
      kind: itemKind === ScheduleItemKind.INVOICE ? OverdueItemKind.INVOICE : itemKind === ScheduleItemKind.DIRECT_DEBIT_INSTALMENT ? OverdueItemKind.DIRECT_DEBIT_INSTALMENT : OverdueItemKind.REGISTRATION_PAYMENT,
      daysOverdue: daysBetween(r.dueOn, today),
    }));
    return toPage(items, size, (r) => [r.dueOn, r.scheduleItemId], { backward, hasCursor: Boolean(cursor) });
  }

  /** The account's payments with what was already refunded from each, for refund planning. */
  private async refundablePayments(manager: EntityManager, account: PaymentAccount): Promise<{ payments: Payment[]; refundable: RefundablePayment[] }> {
    const payments = await manager.find(Payment, { where: { accountId: account.id }, order: { receivedAt: 'ASC', id: 'ASC' } });
    const refunds = await manager.find(Refund, { where: { accountId: account.id } });
    const refundable = payments.map((p) => ({
      id: p.id,
      amountPence: p.amountPence,
      creditPence: p.creditPence,
      refundedPence: refunds.filter((r) => r.paymentId === p.id).reduce((s, r) => s + r.amountPence, 0),
      receivedAt: p.receivedAt,
    }));
    return { payments, refundable };
  }

  /** DEC-P5: one refund row per payment, to its payer by its channel. */
  private async insertRefunds(manager: EntityManager, account: PaymentAccount, payments: Payment[], plan: PlannedRefund[], kind: RefundKind, reason: string, by: string): Promise<Refund[]> {
    const now = this.clock.now();
    const rows: Refund[] = [];
    for (const planned of plan) {
      const p = payments.find((x) => x.id === planned.paymentId)!;
      const refund = manager.create(Refund, {
        accountId: account.id,
        participantId: account.participantId,
        paymentId: p.id,
        amountPence: planned.amountPence,
        kind,
        channel: p.channel,
        payerKind: p.payerKind,
        payerName: p.payerName,
        payerEmail: p.payerEmail,
        providerRefundReference: null,
        reason,
        refundedAt: now,
        refundedBy: by.slice(0, 64),
      });
      rows.push(await manager.save(refund));
    }
    return rows;
  }

  /** DEC-P5: each payer is told what goes back to them and how; the participant's copy goes to their notifications. */
  private async notifyRefunds(manager: EntityManager, member: Member, refunds: Refund[], rule: string, text: (totalPence: Pence, toParticipant: boolean) => string): Promise<void> {
    const byPayer = new Map<string, Refund[]>();
    for (const r of refunds) {
      const toParticipant = r.payerKind === PayerKind.PARTICIPANT || !r.payerEmail;
      const key = toParticipant ? 'participant' : `employer:${r.payerEmail!.toLowerCase()}`;
      byPayer.set(key, [...(byPayer.get(key) ?? []), r]);
    }
    const how = { ONLINE: 'to the card used online', PHONE: 'to the card used by phone', DIRECT_DEBIT: 'to the bank account the direct debit came from', BACS: 'by bank transfer to the account that paid' };
    for (const [key, group] of byPayer) {
      const toParticipant = key === 'participant';
      const total = group.reduce((s, r) => s + r.amountPence, 0);
      const lines = group.map((r) => `- ${formatPounds(r.amountPence)} ${how[r.channel]}`).join('\n');
      await this.notifications.enqueue(manager, {
        recipientMemberId: toParticipant ? member.id : null,
        toAddress: toParticipant ? member.email : group[0].payerEmail!,
        template: 'ATS_FEE_REFUNDED',
        subject: `Your refund of ${formatPounds(total)} for the Advanced Teacher Status programme`,
        body: `Dear ${toParticipant ? member.givenName : group[0].payerName},\n\n${text(total, toParticipant)}${toParticipant ? '' : ` (for ${member.givenName} ${member.familyName})`}\n${lines}`,
        rule,
        dedupeKey: `refund:${group[0].id}`,
      });
    }
  }

  /** Reads everything a balance shows, through `manager` (inside a transaction it sees that transaction's writes). */
  async view(manager: EntityManager, account: PaymentAccount): Promise<BalanceView> {
    // One after another: inside a transaction the manager holds a single connection.
    const items = await manager.find(ScheduleItem, { where: { accountId: account.id }, order: { sequence: 'ASC' } });
    const payments = await manager.find(Payment, { where: { accountId: account.id }, order: { receivedAt: 'ASC', id: 'ASC' } });
    const refunds = await manager.find(Refund, { where: { accountId: account.id }, order: { refundedAt: 'ASC', id: 'ASC' } });
    const invoices = await manager.find(Invoice, { where: { accountId: account.id }, order: { issuedOn: 'ASC', id: 'ASC' } });
    const participant = await manager.findOneBy(Participant, { id: account.participantId });
    const cohort = participant ? await manager.findOneBy(Cohort, { id: participant.originalCohortId }) : null;
    const figures = balanceFigures(account.chargePence, items, payments, refunds);
    return {
      ...figures,
      account,
      participantId: account.participantId,
      memberId: account.memberId,
      plan: account.plan,
      registrationDate: account.registrationDate,
      employerName: account.employerName,
      cancelledAt: account.cancelledAt,
      creditPence: accountCredit(
        payments.map((p) => ({ creditPence: p.creditPence, refundedPence: refunds.filter((r) => r.paymentId === p.id).reduce((s, r) => s + r.amountPence, 0) })),
      ),
      collectionStoppedAt: account.collectionStoppedAt,
      balanceDecision: account.balanceDecision,
      balanceDecisionReason: account.balanceDecisionReason,
      paidInFull: figures.outstandingPence === 0,
      balanceDueOn: cohort ? balanceDueDate(cohort.portfolioIssueDate) : null,
      overdue: cohort ? isBalanceOverdue(cohort.portfolioIssueDate, figures.outstandingPence, londonToday(this.clock)) : false,
      items,
      payments,
      refunds,
      invoices,
    };
  }

  /**
   * ATS-17: open balances of participants whose cohort (the one registered into, where the process started) passed its
   * balance due date before `today`. Cohorts are few, so the due-date rule runs in code over them, exactly as tested.
   */
  private async overdueRows(manager: EntityManager, today: LocalDate, limit: number | null, after: [string, string] | null, backward = false): Promise<OverdueBalance[]> {
    const cohorts = await manager.find(Cohort, { select: { id: true, portfolioIssueDate: true } });
    const pastDue = cohorts.filter((c) => isBalanceOverdue(c.portfolioIssueDate, 1, today)).map((c) => c.id);
    if (pastDue.length === 0) return [];
    const params: unknown[] = [pastDue];
    let keyset = '';
    if (after) {
      params.push(after[0], after[1]);
      keyset = `AND (c.portfolio_issue_date, a.participant_id) ${backward ? '<' : '>'} ($2::date, $3::uuid)`;
    }
    let limitSql = '';
    if (limit) {
      params.push(limit);
      limitSql = `LIMIT $${params.length}`;
    }
    const rows: { participantId: string; memberId: string; cohortId: string; cohortName: string; portfolioIssueDate: string; outstandingPence: number }[] = await manager.query(
      `SELECT a.participant_id AS "participantId", a.member_id AS "memberId", c.id AS "cohortId", c.name AS "cohortName",
              c.portfolio_issue_date::text AS "portfolioIssueDate", SUM(i.amount_pence - i.paid_pence)::int AS "outstandingPence"
         FROM payment_account a
         JOIN participant p ON p.id = a.participant_id
         JOIN cohort c ON c.id = p.original_cohort_id
         JOIN payment_schedule_item i ON i.account_id = a.id AND i.status = 'PENDING'
        WHERE c.id = ANY($1::uuid[]) AND a.cancelled_at IS NULL AND a.balance_decision IS DISTINCT FROM 'WRITE_OFF' ${keyset}
        GROUP BY a.participant_id, a.member_id, c.id, c.name, c.portfolio_issue_date
       HAVING SUM(i.amount_pence - i.paid_pence) > 0
        ORDER BY c.portfolio_issue_date ${backward ? 'DESC' : 'ASC'}, a.participant_id ${backward ? 'DESC' : 'ASC'}
        ${limitSql}`,
      params,
    );
    return rows.map((r) => {
      const due = balanceDueDate(r.portfolioIssueDate);
      return { ...r, balanceDueOn: due, daysOverdue: daysBetween(due, today) };
    });
  }
}

/** Invoice numbers come from a database sequence, so concurrent registrations never collide. */
export async function nextInvoiceNumber(manager: EntityManager): Promise<string> {
  const [{ n }] = await manager.query(`SELECT nextval('invoice_number_seq')::text AS n`);
  return `ATS-${String(n).padStart(7, '0')}`;
}
