import { SYSTEM, type Viewer } from '../shared/viewer';

export interface Sweep {
  name: string;
  run(viewer: Viewer): Promise<number>;
}

export interface SweepResult {
  name: string;
  affected: number;
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

  async runAll(viewer: Viewer = SYSTEM): Promise<SweepResult[]> {
    const results: SweepResult[] = [];
    for (const sweep of this.sweeps) results.push({ name: sweep.name, affected: await sweep.run(viewer) });
    return results;
  }
}
