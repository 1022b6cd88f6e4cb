import { In, type DataSource, type EntityManager } from 'typeorm';
import { Member } from '../membership/member.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { badInput, DomainError, forbidden, notFound, ruleViolation } from '../shared/errors';
import { formatPounds, type Pence } from '../shared/money';
import type { UnitOfWork } from '../shared/unit-of-work';
import { hasAnyRole, primaryRole, requireSelfOrRole, Role, type Viewer } from '../shared/viewer';
import { Invoice } from './invoice.entity';
import { PaymentAccount } from './payment-account.entity';
import type { PaymentAccountService } from './payment-account.service';
import { Payment, PaymentAllocation } from './payment.entity';
import { InvoiceStatus, PaymentChannel, ScheduleItemStatus } from './payment.enums';
import { allocatePayment, assertFeeAmount, assertSameRequest, balanceFigures } from './payments.rules';
import { Refund } from './refund.entity';
import { ScheduleItem } from './schedule-item.entity';

/** Staff who record payments of any channel for any participant. */
export const PAYMENT_RECORDER_ROLES = [Role.FINANCE];

export interface RecordPaymentInput {
  participantId: string;
  amountPence: Pence;
  channel: PaymentChannel;
  /** Client-supplied and unique: the same key again returns the original payment. */
  idempotencyKey: string;
  /** The card processor's confirmation, the direct-debit collection reference or the BACS remittance reference. */
  providerReference: string;
  /** Settle this invoice (a BACS payment against it). */
  invoiceNumber?: string | null;
  /** Settle this schedule item (e.g. one instalment). */
  scheduleItemId?: string | null;
}

/** Thrown inside the transaction when the key was used by a payment committed meanwhile: roll back, return that one. */
class ReplayedPayment extends Error {
  constructor(readonly payment: Payment) {
    super('replayed payment');
  }
}

/** ATS-16: payments taken online or by phone, direct-debit collections and BACS transfers; each confirmed by email. */
export class PaymentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly accounts: PaymentAccountService,
  ) {}

  /**
   * Records a payment exactly once per idempotency key (a retry, a double click or concurrent requests get the original
   * payment back; the same key for another participant, amount or channel is a CONFLICT). FINANCE records any channel;
   * a member records only their own ONLINE card payment (ATS-57). Settles the earliest open items first, or the
   * invoice or schedule item named; never more than is outstanding. Confirmed by email in the same transaction.
   */
  async record(viewer: Viewer, input: RecordPaymentInput): Promise<Payment> {
    const request = this.normalise(input);
    const account = await this.dataSource.getRepository(PaymentAccount).findOneBy({ participantId: request.participantId });
    if (!account) throw notFound('Payment account');
    this.assertMayPay(viewer, account, request.channel);

    const earlier = await this.dataSource.getRepository(Payment).findOneBy({ idempotencyKey: request.idempotencyKey });
    if (earlier) return this.replay(earlier, request);

    try {
      return await this.uow.run(viewer, async (manager) => {
        const locked = await this.accounts.lock(manager, request.participantId);
        // Another request with this key may have committed while this one waited for the lock.
        const raced = await manager.findOneBy(Payment, { idempotencyKey: request.idempotencyKey });
        if (raced) throw new ReplayedPayment(raced);
        const { payment, outstandingAfter } = await this.settle(manager, viewer, locked, request);
        await this.confirm(manager, locked, payment, outstandingAfter);
        return {
          result: payment,
          audit: {
            action: 'payment.record',
            targetType: 'participant',
            targetId: request.participantId,
            detail: { paymentId: payment.id, amountPence: payment.amountPence, channel: payment.channel },
          },
        };
      });
    } catch (error) {
      if (error instanceof ReplayedPayment) return this.replay(error.payment, request);
      if (error instanceof DomainError && error.code === 'CONFLICT') {
        // A unique-key race lost to a concurrent request with the same key: answer with the payment that won.
        const winner = await this.dataSource.getRepository(Payment).findOneBy({ idempotencyKey: request.idempotencyKey });
        if (winner) return this.replay(winner, request);
      }
      throw error;
    }
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

  /** ATS-57: a member pays only their own fee, and only by online card payment; FINANCE records any channel. */
  private assertMayPay(viewer: Viewer, account: PaymentAccount, channel: PaymentChannel): void {
    if (hasAnyRole(viewer, PAYMENT_RECORDER_ROLES)) return;
    requireSelfOrRole(viewer, account.memberId, []); // ATS-57: a member pays only their own fees
    if (channel !== PaymentChannel.ONLINE) throw forbidden('Members may record only their own online card payments', 'ATS-16');
  }

  private replay(existing: Payment, request: RecordPaymentInput): Payment {
    assertSameRequest(existing, request);
    return existing;
  }

  private async settle(manager: EntityManager, viewer: Viewer, account: PaymentAccount, request: RecordPaymentInput): Promise<{ payment: Payment; outstandingAfter: Pence }> {
    if (account.cancelledAt) throw ruleViolation('ATS-20', 'This participant withdrew and their account was refunded and closed; no further payments are taken');
    const items = await manager.find(ScheduleItem, { where: { accountId: account.id }, order: { sequence: 'ASC' } });
    let targetItemId: string | undefined;
    let invoice: Invoice | null = null;
    if (request.invoiceNumber) {
      invoice = await manager.findOneBy(Invoice, { number: request.invoiceNumber.trim(), accountId: account.id });
      if (!invoice) throw notFound('Invoice');
      if (invoice.status !== InvoiceStatus.OPEN) throw ruleViolation('ATS-16', `Invoice ${invoice.number} is ${invoice.status.toLowerCase()}`);
      targetItemId = items.find((i) => i.invoiceId === invoice!.id)?.id;
    } else if (request.scheduleItemId) {
      if (!items.some((i) => i.id === request.scheduleItemId)) throw notFound('Schedule item');
      targetItemId = request.scheduleItemId;
    }
    const allocations = allocatePayment(items, request.channel, request.amountPence, targetItemId);

    const now = this.clock.now();
    const touched = items.filter((i) => allocations.some((a) => a.scheduleItemId === i.id));
    const invoiceId = invoice?.id ?? touched.find((i) => i.invoiceId)?.invoiceId ?? null;
    const payment = manager.create(Payment, {
      idempotencyKey: request.idempotencyKey,
      accountId: account.id,
      participantId: account.participantId,
      memberId: account.memberId,
      amountPence: request.amountPence,
      channel: request.channel,
      providerReference: request.providerReference,
      invoiceId,
      receivedAt: now,
      recordedBy: viewer.subject,
      recordedByRole: primaryRole(viewer),
    });
    await manager.save(payment);
    await manager.insert(
      PaymentAllocation,
      allocations.map((a) => ({ paymentId: payment.id, scheduleItemId: a.scheduleItemId, amountPence: a.amountPence })),
    );
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
    return { payment, outstandingAfter: balanceFigures(account.chargePence, items, payments, refunds).outstandingPence };
  }

  /** ATS-16: every payment is confirmed by email to the address of the membership, in the payment's transaction. */
  private async confirm(manager: EntityManager, account: PaymentAccount, payment: Payment, outstandingAfter: Pence): Promise<void> {
    const member = await manager.findOneBy(Member, { id: account.memberId });
    if (!member) return;
    const how = { ONLINE: 'online card payment', PHONE: 'card payment by phone', DIRECT_DEBIT: 'direct debit', BACS: 'BACS transfer' }[payment.channel];
    await this.notifications.enqueue(manager, {
      recipientMemberId: member.id,
      toAddress: member.email,
      template: 'ATS_PAYMENT_CONFIRMED',
      subject: `We have received your payment of ${formatPounds(payment.amountPence)}`,
      body:
        `Dear ${member.givenName},\n\nThank you: we have received ${formatPounds(payment.amountPence)} by ${how} (reference ${payment.providerReference}) ` +
        `towards your Advanced Teacher Status programme fee. ` +
        (outstandingAfter === 0 ? 'Your fee is now paid in full.' : `${formatPounds(outstandingAfter)} remains to be paid under your payment plan.`),
      rule: 'ATS-16',
      dedupeKey: `payment-confirmed:${payment.id}`,
    });
  }
}
