import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { WebhookRejected } from '../domain/payments/card-payment.service';
import type { Services } from '../domain/services';
import { DomainError } from '../domain/shared/errors';

const PROVIDER_PATH = /^[a-z]{1,20}$/;
const SANDBOX_ID = /^cs_sandbox_[0-9a-f]{24}$/;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * ATS-16 / DEC-P4: `POST /webhooks/payments/<provider>`, where the provider's signed events arrive. The signature is
 * computed over the exact bytes sent, so this route (and only this route) keeps the raw body: the content-type parser
 * is registered inside its own encapsulated plugin and does not touch /graphql.
 * Outside production with the sandbox provider, also the sandbox's checkout page and its complete/fail actions.
 */
export async function registerPaymentRoutes(server: FastifyInstance, services: Services, config: Config): Promise<void> {
  const cards = services.payments.cards;

  /** One webhook delivery: verified and recorded by the card payment service, answered as the provider expects. */
  const deliver = async (provider: string, raw: Buffer, signature: string | undefined): Promise<{ statusCode: number; body: Record<string, unknown> }> => {
    try {
      return { statusCode: 200, body: { received: true, ...(await cards.handleWebhook(provider, raw, signature)) } };
    } catch (error) {
      if (error instanceof WebhookRejected) return { statusCode: error.statusCode, body: { received: false, error: error.message } };
      // A database conflict or lock timeout: the provider retries later.
      if (error instanceof DomainError && error.code === 'CONFLICT') return { statusCode: 409, body: { received: false, error: 'Try again' } };
      throw error;
    }
  };

  await server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { provider: string } }>('/webhooks/payments/:provider', async (request, reply) => {
      const provider = request.params.provider;
      if (!PROVIDER_PATH.test(provider)) return reply.code(404).send({ error: 'Unknown payment provider' });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['stripe-signature'];
      const answer = await deliver(provider, raw, Array.isArray(header) ? header[0] : header);
      return reply.code(answer.statusCode).send(answer.body);
    });
  });

  if (config.payments.provider !== 'sandbox' || config.nodeEnv === 'production') return;

  // The sandbox's "hosted checkout page" (like Stripe's test mode): complete or fail the payment, which makes the
  // sandbox send its signed webhook to our own endpoint, exactly as Stripe would.
  server.get<{ Params: { id: string } }>('/sandbox/checkout/:id', async (request, reply) => {
    const checkout = SANDBOX_ID.test(request.params.id) ? await cards.findByProviderCheckoutId(request.params.id) : null;
    if (!checkout) return reply.code(404).type('text/html').send('<p>No such sandbox checkout.</p>');
    const id = escapeHtml(request.params.id);
    return reply
      .type('text/html')
      .send(
        `<!doctype html><title>Sandbox checkout</title><h1>Sandbox card payment (not real money)</h1>` +
          `<p>Amount: £${(checkout.amountPence / 100).toFixed(2)}. Status: ${escapeHtml(checkout.status)}.</p>` +
          `<form method="post" action="/sandbox/checkout/${id}/complete"><button>Pay (succeeds)</button></form>` +
          `<form method="post" action="/sandbox/checkout/${id}/fail"><button>Decline (fails)</button></form>`,
      );
  });

  server.post<{ Params: { id: string; outcome: string } }>('/sandbox/checkout/:id/:outcome', async (request, reply) => {
    const { id, outcome } = request.params;
    if (!SANDBOX_ID.test(id) || (outcome !== 'complete' && outcome !== 'fail')) return reply.code(404).send({ error: 'No such sandbox checkout' });
    try {
      const delivery = await cards.sandboxDelivery(id, outcome);
      // The signed event goes through the webhook's own handler: the same signature check and recording as Stripe's.
      const webhook = await deliver('sandbox', Buffer.from(delivery.payload), delivery.signature);
      const checkout = await cards.findByProviderCheckoutId(id);
      return reply.code(200).send({ checkoutId: checkout?.id, status: checkout?.status, paymentId: checkout?.paymentId ?? null, webhook });
    } catch (error) {
      if (error instanceof DomainError) return reply.code(error.code === 'NOT_FOUND' ? 404 : 409).send({ error: error.message, code: error.code, rule: error.rule });
      throw error;
    }
  });
}
