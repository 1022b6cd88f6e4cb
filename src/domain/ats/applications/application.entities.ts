import { ApplicationTemplateVersion } from './application-template-version.entity';
import { ApprovedQualification } from './approved-qualification.entity';
import { AtsApplication } from './ats-application.entity';
import { MemberQualification } from './member-qualification.entity';
import { QualificationAuthenticityCheck } from './qualification-authenticity-check.entity';

/** Entities of the ATS applications area (ATS-1..8, ATS-52). */
export const applicationEntities: Function[] = [ApprovedQualification, ApplicationTemplateVersion, MemberQualification, QualificationAuthenticityCheck, AtsApplication];
