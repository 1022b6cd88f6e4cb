export enum MemberGrade {
  ASSOCIATE = 'ASSOCIATE',
  MEMBER = 'MEMBER',
  FELLOW = 'FELLOW',
}

export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  LAPSED = 'LAPSED',
  SUSPENDED = 'SUSPENDED',
  EXPELLED = 'EXPELLED',
}

/** Where the member teaches; schools-sector teachers are also bound by the DfE Teachers' Standards. */
export enum Sector {
  FURTHER_EDUCATION = 'FURTHER_EDUCATION',
  ADULT_AND_COMMUNITY = 'ADULT_AND_COMMUNITY',
  WORK_BASED_LEARNING = 'WORK_BASED_LEARNING',
  SCHOOLS = 'SCHOOLS',
  HIGHER_EDUCATION = 'HIGHER_EDUCATION',
  PRISON_EDUCATION = 'PRISON_EDUCATION',
  OTHER = 'OTHER',
}

export enum CodeAcceptanceContext {
  JOIN = 'JOIN',
  RENEWAL = 'RENEWAL',
}

export enum MembershipApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
  /** DEC-J1: closed without a decision on suitability (the email belongs to a member); neutral, with no review. */
  CLOSED = 'CLOSED',
}

export enum SuitabilityReviewStatus {
  NOT_REQUESTED = 'NOT_REQUESTED',
  REQUESTED = 'REQUESTED',
  UPHELD = 'UPHELD',
  OVERTURNED = 'OVERTURNED',
}
