import type { AreaDeps, AreaSweeps } from '../area';
import { ConductAppealService } from './appeal.service';
import { RecordOnAppealEffects, type AwardAppealEffects } from './award-appeal.ports';
import { AwardAppealService } from './award-appeal.service';
import { ComplaintService, DEFAULT_CONDUCT_SETTINGS, type ConductSettings } from './complaint.service';
import { ConductCaseService } from './conduct-case.service';
import { SanctionEffects } from './sanction-effects';

export interface ConductPorts {
  /** COP-7: how an upheld award appeal reaches the VIVA/award states (default: recorded on the appeal only). */
  awardAppealEffects?: AwardAppealEffects;
  settings?: ConductSettings;
}

/** Builds the conduct area: misconduct cases and sanctions, appeals, complaints, award appeals (ATS-54..56, COP-2..7). */
export function createConductArea(deps: AreaDeps, ports: ConductPorts = {}) {
  const { dataSource, clock, uow, audit, notifications } = deps;
  const effects = new SanctionEffects(clock, notifications);
  const cases = new ConductCaseService(dataSource, clock, uow, audit, notifications, effects);
  const appeals = new ConductAppealService(dataSource, clock, uow, audit, notifications, effects, cases);
  const complaints = new ComplaintService(dataSource, clock, uow, audit, notifications, ports.settings ?? DEFAULT_CONDUCT_SETTINGS);
  const awardAppeals = new AwardAppealService(dataSource, clock, uow, audit, notifications, ports.awardAppealEffects ?? new RecordOnAppealEffects());
  const area = {
    cases,
    appeals,
    complaints,
    awardAppeals,
    sweeps: [{ name: 'conduct.expireUnconfirmedComplaints', run: (viewer) => complaints.expireUnconfirmed(viewer) }],
  } satisfies AreaSweeps & Record<string, unknown>;
  return area;
}

export type ConductArea = ReturnType<typeof createConductArea>;
