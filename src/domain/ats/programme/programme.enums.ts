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

/** A participant's state machine (issue 3 part): REGISTERED -> PORTFOLIO_ISSUED -> SUBMITTED; WITHDRAWN from any open state. */
export enum ParticipantStatus {
  REGISTERED = 'REGISTERED',
  PORTFOLIO_ISSUED = 'PORTFOLIO_ISSUED',
  SUBMITTED = 'SUBMITTED',
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
