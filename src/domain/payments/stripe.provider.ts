import Stripe from 'stripe';
import { CHECKOUT_METADATA_KEY, WebhookVerificationError, type CheckoutRequest, type PaymentProvider, type ProviderCheckout, type ProviderEvent } from './payment-provider';

export interface StripeProviderOptions {
  secretKey?: string;
  webhookSecret?: string;
  toleranceSeconds: number;
  returnUrl: string;
  /** Stripe stamps events with real time, so they are checked against real time even when the DEC-T2 test clock moved. */
  now?: () => Date;
}

/** Reads a Stripe event's object as what the two event types we act on carry. */
interface StripeObject {
  id: string;
  object: string;
  amount_total?: number | null;
  amount_received?: number | null;
  currency?: string | null;
  payment_status?: string | null;
  payment_intent?: string | { id: string } | null;
  client_reference_id?: string | null;
  metadata?: Record<string, string> | null;
  last_payment_error?: { message?: string } | null;
}

/**
 * Maps a verified Stripe event (or the sandbox's events, which use Stripe's format) to what we act on:
 * `checkout.session.completed` (paid) and `payment_intent.succeeded` record a payment; `payment_intent.payment_failed`
 * and `checkout.session.expired` close the checkout. Events that do not carry our checkout id are not ours: ignored.
 */
export function interpretStripeEvent(event: { id: string; type: string; data: { object: unknown } }): ProviderEvent {
  const o = event.data.object as StripeObject;
  const checkoutId = o.metadata?.[CHECKOUT_METADATA_KEY] ?? (o.object === 'checkout.session' ? (o.client_reference_id ?? null) : null);
  if (!checkoutId) return { kind: 'ignored', eventId: event.id, type: event.type };
  const intentId = typeof o.payment_intent === 'string' ? o.payment_intent : (o.payment_intent?.id ?? null);
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      if (o.payment_status !== 'paid' || !intentId) return { kind: 'ignored', eventId: event.id, type: event.type };
      return { kind: 'succeeded', eventId: event.id, checkoutId, providerCheckoutId: o.id, providerPaymentId: intentId, amountPence: o.amount_total ?? 0, currency: o.currency ?? '' };
    case 'payment_intent.succeeded':
      return { kind: 'succeeded', eventId: event.id, checkoutId, providerCheckoutId: null, providerPaymentId: o.id, amountPence: o.amount_received ?? 0, currency: o.currency ?? '' };
    case 'payment_intent.payment_failed':
      return { kind: 'failed', eventId: event.id, checkoutId, providerCheckoutId: null, reason: o.last_payment_error?.message ?? 'The card payment failed' };
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed':
      return { kind: 'failed', eventId: event.id, checkoutId, providerCheckoutId: o.id, reason: 'The checkout expired or its payment failed' };
    default:
      return { kind: 'ignored', eventId: event.id, type: event.type };
  }
}

/**
 * Stripe's webhook signature check (`Stripe-Signature: t=...,v1=...`, HMAC-SHA256 over `${t}.${payload}`) with the
 * server clock as the time of receipt, so the DEC-T2 test clock and the tolerance agree. Shared with the sandbox.
 */
export function verifyStripeSignature(rawBody: Buffer, header: string | undefined, secret: string, toleranceSeconds: number, receivedAt: Date): { id: string; type: string; data: { object: unknown } } {
  if (!header) throw new WebhookVerificationError('The Stripe-Signature header is missing');
  const timestamp = Number(/(?:^|,)t=(\d+)/.exec(header)?.[1]);
  // Stripe checks only the age; a timestamp far in the future is refused too, with the same tolerance.
  if (Number.isFinite(timestamp) && timestamp * 1000 > receivedAt.getTime() + toleranceSeconds * 1000) {
    throw new WebhookVerificationError('Timestamp outside the tolerance zone');
  }
  try {
    return Stripe.webhooks.constructEvent(rawBody, header, secret, toleranceSeconds, undefined, receivedAt.getTime()) as never;
  } catch (error) {
    throw new WebhookVerificationError((error as Error).message ?? 'The signature does not match');
  }
}

/** Stripe adapter: Checkout Sessions for the amount due; webhooks verified with the endpoint secret. */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe | null;

  constructor(private readonly options: StripeProviderOptions) {
    this.stripe = options.secretKey ? new Stripe(options.secretKey, { maxNetworkRetries: 2, timeout: 20_000 }) : null;
  }

  get available(): boolean {
    return this.stripe !== null && !!this.options.webhookSecret;
  }

  async createCheckout(request: CheckoutRequest): Promise<ProviderCheckout> {
    if (!this.stripe) throw new Error('Stripe is not configured');
    const metadata = { [CHECKOUT_METADATA_KEY]: request.checkoutId, participant_id: request.participantId };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: request.checkoutId,
        customer_email: request.payerEmail ?? undefined,
        line_items: [{ quantity: 1, price_data: { currency: 'gbp', unit_amount: request.amountPence, product_data: { name: request.description } } }],
        payment_intent_data: { metadata },
        metadata,
        expires_at: Math.floor(request.expiresAt.getTime() / 1000),
        success_url: `${this.options.returnUrl}?checkout=${request.checkoutId}&result=success`,
        cancel_url: `${this.options.returnUrl}?checkout=${request.checkoutId}&result=cancelled`,
      },
      { idempotencyKey: `checkout:${request.idempotencyKey}` },
    );
    return { providerCheckoutId: session.id, checkoutUrl: session.url ?? null, clientSecret: null, expiresAt: new Date((session.expires_at ?? 0) * 1000) };
  }

  verifyEvent(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent {
    if (!this.options.webhookSecret) throw new WebhookVerificationError('Stripe is not configured');
    const now = this.options.now?.() ?? new Date();
    return interpretStripeEvent(verifyStripeSignature(rawBody, signatureHeader, this.options.webhookSecret, this.options.toleranceSeconds, now));
  }

  async refund(providerPaymentId: string, amountPence: number, idempotencyKey: string): Promise<string> {
    if (!this.stripe) throw new Error('Stripe is not configured');
    const refund = await this.stripe.refunds.create({ payment_intent: providerPaymentId, amount: amountPence }, { idempotencyKey: `refund:${idempotencyKey}` });
    return refund.id;
  }
}
