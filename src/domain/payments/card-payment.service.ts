import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Clock } from '../shared/clock';
import { londonToday } from '../shared/dates';
import { badInput, conflict, DomainError, notFound, ruleViolation } from '../shared/errors';
import type { Pence } from '../shared/money';
import type { UnitOfWork } from '../shared/unit-of-work';
import { requireMemberId, requireRole, Role, type Viewer } from '../shared/viewer';
import { CardCheckout } from './card-checkout.entity';
import { Invoice } from './invoice.entity';
import type { PaymentAccountService } from './payment-account.service';
import { Payment } from './payment.entity';
import { CheckoutStatus, InvoiceStatus, PaymentChannel, type PayerKind } from './payment.enums';
import { WebhookVerificationError, type PaymentProvider, type ProviderEvent } from './payment-provider';
import type { PayerInput, PaymentService } from './payment.service';
import { amountDueNow, assertFeeAmount, itemOutstanding } from './payments.rules';
import { ScheduleItem } from './schedule-item.entity';
import type { SandboxPaymentProvider, SignedDelivery } from './sandbox.provider';

/** How long a checkout stays open at the provider (Stripe allows 30 minutes to 24 hours). */
export const CHECKOUT_LIFETIME_MINUTES = 60;

export interface StartCardPaymentInput {
  participantId: string;
  /** What is due now when omitted (ATS-15, DEC-P1). */
  amountPence?: Pence | null;
  /** Client-generated: the same key again returns the same checkout. */
  idempotencyKey: string;
  /** DEC-P3: pay this employer invoice by card. */
  invoiceNumber?: string | null;
  /** DEC-P5: who pays; the participant by default. */
  payer?: PayerInput | null;
}

/** The answer to a webhook delivery: 200 for recorded, duplicate, failed and ignored; 400/503 travel as errors. */
export interface WebhookOutcome {
  outcome: 'recorded' | 'duplicate' | 'failed' | 'ignored';
  paymentId?: string;
}

/** A webhook that must be answered with an HTTP error: 400 (bad signature, stale, unknown checkout) or 503. */
export class WebhookRejected extends Error {
  constructor(
    readonly statusCode: 400 | 404 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ATS-16 / DEC-P4: card payments go through the payment provider. A member starts a checkout for an amount; the
 * payment is recorded only when the provider's signature-verified event arrives, once per provider payment id.
 */
export class CardPaymentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    readonly provider: PaymentProvider,
    private readonly payments: PaymentService,
    private readonly accounts: PaymentAccountService,
    private readonly log: (message: string, detail: Record<string, unknown>) => void = () => undefined,
  ) {}

  /**
   * A member starts a card payment for their own participation: what is due now by default, or an amount up to what is
   * outstanding, or an employer invoice (DEC-P3). Returns what the front end needs to send the member to the provider.
   * Nothing is recorded as paid here (DEC-P4).
   */
  async start(viewer: Viewer, input: StartCardPaymentInput): Promise<CardCheckout> {
    requireRole(viewer, [Role.MEMBER], 'ATS-57');
    requireMemberId(viewer);
    const idempotencyKey = (input.idempotencyKey ?? '').trim();
    if (!/^[\w.:-]{8,100}$/.test(idempotencyKey)) throw badInput('idempotencyKey', 'The idempotency key must be 8 to 100 letters, digits or . _ : -');
    if (input.amountPence !== undefined && input.amountPence !== null) assertFeeAmount(input.amountPence);
    // Ownership before anything else: a member gets the same answer for another's participation and a missing one.
    const account = await this.accounts.findForViewer(viewer, input.participantId, []);

    const earlier = await this.dataSource.getRepository(CardCheckout).findOneBy({ idempotencyKey });
    if (earlier) return this.replay(earlier, account.participantId, input.amountPence ?? null);
    if (!this.provider.available) throw ruleViolation('DEC-P4', 'Card payments are not available at the moment; please pay by phone');
    if (account.cancelledAt) throw ruleViolation('ATS-20', 'This participant withdrew and their account was refunded and closed; nothing is owed');

    const items = await this.dataSource.getRepository(ScheduleItem).find({ where: { accountId: account.id }, order: { sequence: 'ASC' } });
    let invoice: Invoice | null = null;
    let payable = items;
    if (input.invoiceNumber) {
      invoice = await this.dataSource.getRepository(Invoice).findOneBy({ number: input.invoiceNumber.trim(), accountId: account.id });
      if (!invoice) throw notFound('Invoice');
      if (invoice.status !== InvoiceStatus.OPEN) throw ruleViolation('DEC-P3', `Invoice ${invoice.number} is ${invoice.status.toLowerCase().replace('_', ' ')}; nothing is owed on it`);
      payable = items.filter((i) => i.invoiceId === invoice!.id);
    }
    const outstanding = payable.reduce((s, i) => s + itemOutstanding(i), 0);
    if (outstanding === 0) throw ruleViolation('ATS-16', 'Nothing is outstanding on this account');
    const dueNow = invoice ? outstanding : amountDueNow(payable, londonToday(this.clock));
    const amountPence = input.amountPence ?? dueNow;
    if (amountPence === 0) throw ruleViolation('ATS-16', `Nothing is due yet; give an amount to pay ahead (up to the ${outstanding} pence outstanding)`);
    if (amountPence > outstanding) throw badInput('amountPence', `The amount is more than the ${outstanding} pence outstanding`);

    const payer = await this.payments.resolvePayer(this.dataSource.manager, account, input.payer ?? null, false);
    const checkoutId = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + CHECKOUT_LIFETIME_MINUTES * 60_000);
    const created = await this.provider.createCheckout({
      checkoutId,
      participantId: account.participantId,
      amountPence,
      description: invoice ? `Advanced Teacher Status programme fee, invoice ${invoice.number}` : 'Advanced Teacher Status programme fee',
      payerEmail: payer.email,
      idempotencyKey,
      expiresAt,
    });
    try {
      return await this.uow.run(viewer, async (manager) => {
        const checkout = manager.create(CardCheckout, {
          id: checkoutId,
          idempotencyKey,
          provider: this.provider.name,
          providerCheckoutId: created.providerCheckoutId,
          providerPaymentId: null,
          accountId: account.id,
          participantId: account.participantId,
          memberId: account.memberId,
          amountPence,
          invoiceId: invoice?.id ?? null,
          payerKind: payer.kind,
          payerName: payer.name,
          payerEmail: payer.email,
          status: CheckoutStatus.OPEN,
          checkoutUrl: created.checkoutUrl,
          clientSecret: created.clientSecret,
          createdAt: now,
          expiresAt: created.expiresAt,
          completedAt: null,
          failureReason: null,
          paymentId: null,
        });
        await manager.insert(CardCheckout, checkout);
        return { result: checkout, audit: { action: 'cardCheckout.start', targetType: 'participant', targetId: account.participantId, detail: { checkoutId, amountPence, provider: this.provider.name } } };
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CONFLICT') {
        const winner = await this.dataSource.getRepository(CardCheckout).findOneBy({ idempotencyKey });
        if (winner) return this.replay(winner, account.participantId, input.amountPence ?? null);
      }
      throw error;
    }
  }

  /**
   * `POST /webhooks/payments/<provider>`: verifies the event's signature over the raw body and its timestamp, then
   * records a succeeded payment once per provider payment id (a replay or a second event for the same payment records
   * nothing), or marks a failed checkout. Decision: an event naming one of our checkouts that we do not know is refused
   * with 400 (and logged), so the provider retries it and the failure shows in its dashboard; an event that names no
   * checkout of ours (another integration on the same account) is answered 200 and ignored.
   */
  async handleWebhook(providerName: string, rawBody: Buffer, signatureHeader: string | undefined): Promise<WebhookOutcome> {
    if (providerName !== this.provider.name) throw new WebhookRejected(404, 'Unknown payment provider');
    if (!this.provider.available) throw new WebhookRejected(503, 'Card payments are not configured');
    let event: ProviderEvent;
    try {
      event = this.provider.verifyEvent(rawBody, signatureHeader);
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        this.log('payment webhook refused: signature', { provider: providerName, reason: error.message });
        throw new WebhookRejected(400, error.message);
      }
      this.log('payment webhook refused: unreadable', { provider: providerName });
      throw new WebhookRejected(400, 'The event could not be read');
    }
    if (event.kind === 'ignored') {
      this.log('payment webhook ignored', { provider: providerName, eventId: event.eventId, type: event.type });
      return { outcome: 'ignored' };
    }
    const checkout = await this.findCheckout(event.checkoutId, event.providerCheckoutId);
    if (!checkout) {
      this.log('payment webhook refused: unknown checkout', { provider: providerName, eventId: event.eventId, checkoutId: event.checkoutId });
      throw new WebhookRejected(400, 'The event names a checkout this service does not know');
    }
    const viewer: Viewer = { subject: `payment-provider:${this.provider.name}`, roles: [] };
    if (event.kind === 'failed') {
      return this.uow.run(viewer, async (manager) => {
        const locked = await manager.findOneOrFail(CardCheckout, { where: { id: checkout.id }, lock: { mode: 'pessimistic_write' } });
        if (locked.status === CheckoutStatus.OPEN) {
          locked.status = CheckoutStatus.FAILED;
          locked.failureReason = event.reason.slice(0, 500);
          await manager.save(locked);
        }
        return { result: { outcome: 'failed' as const }, audit: { action: 'cardCheckout.failed', targetType: 'participant', targetId: locked.participantId, detail: { checkoutId: locked.id, eventId: event.eventId } } };
      });
    }
    if (event.currency.toLowerCase() !== 'gbp' || !Number.isSafeInteger(event.amountPence) || event.amountPence <= 0) {
      this.log('payment webhook refused: amount', { provider: providerName, eventId: event.eventId, currency: event.currency });
      throw new WebhookRejected(400, 'The event carries no positive amount in GBP');
    }
    const duplicate = async (): Promise<WebhookOutcome | null> => {
      const existing = await this.dataSource.getRepository(Payment).findOneBy({ channel: PaymentChannel.ONLINE, providerReference: event.providerPaymentId });
      return existing ? { outcome: 'duplicate', paymentId: existing.id } : null;
    };
    const seen = await duplicate();
    if (seen) return seen;
    try {
      return await this.uow.run<WebhookOutcome>(viewer, async (manager) => {
        const locked = await manager.findOneOrFail(CardCheckout, { where: { id: checkout.id }, lock: { mode: 'pessimistic_write' } });
        const account = await this.accounts.lock(manager, locked.participantId);
        const again = await manager.findOneBy(Payment, { channel: PaymentChannel.ONLINE, providerReference: event.providerPaymentId });
        if (again) return { result: { outcome: 'duplicate' as const, paymentId: again.id }, audit: { action: 'payment.providerEventDuplicate', targetType: 'participant', targetId: locked.participantId, detail: { eventId: event.eventId } } };
        // The amount the provider took is what was received, even if it differs from the checkout (DEC-P5: never lost).
        const payment = await this.payments.recordReceipt(manager, account, {
          idempotencyKey: `card:${this.provider.name}:${event.providerPaymentId}`.slice(0, 100),
          amountPence: event.amountPence,
          channel: PaymentChannel.ONLINE,
          providerReference: event.providerPaymentId,
          invoiceId: locked.invoiceId,
          payer: { kind: locked.payerKind as PayerKind, name: locked.payerName, email: locked.payerEmail },
          recordedBy: viewer.subject,
          recordedByRole: 'PAYMENT_PROVIDER',
        });
        if (!locked.paymentId) {
          locked.status = CheckoutStatus.COMPLETED;
          locked.providerPaymentId = event.providerPaymentId;
          locked.paymentId = payment.id;
          locked.completedAt = this.clock.now();
          locked.failureReason = null;
          await manager.save(locked);
        }
        return {
          result: { outcome: 'recorded' as const, paymentId: payment.id },
          audit: { action: 'payment.recordFromProvider', targetType: 'participant', targetId: locked.participantId, detail: { paymentId: payment.id, checkoutId: locked.id, eventId: event.eventId, amountPence: payment.amountPence, creditPence: payment.creditPence } },
        };
      });
    } catch (error) {
      // Two deliveries of the same payment at once: the unique (channel, reference) lets one in; the other is a duplicate.
      if (error instanceof DomainError && error.code === 'CONFLICT') {
        const won = await duplicate();
        if (won) return won;
      }
      throw error;
    }
  }

  /** The signed event the sandbox sends when its checkout page is completed or failed (development and tests only). */
  async sandboxDelivery(providerCheckoutId: string, outcome: 'complete' | 'fail'): Promise<SignedDelivery> {
    if (this.provider.name !== 'sandbox') throw notFound('Sandbox checkout');
    const checkout = await this.dataSource.getRepository(CardCheckout).findOneBy({ provider: 'sandbox', providerCheckoutId });
    if (!checkout) throw notFound('Sandbox checkout');
    if (checkout.status !== CheckoutStatus.OPEN) throw conflict(`This checkout is already ${checkout.status.toLowerCase()}`, 'ATS-16');
    const sandbox = this.provider as SandboxPaymentProvider;
    const state = { providerCheckoutId, checkoutId: checkout.id, participantId: checkout.participantId, amountPence: checkout.amountPence };
    return outcome === 'complete' ? sandbox.completedEvent(state) : sandbox.failedEvent(state);
  }

  /** A checkout by its provider id, for the sandbox's page. */
  findByProviderCheckoutId(providerCheckoutId: string): Promise<CardCheckout | null> {
    return this.dataSource.getRepository(CardCheckout).findOneBy({ provider: this.provider.name, providerCheckoutId });
  }

  /** DEC-P5: asks the provider to return ONLINE card refunds not yet sent; idempotent by the refund's id (a sweep). */
  async issueProviderRefunds(viewer: Viewer): Promise<number> {
    requireRole(viewer, [Role.ADMIN, Role.MEMBERSHIP_TEAM, Role.FINANCE]);
    if (!this.provider.available) return 0;
    const rows: { id: string; amountPence: number; reference: string }[] = await this.dataSource.query(
      `SELECT r.id, r.amount_pence AS "amountPence", p.provider_reference AS reference
         FROM refund r JOIN payment p ON p.id = r.payment_id
        WHERE r.channel = 'ONLINE' AND r.provider_refund_reference IS NULL AND p.recorded_by = $1
        ORDER BY r.refunded_at LIMIT 100`,
      [`payment-provider:${this.provider.name}`],
    );
    let issued = 0;
    for (const r of rows) {
      try {
        const reference = await this.provider.refund(r.reference, r.amountPence, r.id);
        await this.dataSource.query(`UPDATE refund SET provider_refund_reference = $2 WHERE id = $1 AND provider_refund_reference IS NULL`, [r.id, reference]);
        issued++;
      } catch {
        this.log('provider refund failed; retried next run', { refundId: r.id });
      }
    }
    return issued;
  }

  private async findCheckout(checkoutId: string | null, providerCheckoutId: string | null): Promise<CardCheckout | null> {
    const repo = this.dataSource.getRepository(CardCheckout);
    if (checkoutId && UUID.test(checkoutId)) {
      const found = await repo.findOneBy({ id: checkoutId, provider: this.provider.name });
      if (found) return found;
    }
    return providerCheckoutId ? repo.findOneBy({ provider: this.provider.name, providerCheckoutId }) : null;
  }

  private replay(existing: CardCheckout, participantId: string, amountPence: Pence | null): CardCheckout {
    if (existing.participantId !== participantId || (amountPence !== null && existing.amountPence !== amountPence)) {
      throw conflict('This idempotency key was already used for a different card payment', 'ATS-16');
    }
    return existing;
  }
}
