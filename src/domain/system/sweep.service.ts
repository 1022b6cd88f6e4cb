import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../../db/database-errors';
import { DomainError } from '../shared/errors';
import { Role, requireRole, SYSTEM, type Viewer } from '../shared/viewer';

export interface Sweep {
  name: string;
  run(viewer: Viewer): Promise<number>;
}

export interface SweepResult {
  name: string;
  affected: number;
  /** Set when the sweep could not finish; it is idempotent, so the next run picks up what is left. */
  error: string | null;
  /** True when another instance (or another run on this one) was running this sweep, so this run left it to that one. */
  skipped?: boolean;
}

/** A sweep that did part of its work: some rows could not be processed this run (held by another request). */
export class SweepIncompleteError extends Error {
  constructor(
    readonly sweep: string,
    readonly affected: number,
    readonly failedIds: string[],
  ) {
    super(`${sweep}: ${failedIds.length} record(s) could not be processed this run and will be retried`);
  }
}

/** First key of the two-key advisory locks that guard sweeps; the second is hashtext(sweep name). */
export const SWEEP_LOCK_CLASS = 7_411_204;

export interface SweepServiceOptions {
  /** Present: each sweep runs under a PostgreSQL advisory lock, so across instances it runs once at a time (issue 8). */
  dataSource?: DataSource;
  /** Runs before every `runAll`: reloads the shared test clock (DEC-T2). */
  beforeRun?: () => Promise<void>;
}

/**
 * Time-driven rules (DEC-M1 lapsing, ATS-44 withdrawal, ...) run as idempotent sweeps:
 * the server runs them on a timer and after the test clock moves, and staff can run them on demand.
 *
 * Issue 8: each sweep run takes `pg_try_advisory_lock(SWEEP_LOCK_CLASS, hashtext(name))` on a connection of its own
 * first. When another instance holds it, this run skips that sweep (it is being done) rather than doing it twice.
 * A session lock (not a transaction lock) is used because the sweep's own work commits in many short transactions.
 */
export class SweepService {
  private readonly sweeps: Sweep[] = [];

  constructor(private readonly options: SweepServiceOptions = {}) {}

  register(sweep: Sweep): void {
    this.sweeps.push(sweep);
  }

  /** Runs every sweep; one that fails does not stop the others. */
  async runAll(viewer: Viewer = SYSTEM): Promise<SweepResult[]> {
    requireRole(viewer, [Role.MEMBERSHIP_TEAM, Role.ADMIN]);
    await this.options.beforeRun?.();
    const results: SweepResult[] = [];
    for (const sweep of this.sweeps) results.push(await this.runOne(sweep, viewer));
    return results;
  }

  private async runOne(sweep: Sweep, viewer: Viewer): Promise<SweepResult> {
    const ds = this.options.dataSource;
    const runner = ds?.createQueryRunner();
    try {
      if (runner) {
        const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [SWEEP_LOCK_CLASS, sweep.name])) as { locked: boolean }[];
        if (!locked) return { name: sweep.name, affected: 0, error: null, skipped: true };
      }
      try {
        return { name: sweep.name, affected: await sweep.run(viewer), error: null, skipped: false };
      } finally {
        if (runner) await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SWEEP_LOCK_CLASS, sweep.name]).catch(() => undefined);
      }
    } catch (error) {
      const affected = error instanceof SweepIncompleteError ? error.affected : 0;
      const message =
        error instanceof SweepIncompleteError || error instanceof DomainError
          ? error.message
          : isDatabaseUnavailable(error)
            ? 'The database was unavailable; the sweep runs again next time'
            : 'The sweep failed; it will run again';
      return { name: sweep.name, affected, error: message, skipped: false };
    } finally {
      if (runner) await runner.release().catch(() => undefined);
    }
  }
}
