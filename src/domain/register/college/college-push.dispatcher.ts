import { createHmac, timingSafeEqual } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import type { DataSource } from 'typeorm';

export interface CollegePushConfig {
  url: string;
  /** HMAC-SHA256 key shared with the College. */
  secret: string;
  /** First retry delay; doubles each attempt up to an hour. */
  backoffBaseMs?: number;
  timeoutMs?: number;
}

export const SIGNATURE_HEADER = 'x-set-signature';
export const CONFERRAL_EVENT_TYPE = 'uk.org.set.chartered-teacher.conferred';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the body and the time it was signed are both covered. */
export function signBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What the College (or a test receiver) runs: true when the signature matches the body and is recent enough. */
export function verifySignature(secret: string, body: string, header: string | undefined, nowSeconds: number, toleranceSeconds = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  if (Math.abs(nowSeconds - Number(m[1])) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex'));
  return timingSafeEqual(expected, Buffer.from(m[2]));
}

/**
 * ATS-49 push: each conferral also goes to COLLEGE_WEBHOOK_URL as a binary-mode CloudEvent (id = conferral id, so the
 * College can de-duplicate), signed with an HMAC header. Deliveries come from the `college_push` outbox (its row is
 * written by a trigger in the conferral's own transaction, so none is ever lost); a batch leases its rows (SKIP
 * LOCKED, so several instances share the work), sends, then marks them delivered or schedules a retry with
 * exponential backoff. No transaction stays open while sending.
 */
export class CollegePushDispatcher {
  private readonly base: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: CollegePushConfig,
  ) {
    this.base = config.backoffBaseMs ?? 30_000;
    this.timeoutMs = config.timeoutMs ?? 10_000;
  }

  /** Sends what is due; returns how many were delivered and how many will be retried. */
  async dispatchBatch(limit = 20): Promise<{ delivered: number; failed: number }> {
    const leased: { conferral_id: string; attempts: number; full_name: string; membership_number: string; ats_awarded_on: string; conferred_on: string }[] = await this.dataSource.query(
      `WITH due AS (
         SELECT conferral_id FROM college_push
          WHERE delivered_at IS NULL AND next_attempt_at <= clock_timestamp()
          ORDER BY next_attempt_at, conferral_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       , leased AS (
         UPDATE college_push p SET next_attempt_at = clock_timestamp() + make_interval(secs => $2::int), attempts = p.attempts + 1
           FROM due WHERE p.conferral_id = due.conferral_id RETURNING p.conferral_id, p.attempts)
       SELECT l.conferral_id, l.attempts, m.given_name || ' ' || m.family_name AS full_name, m.membership_number,
              c.ats_awarded_on::text AS ats_awarded_on, c.conferred_on::text AS conferred_on
         FROM leased l JOIN chartered_teacher_conferral c ON c.id = l.conferral_id JOIN member m ON m.id = c.member_id`,
      [limit, Math.ceil(this.timeoutMs / 1000) + 5],
    );
    let delivered = 0;
    let failed = 0;
    for (const row of leased) {
      const event = new CloudEvent({
        id: row.conferral_id,
        type: CONFERRAL_EVENT_TYPE,
        source: 'urn:set:professional-status-api',
        datacontenttype: 'application/json',
        data: { fullName: row.full_name, membershipNumber: row.membership_number, atsAwardedOn: row.ats_awarded_on, conferredOn: row.conferred_on },
      });
      const message = HTTP.binary(event);
      const body = typeof message.body === 'string' ? message.body : JSON.stringify(message.body);
      let error: string | null = null;
      try {
        const res = await fetch(this.config.url, {
          method: 'POST',
          headers: { ...(message.headers as Record<string, string>), [SIGNATURE_HEADER]: signBody(this.config.secret, body, Math.floor(Date.now() / 1000)) },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (!res.ok) error = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => undefined);
      } catch (e) {
        error = (e as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
      }
      if (error === null) {
        delivered++;
        await this.dataSource.query(`UPDATE college_push SET delivered_at = clock_timestamp(), last_error = NULL WHERE conferral_id = $1`, [row.conferral_id]);
      } else {
        failed++;
        const delayMs = Math.min(this.base * 2 ** (row.attempts - 1), 3_600_000);
        await this.dataSource.query(`UPDATE college_push SET last_error = $2, next_attempt_at = clock_timestamp() + make_interval(secs => $3::double precision) WHERE conferral_id = $1`, [
          row.conferral_id,
          error,
          delayMs / 1000,
        ]);
      }
    }
    return { delivered, failed };
  }
}
