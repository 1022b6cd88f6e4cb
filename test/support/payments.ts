import { randomUUID } from 'node:crypto';
import { expectNoErrors, type TestApp } from './harness';

export const START_CARD_PAYMENT = `mutation ($input: StartCardPaymentInput!) { startCardPayment(input: $input) {
  id provider providerCheckoutId providerPaymentId checkoutUrl clientSecret participantId amountPence invoiceId payerKind status expiresAt paymentId } }`;

export interface CardPaymentResult {
  checkoutId: string;
  providerCheckoutId: string;
  paymentId: string;
  webhookStatus: number;
}

/**
 * ATS-16 / DEC-P4: pays by card the way a member does with the sandbox provider: starts a card payment (as `auth`, an
 * alias or a token), completes the checkout on the sandbox's page, which sends the signed webhook to our endpoint.
 * Returns the payment the webhook recorded. `amountPence` defaults to what is due now.
 */
export async function payByCard(t: TestApp, participantId: string, amountPence: number | null, auth: string, extra: Record<string, unknown> = {}): Promise<CardPaymentResult> {
  const started = await t.gql(START_CARD_PAYMENT, { input: { participantId, amountPence, idempotencyKey: `card-${randomUUID()}`, ...extra } }, auth);
  expectNoErrors(started);
  const checkout = started.data!.startCardPayment;
  const done = await t.http().post(`/sandbox/checkout/${checkout.providerCheckoutId}/complete`).send();
  if (done.status !== 200 || done.body.webhook?.statusCode !== 200 || !done.body.paymentId) {
    throw new Error(`sandbox checkout did not complete: ${done.status} ${JSON.stringify(done.body)}`);
  }
  return { checkoutId: checkout.id, providerCheckoutId: checkout.providerCheckoutId, paymentId: done.body.paymentId, webhookStatus: done.body.webhook.statusCode };
}
