import type { AreaDeps, AreaSweeps } from '../../area';
import type { ParticipantService } from '../programme/participant.service';
import { DEFAULT_OBJECTION_PERIOD_DAYS } from './results.rules';
import { ResultsService, type ResultsSettings } from './results.service';

/** Builds the ATS results area: outcomes, release (DEC-O1), resubmission (ATS-31..33), objections (ATS-36). */
export function createResultsArea(deps: AreaDeps, participants: ParticipantService, settings: Partial<ResultsSettings> = {}) {
  const results = new ResultsService(deps.dataSource, deps.clock, deps.uow, deps.audit, deps.notifications, participants, {
    objectionPeriodDays: settings.objectionPeriodDays ?? DEFAULT_OBJECTION_PERIOD_DAYS,
  });
  const area = {
    results,
    sweeps: [
      { name: 'ats.releaseResults', run: (viewer) => results.releaseDueResults(viewer) },
      { name: 'ats.withdrawUnresubmitted', run: (viewer) => results.withdrawUnresubmitted(viewer) },
    ],
  } satisfies AreaSweeps & Record<string, unknown>;
  return area;
}

export type ResultsArea = ReturnType<typeof createResultsArea>;
