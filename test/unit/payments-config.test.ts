import { ConfigError, loadConfig } from '../../src/config';

const PRODUCTION = { NODE_ENV: 'production', JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----x', JWT_ISSUER: 'https://id', DATABASE_URL: 'postgres://db/x' };
const STRIPE = { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_live_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };

function variableOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  return undefined;
}

describe('payment provider configuration (ATS-16, DEC-P4)', () => {
  it('uses the sandbox by default outside production, with a 300 s webhook tolerance', () => {
    const { payments } = loadConfig({});
    expect(payments).toMatchObject({ provider: 'sandbox', webhookToleranceSeconds: 300 });
    expect(payments.sandboxWebhookSecret.length).toBeGreaterThanOrEqual(24);
  });

  it('refuses the sandbox in production: it confirms card payments nobody made', () => {
    expect(variableOf(() => loadConfig({ ...PRODUCTION, PAYMENT_PROVIDER: 'sandbox' }))).toBe('PAYMENT_PROVIDER');
    expect(() => loadConfig({ ...PRODUCTION, PAYMENT_PROVIDER: 'sandbox' })).toThrow(/DEC-P4/);
    expect(loadConfig({ ...PRODUCTION, ...STRIPE }).payments).toMatchObject({ provider: 'stripe', stripeSecretKey: 'sk_live_abc123', stripeWebhookSecret: 'whsec_abc123' });
    // Left unset in production, it is Stripe (never the sandbox).
    expect(loadConfig(PRODUCTION).payments.provider).toBe('stripe');
  });

  it.each([
    [{ PAYMENT_PROVIDER: 'paypal' }, 'PAYMENT_PROVIDER'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_WEBHOOK_SECRET: 'whsec_x' }, 'STRIPE_SECRET_KEY'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_x' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }, 'STRIPE_SECRET_KEY'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'secret' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ ...PRODUCTION, ...STRIPE, STRIPE_SECRET_KEY: 'sk_test_x' }, 'STRIPE_SECRET_KEY'],
    [{ SANDBOX_WEBHOOK_SECRET: 'short' }, 'SANDBOX_WEBHOOK_SECRET'],
    [{ PAYMENT_WEBHOOK_TOLERANCE_SECONDS: '0' }, 'PAYMENT_WEBHOOK_TOLERANCE_SECONDS'],
    [{ PAYMENT_WEBHOOK_TOLERANCE_SECONDS: 'soon' }, 'PAYMENT_WEBHOOK_TOLERANCE_SECONDS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(variableOf(() => loadConfig(env))).toBe(variable);
  });
});
