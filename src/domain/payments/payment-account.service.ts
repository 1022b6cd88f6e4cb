import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { Cohort } from '../ats/programme/cohort.entity';
import { Participant } from '../ats/programme/participant.entity';
import { PaymentPlan } from '../ats/programme/programme.enums';
import { Member } from '../membership/member.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { daysBetween, londonToday, type LocalDate } from '../shared/dates';
import { badInput, conflict, notFound, ruleViolation } from '../shared/errors';
import { formatPounds, type Pence } from '../shared/money';
import { decodeCursor, isBackward, pageSize, toPage, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import { Role, requireMemberId, requireSelfOrRole, type Viewer } from '../shared/viewer';
import { Invoice } from './invoice.entity';
import { PaymentAccount } from './payment-account.entity';
import { Payment } from './payment.entity';
import { InvoiceStatus, ScheduleItemKind, ScheduleItemStatus } from './payment.enums';
import { balanceDueDate, balanceFigures, invoiceDueDate, isBalanceOverdue, paymentSchedule, refundableAmount, type BalanceFigures } from './payments.rules';
import { Refund } from './refund.entity';
import { ScheduleItem } from './schedule-item.entity';

/** Staff whose work needs participants' balances (ATS-57: members see only their own). */
export const BALANCE_READER_ROLES = [Role.FINANCE, Role.ADMIN, Role.MEMBERSHIP_TEAM];

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
    const planned = paymentSchedule(input.plan, input.chargePence, input.registrationDate);
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
        dueOn: invoiceDueDate(input.registrationDate),
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

  /**
   * ATS-20 / DEC-P2: refunds everything paid (up to the programme fee), cancels unpaid instalments and open invoices;
   * returns pence refunded. Queues the refund email. Runs in the caller's transaction; a second call refunds nothing.
   */
  async refundInFullAndCancel(manager: EntityManager, participantId: string, reason: string): Promise<number> {
    const why = (reason ?? '').trim();
    if (!why) throw badInput('reason', 'Give the reason for the refund');
    const account = await this.lock(manager, participantId);
    const now = this.clock.now();
    const payments = await manager.find(Payment, { where: { accountId: account.id } });
    const refunds = await manager.find(Refund, { where: { accountId: account.id } });
    const figures = balanceFigures(account.chargePence, [], payments, refunds);
    const amount = refundableAmount(figures.paidPence, figures.refundedPence, account.chargePence);
    if (amount > 0) await manager.insert(Refund, { accountId: account.id, participantId, amountPence: amount, reason: why, refundedAt: now });
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
    if (amount > 0 || firstCancellation) {
      const member = await manager.findOneBy(Member, { id: account.memberId });
      if (member) {
        const cancelledSomething = (cancelledItems.affected ?? 0) + (cancelledInvoices.affected ?? 0) > 0;
        await this.notifications.enqueue(manager, {
          recipientMemberId: member.id,
          toAddress: member.email,
          template: 'ATS_FEE_REFUNDED',
          subject: amount > 0 ? `Your refund of ${formatPounds(amount)} for the Advanced Teacher Status programme` : 'Your Advanced Teacher Status programme payments have been cancelled',
          body:
            `Dear ${member.givenName},\n\n` +
            (amount > 0 ? `We are refunding ${formatPounds(amount)}, everything you paid towards the programme fee. ` : 'You had paid nothing towards the programme fee, so there is nothing to refund. ') +
            (cancelledSomething ? 'Any unpaid instalments and open invoices have been cancelled, and nothing more will be collected.' : 'Nothing more will be collected.'),
          rule: 'ATS-20',
          dedupeKey: `fee-refund:${account.id}:${figures.refundedPence + amount}`,
        });
      }
    }
    return amount;
  }

  /** A participant's balance for the member themself or for staff (ATS-57; staff reads are audited). */
  async balance(viewer: Viewer, participantId: string): Promise<BalanceView> {
    const account = await this.dataSource.getRepository(PaymentAccount).findOneBy({ participantId });
    if (!account) throw notFound('Payment account');
    const staffRead = requireSelfOrRole(viewer, account.memberId, BALANCE_READER_ROLES);
    const view = await this.view(this.dataSource.manager, account);
    if (staffRead) await this.audit.recordRead(viewer, { action: 'paymentAccount.read', targetType: 'participant', targetId: participantId });
    return view;
  }

  /** The signed-in member's own accounts, newest first. */
  async myBalances(viewer: Viewer): Promise<BalanceView[]> {
    const memberId = requireMemberId(viewer);
    const accounts = await this.dataSource.getRepository(PaymentAccount).find({ where: { memberId }, order: { openedAt: 'DESC', id: 'ASC' } });
    return Promise.all(accounts.map((a) => this.view(this.dataSource.manager, a)));
  }

  /** ATS-17: FINANCE's list of participants whose balance is still open after it fell due, oldest cohort first. */
  async overdueBalances(viewer: Viewer, request: PageRequest = {}): Promise<Page<OverdueBalance>> {
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
        WHERE c.id = ANY($1::uuid[]) AND a.cancelled_at IS NULL ${keyset}
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
