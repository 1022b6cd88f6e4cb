import { randomUUID } from 'node:crypto';
import os from 'node:os';
import nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { Clock } from '../shared/clock';
import { noticeMessageId, NotificationStatus, type Notification } from './notification.entity';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notice (`noticeMessageId`): a copy re-sent after a crash carries the same Message-ID. */
  messageId: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
  close?(): void;
}

export interface SmtpTimeouts {
  /** Opening the TCP (and TLS) connection to the relay. */
  connectionTimeoutMs: number;
  /** Waiting for the relay's greeting once connected (a relay that accepts and never answers). */
  greetingTimeoutMs: number;
  /** Any silence on the socket during the conversation. */
  socketTimeoutMs: number;
}

export class SmtpMailSender implements MailSender {
  private readonly transport;
  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeouts: SmtpTimeouts = { connectionTimeoutMs: 10_000, greetingTimeoutMs: 10_000, socketTimeoutMs: 30_000 },
  ) {
    // nodemailer reads the URL's host, port, credentials and TLS options; the timeouts bound every stage (issue 8).
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: timeouts.connectionTimeoutMs,
      greetingTimeout: timeouts.greetingTimeoutMs,
      socketTimeout: timeouts.socketTimeoutMs,
      dnsTimeout: timeouts.connectionTimeoutMs,
    } as Parameters<typeof nodemailer.createTransport>[0]);
  }
  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, messageId: message.messageId });
  }
  close(): void {
    this.transport.close();
  }
}

export interface DispatcherOptions {
  /** Notices claimed per batch. */
  batchSize: number;
  /** Notices of a batch being sent at the same time. */
  concurrency: number;
  /** A run claims batches while the backlog lasts, up to this many. */
  maxBatchesPerRun: number;
  /** How long a claim lasts; a dispatcher that died mid-batch loses its claim after this and another one sends. */
  leaseSeconds: number;
  /** Retries stop this long after the first failure: the notice becomes UNDELIVERABLE. */
  retryHours: number;
  /** Delay after the first failure; it doubles with each failure up to `retryMaxSeconds`. */
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /** Names this dispatcher's leases (host, pid and a random part by default). */
  instanceId: string;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  batchSize: 50,
  concurrency: 5,
  maxBatchesPerRun: 20,
  leaseSeconds: 300,
  retryHours: 72,
  retryBaseSeconds: 30,
  retryMaxSeconds: 3600,
  instanceId: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
};

export interface DispatchRunResult {
  claimed: number;
  sent: number;
  failed: number;
  undeliverable: number;
}

/** Delay before the next attempt after `failures` failed attempts (1, 2, ...): base * 2^(failures-1), capped. */
export function retryDelaySeconds(failures: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.min(30, Math.max(0, failures - 1)));
}

/**
 * A failure the relay will repeat for this recipient whatever we do: a 5xx answer about the envelope (no such mailbox,
 * address refused). Connection, authentication, timeout and 4xx failures are the relay's problem and are retried.
 */
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown } | undefined;
  return e?.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
}

/**
 * Delivers the outbox (issue 8). No database transaction or pooled connection is held while talking to the relay:
 *
 * 1. claim: one short statement marks up to `batchSize` due notices with a lease (`FOR UPDATE SKIP LOCKED`, so two
 *    dispatchers never claim the same notice), most urgent first (priority, then age), and commits;
 * 2. send: up to `concurrency` at a time, each email with a Message-ID derived from the notice id;
 * 3. mark: each notice in its own short statement: SENT, or PENDING with an exponential backoff, or UNDELIVERABLE once
 *    the relay refused the address permanently or `retryHours` have passed since the first failure.
 *
 * A dispatcher that dies between 1 and 3 leaves its leases behind; they expire after `leaseSeconds` and the notices are
 * sent again (at least once, same Message-ID). One run at a time per instance; a run keeps claiming batches while
 * the backlog lasts (up to `maxBatchesPerRun`); `stop()` waits for the batch in flight.
 */
export class OutboxDispatcher {
  readonly options: DispatcherOptions;
  private running: Promise<DispatchRunResult> | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private runs = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: MailSender,
    private readonly clock: Clock,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  }

  /** Claims batches and sends them while the backlog lasts. A call while a run is in flight joins that run. */
  run(): Promise<DispatchRunResult> {
    if (this.stopping) return Promise.resolve({ claimed: 0, sent: 0, failed: 0, undeliverable: 0 });
    this.running ??= this.runBatches().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runBatches(): Promise<DispatchRunResult> {
    const total: DispatchRunResult = { claimed: 0, sent: 0, failed: 0, undeliverable: 0 };
    for (let i = 0; i < this.options.maxBatchesPerRun && !this.stopping; i++) {
      const r = await this.sendBatch(this.options.batchSize);
      total.claimed += r.claimed;
      total.sent += r.sent;
      total.failed += r.failed;
      total.undeliverable += r.undeliverable;
      if (r.claimed < this.options.batchSize) break;
    }
    return total;
  }

  /** One batch: claim up to `limit`, send, mark. Returns how many were sent. */
  async dispatchBatch(limit = this.options.batchSize): Promise<number> {
    return (await this.sendBatch(limit)).sent;
  }

  private async sendBatch(limit: number): Promise<DispatchRunResult> {
    const owner = `${this.options.instanceId}#${++this.runs}`;
    const batch = await this.claim(limit, owner);
    const result: DispatchRunResult = { claimed: batch.length, sent: 0, failed: 0, undeliverable: 0 };
    await eachLimit(batch, this.options.concurrency, async (notice) => {
      try {
        result[await this.deliver(notice, owner)]++;
      } catch {
        // The mark could not be stored (database away): the lease expires and the notice is sent again, same Message-ID.
        result.failed++;
      }
    });
    return result;
  }

  /** Step 1, one autocommitted statement: leases up to `limit` due notices to `owner`. */
  async claim(limit: number, owner: string): Promise<Notification[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseSeconds * 1000);
    const [rows] = (await this.dataSource.query(
      `UPDATE notification n SET lease_until = $1, lease_owner = $2
         FROM (SELECT id FROM notification
                WHERE status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= $3) AND (lease_until IS NULL OR lease_until <= $3)
                ORDER BY priority, created_at, id
                LIMIT $4
                FOR UPDATE SKIP LOCKED) due
        WHERE n.id = due.id
       RETURNING n.id, n.to_address, n.subject, n.body, n.attempts, n.priority, n.created_at, n.first_failed_at`,
      [leaseUntil, owner, now, limit],
    )) as [{ id: string; to_address: string; subject: string; body: string; attempts: number; priority: number; created_at: Date; first_failed_at: Date | null }[], number];
    return rows
      .map((r) => ({ id: r.id, toAddress: r.to_address, subject: r.subject, body: r.body, attempts: r.attempts, priority: r.priority, createdAt: r.created_at, firstFailedAt: r.first_failed_at }) as Notification)
      .sort((a, b) => a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** Steps 2 and 3 for one notice. */
  private async deliver(notice: Notification, owner: string): Promise<'sent' | 'failed' | 'undeliverable'> {
    try {
      await this.sender.send({ to: notice.toAddress, subject: notice.subject, text: notice.body, messageId: noticeMessageId(notice.id) });
    } catch (error) {
      return this.markFailed(notice, owner, error);
    }
    await this.dataSource.query(
      `UPDATE notification SET status = 'SENT', sent_at = $2, attempts = attempts + 1, lease_until = NULL, lease_owner = NULL, next_attempt_at = NULL, last_error = NULL
        WHERE id = $1 AND status = 'PENDING'`,
      [notice.id, this.clock.now()],
    );
    return 'sent';
  }

  private async markFailed(notice: Notification, owner: string, error: unknown): Promise<'failed' | 'undeliverable'> {
    const now = this.clock.now();
    const firstFailedAt = notice.firstFailedAt ?? now;
    const giveUp = isPermanentFailure(error) || now.getTime() - firstFailedAt.getTime() >= this.options.retryHours * 3_600_000;
    const delay = retryDelaySeconds(notice.attempts + 1, this.options.retryBaseSeconds, this.options.retryMaxSeconds);
    const message = String((error as Error)?.message ?? error).slice(0, 200);
    await this.dataSource.query(
      `UPDATE notification SET attempts = attempts + 1, last_error = $2, first_failed_at = $3, next_attempt_at = $4, status = $5, lease_until = NULL, lease_owner = NULL
        WHERE id = $1 AND status = 'PENDING' AND lease_owner = $6`,
      [notice.id, message, firstFailedAt, giveUp ? null : new Date(now.getTime() + delay * 1000), giveUp ? NotificationStatus.UNDELIVERABLE : NotificationStatus.PENDING, owner],
    );
    return giveUp ? 'undeliverable' : 'failed';
  }

  /** Runs every `intervalMs`; a tick while a run is in flight does nothing (one run at a time per instance). */
  start(intervalMs: number, onError: (error: unknown) => void, onRun?: (result: DispatchRunResult) => void): void {
    this.stopping = false;
    const tick = () => {
      if (this.running) return;
      this.run().then(
        (r) => onRun?.(r),
        (error) => onError(error),
      );
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  /** Stops claiming and waits for the batch in flight to be sent and marked (bounded by the SMTP timeouts). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    this.sender.close?.();
  }
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
