/** ATS-54: the twelve examples of academic misconduct, or OTHER (the list is not exhaustive). */
export enum MisconductCategory {
  FALSIFIED_RESULTS = 'FALSIFIED_RESULTS',
  COLLUSION = 'COLLUSION',
  COPYING = 'COPYING',
  DESTROYING_ANOTHERS_WORK = 'DESTROYING_ANOTHERS_WORK',
  FALSE_DECLARATION_OF_AUTHORSHIP = 'FALSE_DECLARATION_OF_AUTHORSHIP',
  RECYCLING = 'RECYCLING',
  OFFENSIVE_MATERIAL = 'OFFENSIVE_MATERIAL',
  PLAGIARISM = 'PLAGIARISM',
  UNDECLARED_AI_CONTENT = 'UNDECLARED_AI_CONTENT',
  THEFT_OF_WORK = 'THEFT_OF_WORK',
  DISHONEST_BEHAVIOUR = 'DISHONEST_BEHAVIOUR',
  SELLING_PORTFOLIO = 'SELLING_PORTFOLIO',
  OTHER = 'OTHER',
}

/** Where a case came from: reported by staff against a member, or arising from an ATS participation (ATS-54). */
export enum CaseOrigin {
  STAFF_REPORT = 'STAFF_REPORT',
  PROGRAMME = 'PROGRAMME',
}

/** The misconduct case state machine (COP-6, ATS-54..56); transitions in conduct.rules.ts CASE_TRANSITIONS. */
export enum ConductCaseStatus {
  REPORTED = 'REPORTED',
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
  PANEL_CONVENED = 'PANEL_CONVENED',
  DECIDED = 'DECIDED',
  DISMISSED = 'DISMISSED',
  UNDER_APPEAL = 'UNDER_APPEAL',
  APPEAL_DECIDED = 'APPEAL_DECIDED',
}

export enum CaseOutcome {
  /** No misconduct found: no sanction. */
  NO_MISCONDUCT_FOUND = 'NO_MISCONDUCT_FOUND',
  /** Misconduct found: at least one sanction (a warning counts). */
  MISCONDUCT_FOUND = 'MISCONDUCT_FOUND',
}

/** ATS-55: the external bodies SET may contact in suspected fraud or deceit. */
export enum ExternalBodyKind {
  AWARDING_ORGANISATION = 'AWARDING_ORGANISATION',
  EMPLOYER = 'EMPLOYER',
  REGULATOR = 'REGULATOR',
  OTHER = 'OTHER',
}

/** ATS-56, COP-6: what a conduct decision can do. */
export enum SanctionKind {
  WARNING = 'WARNING',
  MEMBERSHIP_SUSPENSION = 'MEMBERSHIP_SUSPENSION',
  EXPULSION = 'EXPULSION',
  STATUS_SUSPENSION = 'STATUS_SUSPENSION',
  STATUS_REMOVAL = 'STATUS_REMOVAL',
  PROGRAMME_WITHDRAWAL = 'PROGRAMME_WITHDRAWAL',
}

export enum SanctionState {
  IN_EFFECT = 'IN_EFFECT',
  /** A suspension lifted early by the panel: its effects were restored. */
  LIFTED = 'LIFTED',
  /** The appeal was upheld: its effects were restored. */
  OVERTURNED = 'OVERTURNED',
  /** The appeal varied the sanction: its effects were restored and the new sanction applied. */
  VARIED = 'VARIED',
}

/** What happened to one recorded effect when its sanction was undone. */
export enum EffectRestoreOutcome {
  /** The row still held the sanction's values: the previous values were put back. */
  RESTORED = 'RESTORED',
  /** Something else changed the row since (a renewal, another sanction): it was left alone. */
  SUPERSEDED = 'SUPERSEDED',
}

export enum PanelPurpose {
  DECISION = 'DECISION',
  APPEAL = 'APPEAL',
}

/** What an appeal is against. */
export enum AppealSubject {
  /** A conduct case decision (COP-6). */
  CONDUCT_DECISION = 'CONDUCT_DECISION',
  /** A complaint's outcome, escalated under the complaints and appeals policy (COP-7). */
  COMPLAINT_OUTCOME = 'COMPLAINT_OUTCOME',
}

/** The appeal state machine; transitions in conduct.rules.ts APPEAL_TRANSITIONS. */
export enum AppealStatus {
  LODGED = 'LODGED',
  PANEL_CONVENED = 'PANEL_CONVENED',
  DECIDED = 'DECIDED',
}

export enum AppealOutcome {
  UPHELD = 'UPHELD',
  NOT_UPHELD = 'NOT_UPHELD',
  SANCTION_VARIED = 'SANCTION_VARIED',
}

/** The complaint state machine (COP-7); transitions in conduct.rules.ts COMPLAINT_TRANSITIONS. */
export enum ComplaintStatus {
  PENDING_CONFIRMATION = 'PENDING_CONFIRMATION',
  RECEIVED = 'RECEIVED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  ASSIGNED = 'ASSIGNED',
  RESOLVED = 'RESOLVED',
  ESCALATED = 'ESCALATED',
}

export enum ComplaintOutcome {
  UPHELD = 'UPHELD',
  PARTLY_UPHELD = 'PARTLY_UPHELD',
  NOT_UPHELD = 'NOT_UPHELD',
}

export enum ComplainantKind {
  MEMBER = 'MEMBER',
  PUBLIC = 'PUBLIC',
}

/** COP-7: the decisions not to award that the QTLS and ATS awards appeals policy covers. */
export enum AppealedAwardDecision {
  NOT_AWARDED_AFTER_VIVA = 'NOT_AWARDED_AFTER_VIVA',
  RESUBMISSION_FAILED = 'RESUBMISSION_FAILED',
}

/** The award appeal state machine; transitions in conduct.rules.ts AWARD_APPEAL_TRANSITIONS. */
export enum AwardAppealStatus {
  LODGED = 'LODGED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  DECIDED = 'DECIDED',
}

export enum AwardAppealOutcome {
  UPHELD = 'UPHELD',
  NOT_UPHELD = 'NOT_UPHELD',
}

/** The step an upheld award appeal lets the participant proceed to. */
export enum AwardAppealRemedy {
  NEW_VIVA = 'NEW_VIVA',
  PROCEED_TO_AWARD = 'PROCEED_TO_AWARD',
}
