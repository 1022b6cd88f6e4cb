/** Entities of the ATS applications area (ATS-1..8, ATS-52). */
export const applicationEntities: Function[] = [];
