import type { AreaDeps, AreaSweeps } from '../../area';
import { ApplicationTemplateService } from './application-template.service';
import { AtsApplicationService } from './ats-application.service';
import { QualificationService } from './qualification.service';

/** Builds the ATS applications area (ATS-1..8, ATS-52). */
export function createApplicationArea(deps: AreaDeps) {
  const { dataSource, clock, uow, audit, notifications } = deps;
  const qualifications = new QualificationService(dataSource, clock, uow, audit);
  const templates = new ApplicationTemplateService(dataSource, clock, uow);
  const applications = new AtsApplicationService(dataSource, clock, uow, audit, notifications, templates, qualifications);
  // Overdue decisions (ATS-7, ATS-8) are a view over the due date, so nothing here needs a sweep.
  const sweeps: AreaSweeps['sweeps'] = [];
  const area = { qualifications, templates, applications, sweeps };
  return area satisfies AreaSweeps;
}

export type ApplicationArea = ReturnType<typeof createApplicationArea>;
