import type { PaymentsConfig } from '../../config';
import type { AreaDeps, AreaSweeps } from '../area';
import { CardPaymentService } from './card-payment.service';
import { FeeScheduleService } from './fee-schedule.service';
import { PaymentAccountService } from './payment-account.service';
import type { PaymentProvider } from './payment-provider';
import { PaymentService } from './payment.service';
import { SandboxPaymentProvider } from './sandbox.provider';
import { StripePaymentProvider } from './stripe.provider';

/** Development and tests: the sandbox with its development secret (config.ts refuses it in production). */
export const DEFAULT_PAYMENTS_CONFIG: PaymentsConfig = {
  provider: 'sandbox',
  sandboxWebhookSecret: 'whsec_sandbox_development_only_0123456789abcdef',
  webhookToleranceSeconds: 300,
  returnUrl: 'http://localhost:3000/payments/return',
  publicBaseUrl: 'http://localhost:4000',
};

export interface PaymentAreaOptions {
  config?: PaymentsConfig;
  /** Where the card payment service logs refused or ignored webhooks (no personal data). */
  log?: (message: string, detail: Record<string, unknown>) => void;
}

/** ATS-16 / DEC-P4: the provider named by config: Stripe, or the sandbox outside production. */
export function createPaymentProvider(config: PaymentsConfig, deps: Pick<AreaDeps, 'clock'>): PaymentProvider {
  if (config.provider === 'stripe') {
    return new StripePaymentProvider({ secretKey: config.stripeSecretKey, webhookSecret: config.stripeWebhookSecret, toleranceSeconds: config.webhookToleranceSeconds, returnUrl: config.returnUrl });
  }
  return new SandboxPaymentProvider({ webhookSecret: config.sandboxWebhookSecret, toleranceSeconds: config.webhookToleranceSeconds, publicBaseUrl: config.publicBaseUrl }, deps.clock);
}

/** Builds the fees and payments area (ATS-14..17, 20, 32..35, 45, 47, 48; DEC-P1..P5). */
export function createPaymentArea(deps: AreaDeps, options: PaymentAreaOptions = {}) {
  const config = options.config ?? DEFAULT_PAYMENTS_CONFIG;
  const fees = new FeeScheduleService(deps.dataSource, deps.clock, deps.uow);
  const accounts = new PaymentAccountService(deps.dataSource, deps.clock, deps.uow, deps.audit, deps.notifications);
  const payments = new PaymentService(deps.dataSource, deps.clock, deps.uow, deps.notifications, accounts);
  const cards = new CardPaymentService(deps.dataSource, deps.clock, deps.uow, createPaymentProvider(config, deps), payments, accounts, options.log);
  const sweeps: AreaSweeps['sweeps'] = [
    { name: 'payments.overdueReminders', run: (viewer) => accounts.remindOverdueBalances(viewer) },
    { name: 'payments.issueCardRefunds', run: (viewer) => cards.issueProviderRefunds(viewer) },
  ];
  return { fees, accounts, payments, cards, sweeps };
}

export type PaymentArea = ReturnType<typeof createPaymentArea>;
