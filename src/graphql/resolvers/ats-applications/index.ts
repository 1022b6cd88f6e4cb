/** Resolvers of the ATS applications area. */
export const applicationResolvers: Function[] = [];
