/** ATS-15: how the programme fee is paid; fixed at registration. */
export enum PaymentPlan {
  SINGLE = 'SINGLE',
  DIRECT_DEBIT = 'DIRECT_DEBIT',
  EMPLOYER_INVOICE = 'EMPLOYER_INVOICE',
}

/**
 * ATS-20, ATS-35, ATS-48: a NEW participant pays the full fee and has a cooling-off period; a RESTART (the first and
 * only one) pays £50 and has none. After a restart, a further attempt is NEW again at the full fee (ATS-48).
 */
export enum AttemptKind {
  NEW = 'NEW',
  RESTART = 'RESTART',
}

/**
 * A participant's state machine (allowed moves in participant-state.ts):
 * REGISTERED -> PORTFOLIO_ISSUED -> SUBMITTED -> ASSESSED (outcome recorded, not yet released, DEC-O1) -> on release
 * PROVISIONALLY_AWARDED | CRITERIA_NOT_MET | RESTART_REQUIRED (ATS-28..31, 34).
 * CRITERIA_NOT_MET -> RESUBMITTED (ATS-31) -> PROVISIONALLY_AWARDED | RESTART_REQUIRED (ATS-33); no resubmission by
 * the individual deadline -> WITHDRAWN (ATS-32, ATS-44).
 * PROVISIONALLY_AWARDED -> VIVA_SCHEDULED (ATS-37) -> AWARDED (ATS-40) | RE_VIVA_REQUIRED (ATS-38, first VIVA only)
 * | NOT_AWARDED (DEC-V1); RE_VIVA_REQUIRED -> VIVA_SCHEDULED. WITHDRAWN from any state before an outcome is final.
 */
export enum ParticipantStatus {
  REGISTERED = 'REGISTERED',
  PORTFOLIO_ISSUED = 'PORTFOLIO_ISSUED',
  SUBMITTED = 'SUBMITTED',
  ASSESSED = 'ASSESSED',
  PROVISIONALLY_AWARDED = 'PROVISIONALLY_AWARDED',
  CRITERIA_NOT_MET = 'CRITERIA_NOT_MET',
  RESUBMITTED = 'RESUBMITTED',
  RESTART_REQUIRED = 'RESTART_REQUIRED',
  VIVA_SCHEDULED = 'VIVA_SCHEDULED',
  RE_VIVA_REQUIRED = 'RE_VIVA_REQUIRED',
  AWARDED = 'AWARDED',
  NOT_AWARDED = 'NOT_AWARDED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum WithdrawalKind {
  /** ATS-20 / DEC-P2: a new participant withdrawing up to issue date + 14 days; full refund. */
  COOLING_OFF = 'COOLING_OFF',
  /** ATS-44: at the participant's request, outside cooling off; payment terms stand. */
  PARTICIPANT_REQUEST = 'PARTICIPANT_REQUEST',
  /** ATS-45: by SET, for not meeting the eligibility criteria. */
  INELIGIBLE = 'INELIGIBLE',
  /** ATS-44: by the system once the deadline passed with no submission and no granted extension. */
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  /** ATS-56: by a conduct decision (misconduct case); undone if an appeal overturns it. */
  CONDUCT = 'CONDUCT',
}

export enum AdjustmentStatus {
  REQUESTED = 'REQUESTED',
  AGREED = 'AGREED',
  DECLINED = 'DECLINED',
}

/** ATS-25: the six reasons an extension may be asked for. */
export enum ExtensionReason {
  REASONABLE_ADJUSTMENT_AGREED = 'REASONABLE_ADJUSTMENT_AGREED',
  TECHNICAL_ISSUES = 'TECHNICAL_ISSUES',
  ILLNESS_OR_CARING = 'ILLNESS_OR_CARING',
  BEREAVEMENT = 'BEREAVEMENT',
  SERIOUS_PERSONAL_DISRUPTION = 'SERIOUS_PERSONAL_DISRUPTION',
  EMPLOYMENT_CHANGE = 'EMPLOYMENT_CHANGE',
}

export enum ExtensionStatus {
  REQUESTED = 'REQUESTED',
  GRANTED = 'GRANTED',
  REFUSED = 'REFUSED',
  /** Closed undecided because the participant submitted or withdrew first. */
  CANCELLED = 'CANCELLED',
}
