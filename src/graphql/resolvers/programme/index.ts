/** Resolvers of the ATS programme area (cohorts, registration, portfolio, withdrawal, submission, extensions). */
export const programmeResolvers: Function[] = [];
