import type { AreaDeps, AreaSweeps } from '../../area';
import { CohortService } from './cohort.service';
import { ExtensionService } from './extension.service';
import { ParticipantService } from './participant.service';
import type { ProgrammePorts } from './ports';
import { RegistrationService } from './registration.service';
import { WithdrawalService } from './withdrawal.service';

/** Builds the ATS programme area: cohorts, registration, portfolio, withdrawal, submission, extensions. */
export function createProgrammeArea(deps: AreaDeps, ports: ProgrammePorts) {
  const { dataSource, clock, calendar, uow, audit, notifications } = deps;
  const cohorts = new CohortService(dataSource, clock, uow);
  const registration = new RegistrationService(clock, uow, notifications, ports);
  const participants = new ParticipantService(dataSource, clock, uow, audit, notifications, ports);
  const withdrawals = new WithdrawalService(dataSource, clock, calendar, uow, notifications, ports);
  const extensions = new ExtensionService(dataSource, clock, calendar, uow, notifications, cohorts, audit);
  const area = {
    cohorts,
    registration,
    participants,
    withdrawals,
    extensions,
    sweeps: [
      { name: 'ats.inviteToRegister', run: (viewer) => registration.inviteSuccessfulApplicants(viewer) },
      { name: 'ats.issuePortfolios', run: (viewer) => participants.issueDuePortfolios(viewer) },
      { name: 'ats.withdrawPastDeadline', run: (viewer) => withdrawals.withdrawPastDeadline(viewer) },
    ],
  } satisfies AreaSweeps & Record<string, unknown>;
  return area;
}

export type ProgrammeArea = ReturnType<typeof createProgrammeArea>;
