import { randomUUID } from 'node:crypto';
import { PaymentPlan } from '../../src/domain/ats/programme/programme.enums';
import { AuditEntry } from '../../src/domain/audit/audit-entry.entity';
import { CardCheckout } from '../../src/domain/payments/card-checkout.entity';
import { Payment } from '../../src/domain/payments/payment.entity';
import { CHECKOUT_METADATA_KEY } from '../../src/domain/payments/payment-provider';
import type { SandboxPaymentProvider } from '../../src/domain/payments/sandbox.provider';
import { getSchema } from '../../src/graphql/schema';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';
import { freshMember, insertParticipant, payByCard, START_CARD_PAYMENT } from '../support/payments';


const BALANCE = `query ($id: ID!) { participantBalance(participantId: $id) {
  paidPence outstandingPence creditPence paidInFull
  items { kind status dueOn amountPence paidPence }
  invoices { number status }
  payments { id amountPence channel providerReference recordedByRole payerKind payerName payerEmail invoiceId } } }`;
const RECORD = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id channel providerReference payerKind payerName } }`;

describe('card payments confirmed by the payment provider (ATS-16, DEC-P4)', () => {
  let t: TestApp;
  let sandbox: SandboxPaymentProvider;

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    sandbox = t.app.services.payments.cards.provider as SandboxPaymentProvider;
  });
  afterAll(async () => {
    await t.close();
  });

  const key = () => `key-${randomUUID()}`;
  const payments = (participantId: string) => t.dataSource.getRepository(Payment).countBy({ participantId });

  async function balance(participantId: string, as = 'finance') {
    const res = await t.gql(BALANCE, { id: participantId }, as);
    expectNoErrors(res);
    return res.data!.participantBalance;
  }

  async function start(participantId: string, input: Record<string, unknown>, as: string) {
    const res = await t.gql(START_CARD_PAYMENT, { input: { participantId, idempotencyKey: key(), ...input } }, as);
    expectNoErrors(res);
    return res.data!.startCardPayment;
  }

  /** Posts a delivery to the webhook endpoint through HTTP, exactly as the provider would. */
  function post(delivery: { payload: string; signature: string }, provider = 'sandbox') {
    return t.http().post(`/webhooks/payments/${provider}`).set('content-type', 'application/json').set('stripe-signature', delivery.signature).send(delivery.payload);
  }

  /** A `checkout.session.completed` event for a checkout, as Stripe shapes it. */
  function completed(checkout: { id: string; providerCheckoutId: string; participantId: string }, amountPence: number, paymentIntent = `pi_test_${randomUUID().replace(/-/g, '')}`) {
    return {
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: checkout.providerCheckoutId,
          object: 'checkout.session',
          amount_total: amountPence,
          currency: 'gbp',
          payment_status: 'paid',
          payment_intent: paymentIntent,
          client_reference_id: checkout.id,
          metadata: { [CHECKOUT_METADATA_KEY]: checkout.id },
        },
      },
    };
  }

  it('has no recordMyOnlinePayment any more: a member can no longer declare a card payment', async () => {
    const schema = await getSchema();
    expect(schema.getMutationType()!.getFields().recordMyOnlinePayment).toBeUndefined();
    const res = await t.gql(`mutation { recordMyOnlinePayment(input: { participantId: "${randomUUID()}", amountPence: 100, idempotencyKey: "abcdefgh12", providerReference: "x" }) { id } }`, undefined, 'member');
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('starts a card payment for what is due now and records nothing until the provider confirms it', async () => {
    const payer = await freshMember(t);
    const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2026-11-20' });
    const checkout = await start(id, {}, payer.token);
    expect(checkout).toMatchObject({ provider: 'sandbox', participantId: id, amountPence: 21_500, status: 'OPEN', payerKind: 'PARTICIPANT', paymentId: null, providerPaymentId: null });
    expect(checkout.checkoutUrl).toBe(`http://localhost:4000/sandbox/checkout/${checkout.providerCheckoutId}`);
    expect(new Date(checkout.expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(await payments(id)).toBe(0);
    expect(await balance(id, payer.token)).toMatchObject({ paidPence: 0, outstandingPence: 81_500 });

    // The same key returns the same checkout; a different amount under it is a CONFLICT.
    const again = await t.gql(START_CARD_PAYMENT, { input: { participantId: id, idempotencyKey: 'same-key-123', amountPence: 5_000 } }, payer.token);
    const replay = await t.gql(START_CARD_PAYMENT, { input: { participantId: id, idempotencyKey: 'same-key-123', amountPence: 5_000 } }, payer.token);
    expect(replay.data!.startCardPayment.id).toBe(again.data!.startCardPayment.id);
    const other = await t.gql(START_CARD_PAYMENT, { input: { participantId: id, idempotencyKey: 'same-key-123', amountPence: 5_001 } }, payer.token);
    expect([errorCode(other), other.errors?.[0].extensions.rule]).toEqual(['CONFLICT', 'ATS-16']);
    // Never more than is outstanding.
    const over = await t.gql(START_CARD_PAYMENT, { input: { participantId: id, idempotencyKey: key(), amountPence: 81_501 } }, payer.token);
    expect([errorCode(over), over.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'amountPence']);
  });

  it('refuses a card payment for someone else’s participation and a missing one alike (ATS-57), and to staff', async () => {
    const fellowsPayer = await freshMember(t);
    const fellows = await insertParticipant(t, { memberId: fellowsPayer.id, plan: PaymentPlan.SINGLE });
    for (const participantId of [fellows, randomUUID()]) {
      const res = await t.gql(START_CARD_PAYMENT, { input: { participantId, idempotencyKey: key() } }, 'member');
      expect([errorCode(res), res.errors?.[0].extensions.rule]).toEqual(['FORBIDDEN', 'ATS-57']);
    }
    expect(errorCode(await t.gql(START_CARD_PAYMENT, { input: { participantId: fellows, idempotencyKey: key() } }, 'finance'))).toBe('FORBIDDEN');
    expect(await t.dataSource.getRepository(CardCheckout).countBy({ participantId: fellows })).toBe(0);
  });

  it('records the payment once when the verified webhook arrives; the same event replayed records nothing new', async () => {
    const payer = await freshMember(t);
    const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.SINGLE });
    const checkout = await start(id, {}, payer.token);
    const event = completed(checkout, 81_500);
    const delivery = sandbox.sign(event);

    const first = await post(delivery);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: true, outcome: 'recorded' });
    const b = await balance(id, payer.token);
    expect(b).toMatchObject({ paidPence: 81_500, outstandingPence: 0, paidInFull: true });
    expect(b.payments).toEqual([
      expect.objectContaining({ amountPence: 81_500, channel: 'ONLINE', providerReference: event.data.object.payment_intent, recordedByRole: 'PAYMENT_PROVIDER', payerKind: 'PARTICIPANT', payerEmail: payer.email }),
    ]);
    const stored = await t.dataSource.getRepository(CardCheckout).findOneByOrFail({ id: checkout.id });
    expect(stored).toMatchObject({ status: 'COMPLETED', providerPaymentId: event.data.object.payment_intent, paymentId: first.body.paymentId });

    // Stripe retries and duplicates: the same event again, and the payment_intent.succeeded event for the same payment.
    const replay = await post(delivery);
    expect([replay.status, replay.body.outcome, replay.body.paymentId]).toEqual([200, 'duplicate', first.body.paymentId]);
    const intent = sandbox.sign({
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      type: 'payment_intent.succeeded',
      data: { object: { id: event.data.object.payment_intent, object: 'payment_intent', amount_received: 81_500, currency: 'gbp', metadata: { [CHECKOUT_METADATA_KEY]: checkout.id } } },
    });
    const second = await post(intent);
    expect([second.status, second.body.outcome]).toEqual([200, 'duplicate']);
    expect(await payments(id)).toBe(1);
    const audits = await t.dataSource.getRepository(AuditEntry).countBy({ action: 'payment.recordFromProvider', targetId: id });
    expect(audits).toBe(1);
  });

  it('refuses a bad signature and a stale timestamp with 400, recording nothing', async () => {
    const payer = await freshMember(t);
    const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.SINGLE });
    const checkout = await start(id, {}, payer.token);
    const event = completed(checkout, 81_500);

    const forged = sandbox.sign(event, t.clock.now(), 'whsec_not_the_sandbox_secret_at_all_0000');
    const bad = await post(forged);
    expect([bad.status, bad.body.received]).toEqual([400, false]);

    const unsigned = await t.http().post('/webhooks/payments/sandbox').set('content-type', 'application/json').send(JSON.stringify(event));
    expect(unsigned.status).toBe(400);

    // The body changed after signing (an amount raised in transit).
    const good = sandbox.sign(event);
    const tampered = await post({ payload: good.payload.replace('81500', '1'), signature: good.signature });
    expect(tampered.status).toBe(400);

    // 301 seconds old: outside the default 300 s tolerance; 299 seconds old is accepted.
    const stale = await post(sandbox.sign(event, new Date(t.clock.now().getTime() - 301_000)));
    expect([stale.status, stale.body.error]).toEqual([400, 'Timestamp outside the tolerance zone']);
    const future = await post(sandbox.sign(event, new Date(t.clock.now().getTime() + 301_000)));
    expect(future.status).toBe(400);
    expect(await payments(id)).toBe(0);
    expect((await t.dataSource.getRepository(CardCheckout).findOneByOrFail({ id: checkout.id })).status).toBe('OPEN');

    const fresh = await post(sandbox.sign(event, new Date(t.clock.now().getTime() - 299_000)));
    expect(fresh.status).toBe(200);
    expect(await payments(id)).toBe(1);
  });

  it('verifies the exact bytes sent: a payload with its own spacing is accepted (raw body kept for this route only)', async () => {
    const payer = await freshMember(t);
    const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.SINGLE });
    const checkout = await start(id, { amountPence: 1_000 }, payer.token);
    const payload = JSON.stringify(completed(checkout, 1_000), null, 2);
    const signature = sandbox.sign({}).signature; // a header for another payload: refused
    expect((await post({ payload, signature })).status).toBe(400);
    const { signature: right } = sandbox.signRaw(payload);
    const res = await post({ payload, signature: right });
    expect([res.status, res.body.outcome]).toEqual([200, 'recorded']);
    // /graphql still parses JSON as before.
    expectNoErrors(await t.gql('{ programmeFees { amountPence } }'));
  });

  it('answers 400 for an event naming a checkout we do not know, 200 for an event that is not ours, 404 for another provider', async () => {
    const unknown = completed({ id: randomUUID(), providerCheckoutId: 'cs_sandbox_unknown', participantId: randomUUID() }, 1_000);
    const res = await post(sandbox.sign(unknown));
    expect([res.status, res.body.error]).toEqual([400, 'The event names a checkout this service does not know']);

    const notOurs = sandbox.sign({ id: 'evt_other', type: 'checkout.session.completed', data: { object: { id: 'cs_other', object: 'checkout.session', payment_status: 'paid', amount_total: 500, currency: 'gbp', payment_intent: 'pi_other' } } });
    const ignored = await post(notOurs);
    expect([ignored.status, ignored.body.outcome]).toEqual([200, 'ignored']);
    expect(await t.dataSource.getRepository(Payment).countBy({ providerReference: 'pi_other' })).toBe(0);

    expect((await post(sandbox.sign(unknown), 'stripe')).status).toBe(404);
  });

  it('completes or fails a checkout on the sandbox’s page; a failed one records nothing and can be started again', async () => {
    const payer = await freshMember(t);
    const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.SINGLE });
    const checkout = await start(id, {}, payer.token);
    const page = await t.http().get(`/sandbox/checkout/${checkout.providerCheckoutId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('£815.00');

    const failed = await t.http().post(`/sandbox/checkout/${checkout.providerCheckoutId}/fail`).send();
    expect(failed.body).toMatchObject({ status: 'FAILED', paymentId: null, webhook: { statusCode: 200, body: { outcome: 'failed' } } });
    expect(await payments(id)).toBe(0);
    expect((await t.http().post(`/sandbox/checkout/${checkout.providerCheckoutId}/complete`).send()).status).toBe(409);

    const paid = await payByCard(t, id, null, payer.token);
    expect(paid.webhookStatus).toBe(200);
    expect(await balance(id)).toMatchObject({ paidInFull: true });
    expect((await t.http().post(`/sandbox/checkout/cs_sandbox_${'0'.repeat(24)}/complete`).send()).status).toBe(404);
  });

  it('lets a member pay their employer’s invoice by card (DEC-P3), recorded against the invoice with the employer as payer', async () => {
    const payer = await freshMember(t);
    const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.EMPLOYER_INVOICE, employerName: 'Riverside College' });
    const [invoice] = (await balance(id)).invoices;
    const { paymentId } = await payByCard(t, id, null, payer.token, { invoiceNumber: invoice.number, payer: { kind: 'EMPLOYER', email: 'accounts@riverside.example' } });
    const b = await balance(id);
    expect(b.invoices).toEqual([{ number: invoice.number, status: 'SETTLED' }]);
    expect(b.payments).toEqual([expect.objectContaining({ id: paymentId, channel: 'ONLINE', payerKind: 'EMPLOYER', payerName: 'Riverside College', payerEmail: 'accounts@riverside.example', invoiceId: expect.any(String) })]);
  });

  it('never records the same reference twice on the same channel, whatever idempotency key is sent (a database constraint)', async () => {
    const payer = await freshMember(t);
    const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2026-09-10' });
    const input = { participantId: id, amountPence: 10_000, channel: 'DIRECT_DEBIT', providerReference: 'DD-COLL-0001' };
    expectNoErrors(await t.gql(RECORD, { input: { ...input, idempotencyKey: key() } }, 'finance'));
    const twice = await t.gql(RECORD, { input: { ...input, idempotencyKey: key() } }, 'finance');
    expect([errorCode(twice), twice.errors?.[0].extensions.rule]).toEqual(['CONFLICT', 'ATS-16']);
    // Two different keys at once: one wins, the other is refused.
    const race = await Promise.all(['a', 'b'].map((k) => t.gql(RECORD, { input: { ...input, providerReference: 'DD-COLL-0002', idempotencyKey: `race-${k}-${randomUUID()}` } }, 'finance')));
    expect(race.map((r) => errorCode(r) ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    // The same reference on another channel is another payment.
    expectNoErrors(await t.gql(RECORD, { input: { ...input, channel: 'BACS', idempotencyKey: key() } }, 'finance'));
    expect(await payments(id)).toBe(3);

    // The database itself refuses a second row, even written past the service.
    const existing = await t.dataSource.getRepository(Payment).findOneByOrFail({ providerReference: 'DD-COLL-0001', channel: 'DIRECT_DEBIT' as never });
    const copy: Partial<Payment> = { ...existing, idempotencyKey: key() };
    delete copy.id;
    await expect(t.dataSource.getRepository(Payment).insert(copy)).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'UQ_payment_channel_provider_reference' } });
  });

  it('refuses money rows that state nonsense: a payment of 0, credit above its amount, paid above an item’s amount (CHECK constraints)', async () => {
    const payer = await freshMember(t);
    const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.SINGLE });
    await payByCard(t, id, 10_000, payer.token);
    const [payment] = await t.dataSource.getRepository(Payment).findBy({ participantId: id });
    await expect(t.dataSource.query(`UPDATE payment SET amount_pence = 0 WHERE id = $1`, [payment.id])).rejects.toMatchObject({ driverError: { code: '23514' } });
    await expect(t.dataSource.query(`UPDATE payment SET credit_pence = amount_pence + 1 WHERE id = $1`, [payment.id])).rejects.toMatchObject({ driverError: { code: '23514' } });
    await expect(t.dataSource.query(`UPDATE payment_schedule_item SET paid_pence = amount_pence + 1 WHERE participant_id = $1`, [id])).rejects.toMatchObject({ driverError: { code: '23514' } });
    await expect(t.dataSource.query(`UPDATE payment SET account_id = $2 WHERE id = $1`, [payment.id, randomUUID()])).rejects.toMatchObject({ driverError: { code: '23503' } });
    await expect(t.dataSource.query(`INSERT INTO refund (account_id, participant_id, payment_id, amount_pence, channel, payer_kind, reason, refunded_at) SELECT account_id, participant_id, id, -5, channel, payer_kind, 'x', now() FROM payment WHERE id = $1`, [payment.id])).rejects.toMatchObject({
      driverError: { code: '23514' },
    });
  });
});
