import { Cohort } from './cohort.entity';
import { CohortPortfolioSection } from './cohort-portfolio-section.entity';
import { ExtensionRequest } from './extension-request.entity';
import { Participant } from './participant.entity';
import { PortfolioAccessReport } from './portfolio-access-report.entity';
import { PortfolioSection } from './portfolio-section.entity';
import { ReasonableAdjustment } from './reasonable-adjustment.entity';
import { RegistrationWindow } from './registration-window.entity';

export const programmeEntities = [Cohort, RegistrationWindow, Participant, PortfolioSection, ReasonableAdjustment, PortfolioAccessReport, ExtensionRequest, CohortPortfolioSection];
