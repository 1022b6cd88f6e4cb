import type { AreaDeps, AreaSweeps } from '../../area';
import { StatusService } from './status.service';

/** Builds the status records area: QTLS records, opt-out, re-accreditation and dormancy (ATS-41, ATS-50). */
export function createStatusArea(deps: AreaDeps) {
  const statuses = new StatusService(deps.dataSource, deps.clock, deps.uow, deps.audit, deps.notifications);
  const area = {
    statuses,
    sweeps: [{ name: 'ats.reaccreditationReminders', run: (viewer) => statuses.remindReaccreditationDue(viewer) }],
  } satisfies AreaSweeps & Record<string, unknown>;
  return area;
}

export type StatusArea = ReturnType<typeof createStatusArea>;
