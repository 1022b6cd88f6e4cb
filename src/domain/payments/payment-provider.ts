/**
 * ATS-16 / DEC-P4: the port every card payment goes through. A card payment is recorded only from an event the
 * provider signed (verified here with the endpoint secret), never from what a payer declares.
 */
export interface CheckoutRequest {
  /** Our checkout id: the provider carries it back in every event (client_reference_id and metadata). */
  checkoutId: string;
  participantId: string;
  amountPence: number;
  description: string;
  payerEmail: string | null;
  /** Passed to the provider so a retried request never creates a second checkout. */
  idempotencyKey: string;
  expiresAt: Date;
}

export interface ProviderCheckout {
  providerCheckoutId: string;
  /** Where the front end sends the member to pay (Stripe Checkout's hosted page, or the sandbox's page). */
  checkoutUrl: string | null;
  /** For an embedded payment form (a PaymentIntent's client secret), when the provider gives one. */
  clientSecret: string | null;
  expiresAt: Date;
}

/** What a verified provider event means for us. */
export type ProviderEvent =
  | {
      kind: 'succeeded';
      eventId: string;
      /** Our checkout id from the event's metadata, when the event carries it. */
      checkoutId: string | null;
      providerCheckoutId: string | null;
      /** The provider's own payment id (`pi_...`): a payment is recorded once per id. */
      providerPaymentId: string;
      amountPence: number;
      currency: string;
    }
  | { kind: 'failed'; eventId: string; checkoutId: string | null; providerCheckoutId: string | null; reason: string }
  /** Signed and valid, but nothing we act on (another event type, or not one of our checkouts). */
  | { kind: 'ignored'; eventId: string; type: string };

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

export interface PaymentProvider {
  /** `sandbox` or `stripe`: the `<provider>` of `POST /webhooks/payments/<provider>`. */
  readonly name: string;
  /** False when the provider has no credentials (Stripe chosen by default in production without keys). */
  readonly available: boolean;
  createCheckout(request: CheckoutRequest): Promise<ProviderCheckout>;
  /**
   * Verifies the signature header over the raw body with the endpoint secret, and its timestamp within the configured
   * tolerance of the provider's own time (wall time for Stripe; the server clock, which signed it, for the sandbox);
   * throws WebhookVerificationError otherwise.
   */
  verifyEvent(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent;
  /** DEC-P5: returns money to the card it came from; returns the provider's refund id. Idempotent by key. */
  refund(providerPaymentId: string, amountPence: number, idempotencyKey: string): Promise<string>;
}

/** The metadata key our checkout id travels under. */
export const CHECKOUT_METADATA_KEY = 'set_checkout_id';
