import { In, type DataSource, type EntityManager } from 'typeorm';
import { Member } from '../membership/member.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { badInput, conflict, DomainError, notFound } from '../shared/errors';
import { formatPounds, type Pence } from '../shared/money';
import type { UnitOfWork } from '../shared/unit-of-work';
import { primaryRole, requireRole, Role, type Viewer } from '../shared/viewer';
import { Invoice } from './invoice.entity';
import { PaymentAccount } from './payment-account.entity';
import type { PaymentAccountService } from './payment-account.service';
import { Payment, PaymentAllocation } from './payment.entity';
import { InvoiceStatus, PayerKind, PaymentChannel, ScheduleItemStatus } from './payment.enums';
import { allocateReceipt, assertFeeAmount, assertSameRequest, balanceFigures } from './payments.rules';
import { Refund } from './refund.entity';
import { ScheduleItem } from './schedule-item.entity';

/** Staff who record phone card payments, direct-debit collections and BACS receipts by hand (DEC-P4). */
export const PAYMENT_RECORDER_ROLES = [Role.FINANCE];

/** DEC-P5: who paid. The participant by default; an employer with its name and the address its refunds go to. */
export interface PayerInput {
  kind: PayerKind;
  name?: string | null;
  email?: string | null;
}

export interface Payer {
  kind: PayerKind;
  name: string | null;
  email: string | null;
}

export interface RecordPaymentInput {
  participantId: string;
  amountPence: Pence;
  channel: PaymentChannel;
  /** Client-supplied and unique: the same key again returns the original payment. */
  idempotencyKey: string;
  /** The card processor's payment id, the direct-debit collection reference or the BACS remittance reference. */
  providerReference: string;
  /** Settle this invoice (BACS or card, DEC-P3). */
  invoiceNumber?: string | null;
  /** Settle this schedule item (e.g. one instalment). */
  scheduleItemId?: string | null;
  payer?: PayerInput | null;
}

/** Money received, however it arrived: by FINANCE's hand or from a provider's verified event. */
export interface Receipt {
  idempotencyKey: string;
  amountPence: Pence;
  channel: PaymentChannel;
  providerReference: string;
  invoiceId?: string | null;
  scheduleItemId?: string | null;
  payer: Payer;
  recordedBy: string;
  recordedByRole: string;
}

/** Thrown inside the transaction when the key was used by a payment committed meanwhile: roll back, return that one. */
class ReplayedPayment extends Error {
  constructor(readonly payment: Payment) {
    super('replayed payment');
  }
}

const duplicateReference = (channel: PaymentChannel, reference: string) =>
  conflict(`A ${channel} payment with reference ${reference} is already recorded; the same reference on the same channel is never recorded twice`, 'ATS-16');

/**
 * ATS-16: payments by phone, direct-debit collections and BACS transfers recorded by FINANCE, and (through
 * CardPaymentService) card payments confirmed by the provider; each confirmed by email to the payer.
 */
export class PaymentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly accounts: PaymentAccountService,
  ) {}

  /**
   * FINANCE records a payment exactly once per idempotency key (a retry, a double click or concurrent requests get the
   * original payment back; the same key for another participant, amount or channel is a CONFLICT), and never twice
   * for the same reference on the same channel whatever the key (a unique constraint). Settles the earliest open items
   * the channel can pay, or the invoice or schedule item named; anything beyond what is owed is kept as a credit
   * (DEC-P5). Confirmed by email in the same transaction.
   */
  async record(viewer: Viewer, input: RecordPaymentInput): Promise<Payment> {
    requireRole(viewer, PAYMENT_RECORDER_ROLES, 'DEC-P4');
    const request = this.normalise(input);
    const account = await this.dataSource.getRepository(PaymentAccount).findOneBy({ participantId: request.participantId });
    if (!account) throw notFound('Payment account');

    const earlier = await this.dataSource.getRepository(Payment).findOneBy({ idempotencyKey: request.idempotencyKey });
    if (earlier) return this.replay(earlier, request);
    if (await this.dataSource.getRepository(Payment).existsBy({ channel: request.channel, providerReference: request.providerReference })) {
      // A concurrent request with the same key may have committed between the two reads: it is a replay, not a duplicate.
      const winner = await this.dataSource.getRepository(Payment).findOneBy({ idempotencyKey: request.idempotencyKey });
      if (winner) return this.replay(winner, request);
      throw duplicateReference(request.channel, request.providerReference);
    }

    try {
      return await this.uow.run(viewer, async (manager) => {
        const locked = await this.accounts.lock(manager, request.participantId);
        // Another request with this key may have committed while this one waited for the lock.
        const raced = await manager.findOneBy(Payment, { idempotencyKey: request.idempotencyKey });
        if (raced) throw new ReplayedPayment(raced);
        let invoiceId: string | null = null;
        if (request.invoiceNumber) {
          const invoice = await manager.findOneBy(Invoice, { number: request.invoiceNumber.trim(), accountId: locked.id });
          if (!invoice) throw notFound('Invoice');
          invoiceId = invoice.id;
        }
        if (request.scheduleItemId && !(await manager.existsBy(ScheduleItem, { id: request.scheduleItemId, accountId: locked.id }))) throw notFound('Schedule item');
        const payer = await this.resolvePayer(manager, locked, request.payer ?? null, invoiceId !== null && request.channel === PaymentChannel.BACS);
        const payment = await this.recordReceipt(manager, locked, {
          idempotencyKey: request.idempotencyKey,
          amountPence: request.amountPence,
          channel: request.channel,
          providerReference: request.providerReference,
          invoiceId,
          scheduleItemId: request.scheduleItemId ?? null,
          payer,
          recordedBy: viewer.subject,
          recordedByRole: primaryRole(viewer),
        });
        return {
          result: payment,
          audit: {
            action: 'payment.record',
            targetType: 'participant',
            targetId: request.participantId,
            detail: { paymentId: payment.id, amountPence: payment.amountPence, creditPence: payment.creditPence, channel: payment.channel, payerKind: payment.payerKind },
          },
        };
      });
    } catch (error) {
      if (error instanceof ReplayedPayment) return this.replay(error.payment, request);
      if (error instanceof DomainError && error.code === 'CONFLICT' && !error.rule) {
        // A unique-key race lost to a concurrent request: with the same key, answer with the payment that won;
        // with the same reference on the same channel, say so.
        const winner = await this.dataSource.getRepository(Payment).findOneBy({ idempotencyKey: request.idempotencyKey });
        if (winner) return this.replay(winner, request);
        if (await this.dataSource.getRepository(Payment).existsBy({ channel: request.channel, providerReference: request.providerReference })) {
          throw duplicateReference(request.channel, request.providerReference);
        }
      }
      throw error;
    }
  }

  /**
   * Records money received on a locked account, in the caller's transaction: allocates it (DEC-P3), keeps the rest as a
   * credit (DEC-P5), settles items and invoices, and emails the payer (ATS-16). Used by FINANCE's `record` and by the
   * provider's verified card events.
   */
  async recordReceipt(manager: EntityManager, account: PaymentAccount, receipt: Receipt): Promise<Payment> {
    const items = await manager.find(ScheduleItem, { where: { accountId: account.id }, order: { sequence: 'ASC' } });
    let targetItemId = receipt.scheduleItemId ?? undefined;
    if (receipt.invoiceId) targetItemId = items.find((i) => i.invoiceId === receipt.invoiceId)?.id ?? '';
    const { allocations, creditPence } = allocateReceipt(items, receipt.channel, receipt.amountPence, targetItemId);

    const now = this.clock.now();
    const touched = items.filter((i) => allocations.some((a) => a.scheduleItemId === i.id));
    const invoiceId = receipt.invoiceId ?? touched.find((i) => i.invoiceId)?.invoiceId ?? null;
    const payment = manager.create(Payment, {
      idempotencyKey: receipt.idempotencyKey,
      accountId: account.id,
      participantId: account.participantId,
      memberId: account.memberId,
      amountPence: receipt.amountPence,
      creditPence,
      channel: receipt.channel,
      providerReference: receipt.providerReference,
      invoiceId,
      payerKind: receipt.payer.kind,
      payerName: receipt.payer.name,
      payerEmail: receipt.payer.email,
      receivedAt: now,
      recordedBy: receipt.recordedBy.slice(0, 64),
      recordedByRole: receipt.recordedByRole.slice(0, 40),
    });
    await manager.save(payment);
    if (allocations.length) {
      await manager.insert(
        PaymentAllocation,
        allocations.map((a) => ({ paymentId: payment.id, scheduleItemId: a.scheduleItemId, amountPence: a.amountPence })),
      );
    }
    for (const item of touched) {
      item.paidPence += allocations.find((a) => a.scheduleItemId === item.id)!.amountPence;
      if (item.paidPence === item.amountPence) {
        item.status = ScheduleItemStatus.PAID;
        item.paidAt = now;
        if (item.invoiceId) await manager.update(Invoice, { id: item.invoiceId, status: InvoiceStatus.OPEN }, { status: InvoiceStatus.SETTLED, settledAt: now });
      }
      await manager.save(item);
    }
    const payments = await manager.findBy(Payment, { accountId: account.id });
    const refunds = await manager.findBy(Refund, { accountId: account.id });
    await this.confirm(manager, account, payment, balanceFigures(account.chargePence, items, payments, refunds).outstandingPence);
    return payment;
  }

  /**
   * DEC-P5: who paid. Given explicitly, or by default the employer for a BACS payment against its invoice and the
   * participant otherwise. An employer needs a name (the account's employer by default) and takes its refunds at the
   * address given (the member's employer contact by default).
   */
  async resolvePayer(manager: EntityManager, account: PaymentAccount, input: PayerInput | null, employerByDefault: boolean): Promise<Payer> {
    const member = await manager.findOneByOrFail(Member, { id: account.memberId });
    const kind = input?.kind ?? (employerByDefault ? PayerKind.EMPLOYER : PayerKind.PARTICIPANT);
    if (kind === PayerKind.PARTICIPANT) return { kind, name: `${member.givenName} ${member.familyName}`.trim(), email: member.email };
    if (kind !== PayerKind.EMPLOYER) throw badInput('payer.kind', 'Unknown payer');
    const name = input?.name?.trim() || account.employerName || member.employerName?.trim() || null;
    if (!name) throw badInput('payer.name', 'Give the name of the employer who paid');
    const email = input?.email?.trim() || member.employerContactEmail?.trim() || null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badInput('payer.email', 'Give a valid email address for the employer');
    return { kind, name, email };
  }

  /** How each of these payments was spread over schedule items, keyed by payment id (for a per-request loader). */
  async allocationsByPayment(paymentIds: readonly string[]): Promise<Map<string, PaymentAllocation[]>> {
    const rows = paymentIds.length ? await this.dataSource.getRepository(PaymentAllocation).findBy({ paymentId: In([...paymentIds]) }) : [];
    const map = new Map<string, PaymentAllocation[]>();
    for (const r of rows) map.set(r.paymentId, [...(map.get(r.paymentId) ?? []), r]);
    return map;
  }

  private normalise(input: RecordPaymentInput): RecordPaymentInput {
    const idempotencyKey = (input.idempotencyKey ?? '').trim();
    if (idempotencyKey.length < 8 || idempotencyKey.length > 100) throw badInput('idempotencyKey', 'The idempotency key must be 8 to 100 characters');
    const providerReference = (input.providerReference ?? '').trim();
    if (!providerReference) throw badInput('providerReference', 'Give the payment provider or bank reference');
    if (!Object.values(PaymentChannel).includes(input.channel)) throw badInput('channel', 'Unknown payment channel');
    if (input.invoiceNumber && input.scheduleItemId) throw badInput('invoiceNumber', 'Name an invoice or a schedule item, not both');
    return { ...input, amountPence: assertFeeAmount(input.amountPence), idempotencyKey, providerReference };
  }

  private replay(existing: Payment, request: RecordPaymentInput): Payment {
    assertSameRequest(existing, request);
    return existing;
  }

  /** ATS-16: every payment is confirmed by email to whoever paid it (DEC-P5), in the payment's transaction. */
  private async confirm(manager: EntityManager, account: PaymentAccount, payment: Payment, outstandingAfter: Pence): Promise<void> {
    const member = await manager.findOneBy(Member, { id: account.memberId });
    if (!member) return;
    const how = { ONLINE: 'online card payment', PHONE: 'card payment by phone', DIRECT_DEBIT: 'direct debit', BACS: 'BACS transfer' }[payment.channel];
    const toEmployer = payment.payerKind === PayerKind.EMPLOYER && !!payment.payerEmail;
    const credit =
      payment.creditPence > 0
        ? ` ${formatPounds(payment.creditPence)} of it was more than was owed and is held as a credit on the account; it can be refunded (DEC-P5).`
        : '';
    await this.notifications.enqueue(manager, {
      recipientMemberId: toEmployer ? null : member.id,
      toAddress: toEmployer ? payment.payerEmail! : member.email,
      template: 'ATS_PAYMENT_CONFIRMED',
      subject: `We have received your payment of ${formatPounds(payment.amountPence)}`,
      body:
        `Dear ${toEmployer ? payment.payerName : member.givenName},\n\nThank you: we have received ${formatPounds(payment.amountPence)} by ${how} (reference ${payment.providerReference}) ` +
        `towards ${toEmployer ? `${member.givenName} ${member.familyName}'s` : 'your'} Advanced Teacher Status programme fee.${credit} ` +
        (outstandingAfter === 0 ? 'The fee is now paid in full.' : `${formatPounds(outstandingAfter)} remains to be paid under the payment plan.`),
      rule: 'ATS-16',
      dedupeKey: `payment-confirmed:${payment.id}`,
    });
  }
}
