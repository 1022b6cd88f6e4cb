/** ATS-28..31, 34: the outcome an assessor records for a submission. */
export enum AssessmentOutcome {
  PROVISIONALLY_AWARDED = 'PROVISIONALLY_AWARDED',
  /** ATS-30, ATS-31: feedback and an individual resubmission deadline. First submission only. */
  CRITERIA_NOT_MET = 'CRITERIA_NOT_MET',
  /** ATS-33, ATS-34: significant areas for development, or a resubmission that still fails. */
  RESTART_REQUIRED = 'RESTART_REQUIRED',
}

/** Which submission an outcome is for. */
export enum SubmissionRound {
  FIRST = 'FIRST',
  RESUBMISSION = 'RESUBMISSION',
}

/** ATS-36: an objection's life under the Objections Policy. */
export enum ObjectionStatus {
  RECEIVED = 'RECEIVED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  UPHELD = 'UPHELD',
  NOT_UPHELD = 'NOT_UPHELD',
}

/** ATS-31: what a resubmission overdue view looks for. */
export enum ResubmissionOverdueKind {
  /** Not reviewed within six weeks (42 days). */
  REVIEW = 'REVIEW',
  /** No feedback within eight weeks (56 days). */
  FEEDBACK = 'FEEDBACK',
}
