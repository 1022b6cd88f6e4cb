/** DEC-V1: a VIVA's outcome. */
export enum VivaOutcome {
  PASSED = 'PASSED',
  /** ATS-38: first VIVA only, with what further information is needed. */
  RE_VIVA_REQUIRED = 'RE_VIVA_REQUIRED',
  NOT_PASSED = 'NOT_PASSED',
}
