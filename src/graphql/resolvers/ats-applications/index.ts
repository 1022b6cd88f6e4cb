import { ApplicationTemplateResolver } from './application-template.resolver';
import { AtsApplicationResolver } from './ats-application.resolver';
import { QualificationResolver } from './qualification.resolver';

/** Resolvers of the ATS applications area. */
export const applicationResolvers: Function[] = [QualificationResolver, ApplicationTemplateResolver, AtsApplicationResolver];
