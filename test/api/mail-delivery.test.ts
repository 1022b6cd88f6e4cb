import { Notification, NotificationPriority, NotificationStatus, noticeMessageId } from '../../src/domain/notifications/notification.entity';
import { OutboxDispatcher, SmtpMailSender, type DispatcherOptions } from '../../src/domain/notifications/outbox-dispatcher';
import { errorCode, expectNoErrors, createTestApp, type TestApp } from '../support/harness';
import { participantWithAccount, paymentInput, RECORD_PAYMENT, settlesBefore, TestRelay } from '../support/faults';

/**
 * Issue 8, items 1 and 2: mail that cannot stall the API or be lost. A real SMTP conversation with an in-process relay
 * (smtp-server) that accepts, hangs, refuses or rejects; time moves with the test clock, never by waiting.
 */
describe('mail delivery through the outbox (issue 8)', () => {
  let t: TestApp;
  let relay: TestRelay;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    relay = await new TestRelay().start();
  });
  afterAll(async () => {
    await relay.stop();
    await t.close();
  });
  beforeEach(async () => {
    relay.mode = 'accept';
    relay.received.length = 0;
    await t.dataSource.getRepository(Notification).clear();
  });

  const repo = () => t.dataSource.getRepository(Notification);

  function dispatcher(options: Partial<DispatcherOptions> = {}, timeouts = { connectionTimeoutMs: 2000, greetingTimeoutMs: 2000, socketTimeoutMs: 2000 }) {
    const sender = new SmtpMailSender(relay.url, 'SET <no-reply@set.example>', timeouts);
    return new OutboxDispatcher(t.dataSource, sender, t.app.services.clock, { batchSize: 10, concurrency: 5, leaseSeconds: 300, retryBaseSeconds: 30, retryMaxSeconds: 3600, retryHours: 72, ...options });
  }

  async function queue(count: number, template = 'ATS_PAYMENT_CONFIRMED', prefix = 'person'): Promise<string[]> {
    const before = new Set((await repo().find({ select: { id: true } })).map((n) => n.id));
    await t.dataSource.transaction(async (manager) => {
      for (let i = 0; i < count; i++) {
        await t.app.services.notifications.enqueue(manager, { toAddress: `${prefix}${i}@example.org`, template, subject: `Notice ${i}`, body: `Body ${i}` });
      }
    });
    return (await repo().find()).map((n) => n.id).filter((id) => !before.has(id));
  }

  function checkedOut(): number {
    const pool = (t.dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    return pool.totalCount - pool.idleCount;
  }

  it('keeps payments and /readyz answering while the relay accepts connections and never answers, holding no connection or transaction meanwhile', async () => {
    relay.mode = 'hang';
    await queue(20);
    const participantId = await participantWithAccount(t);
    // Long SMTP timeouts: the run is still stuck when the requests below are answered.
    const stuck = dispatcher({ batchSize: 20, concurrency: 10 }, { connectionTimeoutMs: 60_000, greetingTimeoutMs: 60_000, socketTimeoutMs: 60_000 });
    const run = stuck.run();
    while (relay.connections < 10) await new Promise((resolve) => setTimeout(resolve, 10));

    // While ten SMTP conversations hang: no pooled connection is checked out and no session sits idle in a transaction.
    expect(checkedOut()).toBe(0);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    expect(n).toBe(0);

    // Five payments (the pool has five connections) and /readyz all answer before the stuck run ends.
    const payments = Promise.all(Array.from({ length: 5 }, () => t.gql(RECORD_PAYMENT, paymentInput(participantId), 'finance')));
    const { value: paid, settledFirst } = await settlesBefore(payments, run);
    expect(settledFirst).toBe(true);
    paid.forEach(expectNoErrors);
    const ready = await settlesBefore(t.http().get('/readyz'), run);
    expect(ready.settledFirst).toBe(true);
    expect(ready.value.status).toBe(200);

    // The relay lets go (and refuses the rest): the run ends, every notice is still PENDING (one failed attempt), no lease left.
    relay.mode = 'refuse';
    relay.releaseHung();
    await run;
    await stuck.stop();
    const rows = await repo().find();
    expect(rows.filter((r) => r.template === 'ATS_PAYMENT_CONFIRMED' && r.toAddress.startsWith('person')).every((r) => r.status === NotificationStatus.PENDING && r.attempts === 1 && r.leaseUntil === null)).toBe(true);
  });

  it('gives up on a relay that never greets after the greeting timeout, and retries later', async () => {
    relay.mode = 'hang';
    const [id] = await queue(1);
    const d = dispatcher({}, { connectionTimeoutMs: 300, greetingTimeoutMs: 300, socketTimeoutMs: 300 });
    const result = await d.run();
    expect(result).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    const row = await repo().findOneByOrFail({ id });
    expect(row).toMatchObject({ status: NotificationStatus.PENDING, attempts: 1 });
    expect(row.lastError).toMatch(/greeting|timeout/i);
    relay.releaseHung();
  });

  it('delivers every notice once the relay comes back after refusing for 10 minutes (simulated), each exactly once', async () => {
    relay.mode = 'refuse';
    const ids = await queue(25);
    const d = dispatcher({ batchSize: 10 });
    const start = t.clock.now().getTime();
    for (let second = 0; second <= 600; second += 30) {
      t.clock.set(new Date(start + second * 1000));
      await d.run();
    }
    const during = await repo().findBy({ status: NotificationStatus.PENDING });
    expect(during).toHaveLength(25);
    // Backoff doubled: 30 s, 60 s, 120 s, 240 s after each failure, so five attempts in ten minutes, not twenty.
    expect(new Set(during.map((r) => r.attempts))).toEqual(new Set([5]));
    expect(relay.received).toHaveLength(0);

    relay.mode = 'accept';
    t.clock.set(new Date(start + 16 * 60_000)); // past the last backoff (7.5 min + 8 min)
    const result = await d.run();
    // Throughput grows with the backlog: one run took three batches of ten.
    expect(result).toMatchObject({ claimed: 25, sent: 25 });
    expect((await repo().findBy({ status: NotificationStatus.SENT })).map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(relay.received.map((m) => m.messageId).sort()).toEqual(ids.map(noticeMessageId).sort());
    // A later run sends nothing again.
    t.clock.set(new Date(start + 60 * 60_000));
    expect(await d.run()).toMatchObject({ claimed: 0 });
    expect(relay.received).toHaveLength(25);
  });

  it('loses no notice when a dispatcher dies mid-batch: its lease expires and another sends them, with the same Message-ID', async () => {
    const ids = await queue(6);
    // The crashed dispatcher claimed all six and had sent the first one when it died (no mark stored).
    const crashed = dispatcher();
    const claimed = await crashed.claim(10, 'crashed-instance#1');
    expect(claimed).toHaveLength(6);
    await new SmtpMailSender(relay.url, 'SET <no-reply@set.example>').send({ to: claimed[0].toAddress, subject: claimed[0].subject, text: claimed[0].body, messageId: noticeMessageId(claimed[0].id) });

    // Another dispatcher leaves leased notices alone while the lease lasts.
    const survivor = dispatcher({ leaseSeconds: 300 });
    expect(await survivor.run()).toMatchObject({ claimed: 0 });
    t.clock.set(new Date(t.clock.now().getTime() + 301_000));
    expect(await survivor.run()).toMatchObject({ claimed: 6, sent: 6 });

    expect((await repo().findBy({ status: NotificationStatus.SENT })).map((r) => r.id).sort()).toEqual([...ids].sort());
    const copies = relay.received.filter((m) => m.messageId === noticeMessageId(claimed[0].id));
    expect(copies).toHaveLength(2); // sent before the crash and again after it: recognisably the same email
    expect(new Set(relay.received.map((m) => m.messageId))).toEqual(new Set(ids.map(noticeMessageId)));
  });

  it('never lets two dispatchers claim the same notice (SKIP LOCKED leases)', async () => {
    const ids = await queue(40);
    const [a, b] = [dispatcher({ batchSize: 7 }), dispatcher({ batchSize: 7 })];
    await Promise.all([a.run(), b.run(), a.run(), b.run()]);
    const ids2 = relay.received.map((m) => m.messageId);
    expect(ids2).toHaveLength(40);
    expect(new Set(ids2)).toEqual(new Set(ids.map(noticeMessageId)));
  });

  it('sends transactional notices (payment confirmations, decisions) before broadcasts and reminders', async () => {
    await queue(10, 'CODE_OF_PRACTICE_CHANGED', 'broadcast');
    await queue(5, 'ATS_REGISTRATION_INVITATION', 'reminder');
    await queue(5, 'ATS_PAYMENT_CONFIRMED', 'payer');
    const priorities = await repo().find();
    expect(priorities.find((n) => n.toAddress.startsWith('broadcast'))!.priority).toBe(NotificationPriority.BROADCAST);
    expect(priorities.find((n) => n.toAddress.startsWith('payer'))!.priority).toBe(NotificationPriority.TRANSACTIONAL);
    await dispatcher({ batchSize: 5, concurrency: 1 }).run();
    const order = relay.received.map((m) => m.to[0].replace(/\d+@.*/, ''));
    expect(order).toEqual([...Array(5).fill('payer'), ...Array(5).fill('reminder'), ...Array(10).fill('broadcast')]);
  });

  it('marks a notice UNDELIVERABLE at once when the relay refuses the address permanently (550), and lists it for staff', async () => {
    relay.mode = 'reject-recipient';
    const [id] = await queue(1);
    expect(await dispatcher().run()).toMatchObject({ undeliverable: 1 });
    expect(await repo().findOneByOrFail({ id })).toMatchObject({ status: NotificationStatus.UNDELIVERABLE, attempts: 1 });

    const QUERY = `query ($problem: MailDeliveryProblem!) { mailDeliveryProblems(problem: $problem) { nodes { id status attempts lastError messageId } } }`;
    const listed = await t.gql(QUERY, { problem: 'UNDELIVERABLE' }, 'membership-team');
    expectNoErrors(listed);
    expect(listed.data!.mailDeliveryProblems.nodes).toEqual([{ id, status: 'UNDELIVERABLE', attempts: 1, lastError: expect.stringMatching(/550/), messageId: noticeMessageId(id) }]);
    expect(errorCode(await t.gql(QUERY, { problem: 'UNDELIVERABLE' }, 'member'))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(QUERY, { problem: 'UNDELIVERABLE' }, 'finance'))).toBe('FORBIDDEN');
  });

  it('lists notices still failing long after their first failure as DELAYED for staff', async () => {
    const [late, recent] = await queue(2);
    await t.dataSource.query(`UPDATE notification SET attempts = 6, first_failed_at = now() - interval '3 hours', next_attempt_at = now() + interval '1 hour' WHERE id = $1`, [late]);
    await t.dataSource.query(`UPDATE notification SET attempts = 1, first_failed_at = now() - interval '5 minutes' WHERE id = $1`, [recent]);
    const res = await t.gql(`{ mailDeliveryProblems(problem: DELAYED, delayedForMinutes: 60) { nodes { id status firstFailedAt } } }`, undefined, 'admin');
    expectNoErrors(res);
    expect(res.data!.mailDeliveryProblems.nodes.map((n: { id: string }) => n.id)).toEqual([late]);
  });

  it('waits for the batch in flight when stopped (shutdown), then claims nothing more', async () => {
    await queue(3);
    const d = dispatcher();
    const run = d.run();
    await d.stop();
    expect(await run).toMatchObject({ claimed: 3, sent: 3 });
    expect(relay.received).toHaveLength(3);
    await queue(2, 'ATS_PAYMENT_CONFIRMED', 'after');
    expect(await d.run()).toMatchObject({ claimed: 0 });
  });
});
