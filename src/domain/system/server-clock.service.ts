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

/** DEC-T2: an ADMIN may move the server clock outside production, so a cohort can be walked through a year. */
export class ServerClockService {
  constructor(
    private readonly clock: Clock,
    private readonly adjustable: AdjustableClock | null,
    private readonly uow: UnitOfWork,
  ) {}

  state(): ServerClockState {
    const now = this.clock.now();
    return { now, londonDate: londonDateOf(now), shifted: this.adjustable?.isShifted ?? false, testClockEnabled: this.adjustable !== null };
  }

  async set(viewer: Viewer, at: Date | null): Promise<ServerClockState> {
    requireRole(viewer, [Role.ADMIN], 'DEC-T2');
    const clock = this.adjustable;
    if (!clock) throw ruleViolation('DEC-T2', 'The server clock can only be set where the test clock is enabled, never in production');
    const from = this.clock.now();
    return this.uow.run(viewer, async () => {
      if (at) clock.setNow(at);
      else clock.reset();
      return { result: this.state(), audit: { action: at ? 'serverClock.set' : 'serverClock.reset', targetType: 'server_clock', detail: { from: from.toISOString(), to: this.clock.now().toISOString() } } };
    });
  }
}
