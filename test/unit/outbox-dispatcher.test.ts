import { Notification, NotificationStatus } from '../../src/domain/notifications/notification.entity';
import { OutboxDispatcher, type MailMessage, type MailSender } from '../../src/domain/notifications/outbox-dispatcher';
import { createTestApp, type TestApp } from '../support/harness';

/** Records what it is asked to send; optionally slow, optionally failing. */
class FakeMailSender implements MailSender {
  readonly sent: MailMessage[] = [];
  calls = 0;
  constructor(private readonly options: { delayMs?: number; fail?: boolean } = {}) {}
  async send(message: MailMessage): Promise<void> {
    this.calls++;
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    if (this.options.fail) throw new Error('SMTP 451 temporary failure');
    this.sent.push(message);
  }
}

describe(OutboxDispatcher.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.dataSource.getRepository(Notification).clear();
  });

  const repo = () => t.dataSource.getRepository(Notification);

  async function queue(count: number): Promise<string[]> {
    await t.dataSource.transaction(async (manager) => {
      for (let i = 0; i < count; i++) {
        await t.app.services.notifications.enqueue(manager, { toAddress: `person${i}@example.org`, template: 'TEST_NOTICE', subject: `Notice ${i}`, body: `Body ${i}` });
      }
    });
    return (await repo().find({ order: { toAddress: 'ASC' } })).map((n) => n.id);
  }

  it('sends PENDING notices and marks them SENT with the time sent', async () => {
    await queue(3);
    const sender = new FakeMailSender();
    const dispatcher = new OutboxDispatcher(t.dataSource, sender, t.app.services.clock);
    expect(await dispatcher.dispatchBatch()).toBe(3);
    expect(sender.sent.map((m) => m.to).sort()).toEqual(['person0@example.org', 'person1@example.org', 'person2@example.org']);
    expect(sender.sent[0]).toEqual({ to: expect.any(String), subject: expect.stringMatching(/^Notice \d$/), text: expect.stringMatching(/^Body \d$/), messageId: expect.stringMatching(/^<notice-[0-9a-f-]{36}@set-professional-status\.api>$/) });
    const rows = await repo().find();
    expect(rows.every((n) => n.status === NotificationStatus.SENT && n.attempts === 1)).toBe(true);
    expect(rows.every((n) => n.sentAt?.toISOString() === t.app.services.clock.now().toISOString())).toBe(true);
    // nothing left: a second pass sends nothing
    expect(await dispatcher.dispatchBatch()).toBe(0);
    expect(sender.calls).toBe(3);
  });

  it('sends at most `limit` notices per batch, oldest first', async () => {
    t.setToday('2026-11-23', 9);
    await queue(1);
    t.setToday('2026-11-23', 10);
    await t.dataSource.transaction((m) => t.app.services.notifications.enqueue(m, { toAddress: 'later@example.org', template: 'TEST_NOTICE', subject: 'Later', body: 'Later' }));
    const sender = new FakeMailSender();
    const dispatcher = new OutboxDispatcher(t.dataSource, sender, t.app.services.clock);
    expect(await dispatcher.dispatchBatch(1)).toBe(1);
    expect(sender.sent.map((m) => m.to)).toEqual(['person0@example.org']);
    expect(await dispatcher.dispatchBatch(1)).toBe(1);
    expect(sender.sent.map((m) => m.to)).toEqual(['person0@example.org', 'later@example.org']);
  });

  it('counts failed attempts, keeps the notice PENDING with a doubling backoff, and marks it UNDELIVERABLE only after the retry period (72 h)', async () => {
    const [id] = await queue(1);
    const start = t.app.services.clock.now().getTime();
    const dispatcher = new OutboxDispatcher(t.dataSource, new FakeMailSender({ fail: true }), t.app.services.clock);
    expect(await dispatcher.dispatchBatch()).toBe(0);
    expect(await repo().findOneByOrFail({ id })).toMatchObject({ status: NotificationStatus.PENDING, attempts: 1, lastError: 'SMTP 451 temporary failure', sentAt: null, nextAttemptAt: new Date(start + 30_000) });
    // not due again before the backoff has passed
    expect(await dispatcher.dispatchBatch()).toBe(0);
    expect((await repo().findOneByOrFail({ id })).attempts).toBe(1);
    t.clock.set(new Date(start + 30_000));
    await dispatcher.dispatchBatch();
    expect(await repo().findOneByOrFail({ id })).toMatchObject({ status: NotificationStatus.PENDING, attempts: 2, nextAttemptAt: new Date(start + 30_000 + 60_000) });
    // five failures in a row no longer lose the notice: it is still PENDING an hour later
    t.clock.set(new Date(start + 3_600_000));
    await dispatcher.dispatchBatch();
    expect((await repo().findOneByOrFail({ id })).status).toBe(NotificationStatus.PENDING);
    // 72 hours after the first failure it is given up
    t.clock.set(new Date(start + 72 * 3_600_000));
    await dispatcher.dispatchBatch();
    expect(await repo().findOneByOrFail({ id })).toMatchObject({ status: NotificationStatus.UNDELIVERABLE, attempts: 4, nextAttemptAt: null });
    // an UNDELIVERABLE notice is not tried again
    const later = new FakeMailSender();
    t.clock.set(new Date(start + 100 * 3_600_000));
    expect(await new OutboxDispatcher(t.dataSource, later, t.app.services.clock).dispatchBatch()).toBe(0);
    expect(later.calls).toBe(0);
  });

  it('keeps going past one failing notice and sends the rest', async () => {
    await queue(3);
    let n = 0;
    const flaky: MailSender = {
      async send() {
        if (n++ === 1) throw new Error('mailbox unavailable');
      },
    };
    expect(await new OutboxDispatcher(t.dataSource, flaky, t.app.services.clock).dispatchBatch()).toBe(2);
    const rows = await repo().find();
    expect(rows.filter((r) => r.status === NotificationStatus.SENT)).toHaveLength(2);
    expect(rows.filter((r) => r.status === NotificationStatus.PENDING && r.attempts === 1)).toHaveLength(1);
  });

  it('never sends the same notice twice when two dispatchers run at once (SKIP LOCKED)', async () => {
    const ids = await queue(30);
    const a = new FakeMailSender({ delayMs: 5 });
    const b = new FakeMailSender({ delayMs: 5 });
    const dispatchA = new OutboxDispatcher(t.dataSource, a, t.app.services.clock);
    const dispatchB = new OutboxDispatcher(t.dataSource, b, t.app.services.clock);
    // Each takes at most 20, so together they must share the 30 rather than both taking the same ones.
    const [sentA, sentB] = await Promise.all([dispatchA.dispatchBatch(20), dispatchB.dispatchBatch(20)]);
    const all = [...a.sent, ...b.sent].map((m) => m.to);
    expect(new Set(all).size).toBe(all.length);
    expect(sentA + sentB).toBe(all.length);
    expect(sentA).toBeGreaterThan(0);
    expect(sentB).toBeGreaterThan(0);
    // whatever is left is sent on the next pass, still once each
    await dispatchA.dispatchBatch(20);
    const everything = [...a.sent, ...b.sent].map((m) => m.to);
    expect(everything.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `person${i}@example.org`).sort());
    expect((await repo().findBy({ status: NotificationStatus.SENT })).map((r) => r.id).sort()).toEqual([...ids].sort());
  });
});
