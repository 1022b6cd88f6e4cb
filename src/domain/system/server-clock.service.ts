import type { DataSource } from 'typeorm';
import type { AdjustableClock, Clock } from '../shared/clock';
import { londonDateOf } from '../shared/dates';
import { ruleViolation } from '../shared/errors';
import type { UnitOfWork } from '../shared/unit-of-work';
import { Role, requireRole, type Viewer } from '../shared/viewer';

export interface ServerClockState {
  now: Date;
  londonDate: string;
  shifted: boolean;
  testClockEnabled: boolean;
}

/** After a failed refresh (database down), requests use the cached shift for this long before asking again. */
const REFRESH_BACKOFF_MS = 5000;
/** A refresh never holds a request up for longer than this; the cached shift is used instead. */
const REFRESH_TIMEOUT_MS = 1000;

/**
 * DEC-T2: an ADMIN may move the server clock outside production, so a cohort can be walked through a year.
 *
 * Issue 8: the shift lives in the database (table `server_clock`), so every instance and every restart sees the same
 * time. `clock.now()` stays synchronous for its callers: each instance caches the shift in its AdjustableClock and
 * `refresh()` reloads it at the start of every GraphQL request and every sweep run (one primary-key read, and only where
 * the test clock is enabled, never in production). Moving the clock writes the row in the same transaction as its
 * audit entry, so a request on any instance that starts after the move has committed reads the moved clock.
 */
export class ServerClockService {
  private refreshFailedAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly adjustable: AdjustableClock | null,
    private readonly uow: UnitOfWork,
    private readonly dataSource?: DataSource,
  ) {}

  state(): ServerClockState {
    const now = this.clock.now();
    return { now, londonDate: londonDateOf(now), shifted: this.adjustable?.isShifted ?? false, testClockEnabled: this.adjustable !== null };
  }

  /** Loads the shared shift into this instance's clock. Never throws: with the database away, the cached shift stays. */
  async refresh(): Promise<void> {
    const clock = this.adjustable;
    if (!clock || !this.dataSource) return;
    if (Date.now() - this.refreshFailedAt < REFRESH_BACKOFF_MS) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      const read = this.dataSource.query('SELECT offset_ms FROM server_clock WHERE id = 1') as Promise<{ offset_ms: string }[]>;
      const rows = await Promise.race([read, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('clock refresh timed out')), REFRESH_TIMEOUT_MS)))]);
      clock.setOffset(rows.length ? Number(rows[0].offset_ms) : 0);
    } catch {
      this.refreshFailedAt = Date.now();
    } finally {
      clearTimeout(timer);
    }
  }

  async set(viewer: Viewer, at: Date | null): Promise<ServerClockState> {
    requireRole(viewer, [Role.ADMIN], 'DEC-T2');
    const clock = this.adjustable;
    if (!clock) throw ruleViolation('DEC-T2', 'The server clock can only be set where the test clock is enabled, never in production');
    const from = this.clock.now();
    const previous = clock.offset;
    try {
      return await this.uow.run(viewer, async (manager) => {
        if (at) clock.setNow(at);
        else clock.reset();
        await manager.query(
          `INSERT INTO server_clock (id, offset_ms, updated_at) VALUES (1, $1, now())
           ON CONFLICT (id) DO UPDATE SET offset_ms = EXCLUDED.offset_ms, updated_at = EXCLUDED.updated_at`,
          [String(Math.round(clock.offset))],
        );
        return { result: this.state(), audit: { action: at ? 'serverClock.set' : 'serverClock.reset', targetType: 'server_clock', detail: { from: from.toISOString(), to: this.clock.now().toISOString() } } };
      });
    } catch (error) {
      clock.setOffset(previous); // nothing was stored: this instance keeps the shared time
      throw error;
    }
  }
}
