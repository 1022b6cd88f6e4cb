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

/**
 * Time-driven rules (DEC-M1 lapsing, ATS-44 withdrawal, ...) run as idempotent sweeps:
 * the server runs them on a timer and after the test clock moves, and staff can run them on demand.
 */
export class SweepService {
  private readonly sweeps: Sweep[] = [];

  register(sweep: Sweep): void {
    this.sweeps.push(sweep);
  }

  /** Runs every sweep; one that fails does not stop the others. */
  async runAll(viewer: Viewer = SYSTEM): Promise<SweepResult[]> {
    requireRole(viewer, [Role.MEMBERSHIP_TEAM, Role.ADMIN]);
    const results: SweepResult[] = [];
    for (const sweep of this.sweeps) {
      try {
        results.push({ name: sweep.name, affected: await sweep.run(viewer), error: null });
      } catch (error) {
        const affected = error instanceof SweepIncompleteError ? error.affected : 0;
        const message = error instanceof SweepIncompleteError || error instanceof DomainError ? error.message : 'The sweep failed; it will run again';
        results.push({ name: sweep.name, affected, error: message });
      }
    }
    return results;
  }
}
