import Stripe from 'stripe';
import { CHECKOUT_METADATA_KEY, WebhookVerificationError } from '../../src/domain/payments/payment-provider';
import { StripePaymentProvider } from '../../src/domain/payments/stripe.provider';

const SECRET = 'whsec_unit_test_secret_0123456789';
const NOW = new Date('2027-03-01T12:00:00Z');
const provider = new StripePaymentProvider({ secretKey: 'sk_test_unit', webhookSecret: SECRET, toleranceSeconds: 300, returnUrl: 'http://localhost/return', now: () => NOW });

function signed(event: object, at: Date, secret = SECRET): { raw: Buffer; header: string } {
  const payload = JSON.stringify(event);
  return { raw: Buffer.from(payload), header: Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(at.getTime() / 1000) }) };
}

const session = {
  id: 'evt_1',
  type: 'checkout.session.completed',
  data: { object: { id: 'cs_test_1', object: 'checkout.session', amount_total: 21_500, currency: 'gbp', payment_status: 'paid', payment_intent: 'pi_test_1', client_reference_id: 'c-1', metadata: { [CHECKOUT_METADATA_KEY]: 'c-1' } } },
};

describe(StripePaymentProvider.name, () => {
  it('accepts Stripe’s signature within the tolerance and reads a paid checkout session as a succeeded payment', () => {
    const { raw, header } = signed(session, new Date(NOW.getTime() - 300_000));
    expect(provider.verifyEvent(raw, header)).toEqual({ kind: 'succeeded', eventId: 'evt_1', checkoutId: 'c-1', providerCheckoutId: 'cs_test_1', providerPaymentId: 'pi_test_1', amountPence: 21_500, currency: 'gbp' });
  });

  it('refuses a timestamp 301 seconds old, a wrong secret, a changed body and a missing header', () => {
    const stale = signed(session, new Date(NOW.getTime() - 301_000));
    expect(() => provider.verifyEvent(stale.raw, stale.header)).toThrow(WebhookVerificationError);
    const forged = signed(session, NOW, 'whsec_someone_else_0000000000');
    expect(() => provider.verifyEvent(forged.raw, forged.header)).toThrow(WebhookVerificationError);
    const good = signed(session, NOW);
    expect(() => provider.verifyEvent(Buffer.from(good.raw.toString().replace('21500', '1')), good.header)).toThrow(WebhookVerificationError);
    expect(() => provider.verifyEvent(good.raw, undefined)).toThrow(WebhookVerificationError);
  });

  it('ignores unpaid sessions and events that carry no checkout of ours; reads payment failures', () => {
    const unpaid = signed({ ...session, data: { object: { ...session.data.object, payment_status: 'unpaid' } } }, NOW);
    expect(provider.verifyEvent(unpaid.raw, unpaid.header).kind).toBe('ignored');
    const foreign = signed({ ...session, data: { object: { ...session.data.object, metadata: {}, client_reference_id: null } } }, NOW);
    expect(provider.verifyEvent(foreign.raw, foreign.header).kind).toBe('ignored');
    const failed = signed({ id: 'evt_2', type: 'payment_intent.payment_failed', data: { object: { id: 'pi_x', object: 'payment_intent', metadata: { [CHECKOUT_METADATA_KEY]: 'c-1' }, last_payment_error: { message: 'declined' } } } }, NOW);
    expect(provider.verifyEvent(failed.raw, failed.header)).toMatchObject({ kind: 'failed', checkoutId: 'c-1', reason: 'declined' });
  });

  it('is unavailable without keys (Stripe chosen by default in production without configuration)', () => {
    expect(new StripePaymentProvider({ toleranceSeconds: 300, returnUrl: 'x' }).available).toBe(false);
    expect(provider.available).toBe(true);
  });
});
