import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { Clock } from '../shared/clock';
import { CHECKOUT_METADATA_KEY, type CheckoutRequest, type PaymentProvider, type ProviderCheckout, type ProviderEvent } from './payment-provider';
import { interpretStripeEvent, verifyStripeSignature } from './stripe.provider';

export interface SandboxProviderOptions {
  webhookSecret: string;
  toleranceSeconds: number;
  /** This API's public base URL: the sandbox's checkout page lives at `/sandbox/checkout/<id>`. */
  publicBaseUrl: string;
}

export interface SandboxCheckoutState {
  providerCheckoutId: string;
  checkoutId: string;
  participantId: string;
  amountPence: number;
}

/** A signed webhook delivery, as the sandbox sends it to `POST /webhooks/payments/sandbox`. */
export interface SignedDelivery {
  payload: string;
  signature: string;
}

const id = (prefix: string) => `${prefix}_sandbox_${randomBytes(12).toString('hex')}`;

/**
 * The built-in provider for development, tests and user-acceptance runs (refused in production by config.ts). It
 * behaves like Stripe in test mode: a checkout has a page where it can be completed or failed, and the outcome reaches
 * the API as a webhook in Stripe's format, signed with the local secret (`Stripe-Signature: t=...,v1=...`) and checked
 * by the same verifier as Stripe's events.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  readonly available = true;

  constructor(
    private readonly options: SandboxProviderOptions,
    private readonly clock: Clock,
  ) {}

  async createCheckout(request: CheckoutRequest): Promise<ProviderCheckout> {
    const providerCheckoutId = id('cs');
    return {
      providerCheckoutId,
      checkoutUrl: `${this.options.publicBaseUrl}/sandbox/checkout/${providerCheckoutId}`,
      clientSecret: null,
      expiresAt: request.expiresAt,
    };
  }

  verifyEvent(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent {
    // The sandbox signs with the server clock, so it checks against the server clock (DEC-T2 test clock included).
    return interpretStripeEvent(verifyStripeSignature(rawBody, signatureHeader, this.options.webhookSecret, this.options.toleranceSeconds, this.clock.now()));
  }

  async refund(): Promise<string> {
    return id('re');
  }

  /** The event a completed sandbox checkout sends: Stripe's `checkout.session.completed`, paid. */
  completedEvent(state: SandboxCheckoutState): SignedDelivery {
    return this.sign({
      id: id('evt'),
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(this.clock.now().getTime() / 1000),
      data: {
        object: {
          id: state.providerCheckoutId,
          object: 'checkout.session',
          amount_total: state.amountPence,
          currency: 'gbp',
          payment_status: 'paid',
          payment_intent: id('pi'),
          client_reference_id: state.checkoutId,
          metadata: { [CHECKOUT_METADATA_KEY]: state.checkoutId, participant_id: state.participantId },
        },
      },
    });
  }

  /** The event a failed sandbox payment sends: Stripe's `payment_intent.payment_failed`. */
  failedEvent(state: SandboxCheckoutState): SignedDelivery {
    return this.sign({
      id: id('evt'),
      object: 'event',
      type: 'payment_intent.payment_failed',
      created: Math.floor(this.clock.now().getTime() / 1000),
      data: {
        object: {
          id: id('pi'),
          object: 'payment_intent',
          amount: state.amountPence,
          currency: 'gbp',
          last_payment_error: { message: 'Your card was declined (sandbox).' },
          metadata: { [CHECKOUT_METADATA_KEY]: state.checkoutId, participant_id: state.participantId },
        },
      },
    });
  }

  /** Signs any payload as Stripe would, at `at` (the server clock by default). Tests use it for replays and stale events. */
  sign(event: object, at: Date = this.clock.now(), secret = this.options.webhookSecret): SignedDelivery {
    return this.signRaw(JSON.stringify(event), at, secret);
  }

  /** Signs an exact payload string (its bytes are what the signature covers). */
  signRaw(payload: string, at: Date = this.clock.now(), secret = this.options.webhookSecret): SignedDelivery {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(at.getTime() / 1000) });
    return { payload, signature };
  }
}
