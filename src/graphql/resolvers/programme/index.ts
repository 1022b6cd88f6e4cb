import { CohortResolver } from './cohort.resolver';
import { ExtensionResolver } from './extension.resolver';
import { ParticipantResolver } from './participant.resolver';

/** Resolvers of the ATS programme area (cohorts, registration, portfolio, withdrawal, submission, extensions). */
export const programmeResolvers: Function[] = [CohortResolver, ParticipantResolver, ExtensionResolver];
