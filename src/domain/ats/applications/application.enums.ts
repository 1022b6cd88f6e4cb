/** ATS-2: SET's approved qualification lists. An applicant needs one accepted qualification on each. */
export enum QualificationList {
  ITT = 'ITT',
  ENGLISH = 'ENGLISH',
  MATHS = 'MATHS',
}

/** An ATS application's state machine: SUBMITTED -> SUCCESSFUL | UNSUCCESSFUL (ATS-7, ATS-8). */
export enum AtsApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  SUCCESSFUL = 'SUCCESSFUL',
  UNSUCCESSFUL = 'UNSUCCESSFUL',
}

/** The decision staff record on an application (ATS-7, ATS-8). */
export enum AtsApplicationOutcome {
  SUCCESSFUL = 'SUCCESSFUL',
  UNSUCCESSFUL = 'UNSUCCESSFUL',
}

/** ATS-52: the result of checking a certificate with its awarding body. */
export enum AuthenticityCheckResult {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  NOT_VERIFIED = 'NOT_VERIFIED',
}
