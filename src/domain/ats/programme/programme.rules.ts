import { isCurrentMember } from '../../membership/membership.rules';
import type { Member } from '../../membership/member.entity';
import { MemberGrade } from '../../membership/membership.enums';
import { addDays, endOfLondonDay, isAfter, isBefore, type LocalDate } from '../../shared/dates';
import { badInput, DomainError, ruleViolation, type Violation } from '../../shared/errors';
import type { WorkingDayCalendar } from '../../shared/working-days';
import { AttemptKind, ExtensionReason, WithdrawalKind } from './programme.enums';

/** DEC-T1: "14 calendar days from issue date D" includes D+14. */
export const COOLING_OFF_DAYS = 14;
export const ACCESS_REPORT_DAYS = 14;
/** ATS-27: "no later than six weeks before the submission deadline" = 42 calendar days. */
export const EXTENSION_NOTICE_DAYS = 42;
/** ATS-27: the late window for a request delayed by the same unforeseen event. */
export const LATE_EXTENSION_WORKING_DAYS = 5;
/** ATS-25.2: technical issues must be identified more than five working days before the deadline. */
export const TECHNICAL_ISSUE_WORKING_DAYS = 5;

/** ATS-21, ATS-28: a cohort's dates run in order: portfolio issue, then submission deadline, then provisional results. */
export function assertCohortDatesInOrder(issue: LocalDate, deadline: LocalDate, results: LocalDate): void {
  if (!isBefore(issue, deadline)) throw badInput('submissionDeadline', 'The submission deadline must fall after the portfolio issue date (ATS-21)');
  if (!isBefore(deadline, results)) throw badInput('provisionalResultsDate', 'The provisional results date must fall after the submission deadline (ATS-28)');
}

/** ATS-10: registration windows run before the portfolios they feed are issued. */
export function assertWindowBeforeIssue(opensOn: LocalDate, closesOn: LocalDate, issueDate: LocalDate): void {
  if (isAfter(opensOn, closesOn)) throw badInput('closesOn', 'A registration window must close on or after the day it opens');
  if (!isBefore(closesOn, issueDate)) throw badInput('closesOn', 'A registration window must close before its cohort’s portfolio issue date (ATS-10)');
}

/** ATS-10: a window is open from its first to its last day inclusive. */
export function isWindowOpen(window: { opensOn: LocalDate; closesOn: LocalDate }, today: LocalDate): boolean {
  return !isBefore(today, window.opensOn) && !isAfter(today, window.closesOn);
}

/** ATS-9: registration needs ACTIVE membership at MEMBER or FELLOW grade. */
export function membershipEligibilityViolations(member: Pick<Member, 'grade' | 'status' | 'renewalDate'>, today: LocalDate): Violation[] {
  const violations: Violation[] = [];
  if (member.grade !== MemberGrade.MEMBER && member.grade !== MemberGrade.FELLOW) {
    violations.push({ rule: 'ATS-9', condition: 'GRADE', message: 'Registration needs membership at Member or Fellow grade' });
  }
  if (!isCurrentMember(member, today)) violations.push({ rule: 'ATS-9', condition: 'ACTIVE_MEMBERSHIP', message: 'Registration needs active SET membership' });
  return violations;
}

/**
 * ATS-34, ATS-35, ATS-47, ATS-48: the kind of attempt a new registration is, from the member's earlier attempts that
 * count (those that ended without award, other than a cooling-off withdrawal). A member restarts once, for £50; every
 * later attempt is as a NEW participant at the full programme fee.
 */
export function nextAttemptKind(countedEarlierAttempts: AttemptKind[]): AttemptKind {
  if (countedEarlierAttempts.includes(AttemptKind.RESTART)) return AttemptKind.NEW;
  return countedEarlierAttempts.length > 0 ? AttemptKind.RESTART : AttemptKind.NEW;
}

/** Whether an ended attempt counts towards the restart rule: a cooling-off withdrawal is undone in full (ATS-20). */
export function countsAsEarlierAttempt(withdrawalKind: WithdrawalKind | null): boolean {
  return withdrawalKind !== WithdrawalKind.COOLING_OFF;
}

/** ATS-20, DEC-T1, DEC-P2: new participants may withdraw with a full refund until issue date + 14 days (and before issue). */
export function coolingOffEndsOn(issueDate: LocalDate): LocalDate {
  return addDays(issueDate, COOLING_OFF_DAYS);
}

export function isInCoolingOff(attemptKind: AttemptKind, issueDate: LocalDate, today: LocalDate): boolean {
  // DEC-P2: before issue every kind of attempt (restarts included) withdraws with a full refund.
  return isAfter(issueDate, today) || (attemptKind === AttemptKind.NEW && !isAfter(today, coolingOffEndsOn(issueDate)));
}

/** ATS-19: access problems are reported within 14 calendar days of issue; later reports are accepted but marked late. */
export function isAccessReportLate(issueDate: LocalDate, today: LocalDate): boolean {
  return isAfter(today, addDays(issueDate, ACCESS_REPORT_DAYS));
}

/** ATS-21: a deadline on D runs to 23:59:59.999 London time on D. */
export function isPastDeadline(deadline: LocalDate, now: Date): boolean {
  return now.getTime() > endOfLondonDay(deadline).getTime();
}

export interface SubmissionFacts {
  allSectionsComplete: boolean;
  supportingStatementObtained: boolean;
  paidInFull: boolean;
  sharedWithSet: boolean;
  activeMember: boolean;
}

/** ATS-22: every condition for submitting, each one that fails listed. */
export function submissionViolations(f: SubmissionFacts): Violation[] {
  const v: Violation[] = [];
  if (!f.allSectionsComplete) v.push({ rule: 'ATS-22', condition: 'SECTIONS_INCOMPLETE', message: 'Complete every section of the portfolio' });
  if (!f.supportingStatementObtained) v.push({ rule: 'ATS-22', condition: 'NO_SUPPORTING_STATEMENT', message: 'Obtain a supporting statement' });
  if (!f.paidInFull) v.push({ rule: 'ATS-22', condition: 'FEE_NOT_PAID', message: 'Pay the programme fee in full' });
  if (!f.sharedWithSet) v.push({ rule: 'ATS-22', condition: 'NOT_SHARED', message: 'Share the portfolio with SET on the ePortfolio platform' });
  if (!f.activeMember) v.push(membershipNotActiveViolation());
  return v;
}

export interface ExtensionRequestFacts {
  reason: ExtensionReason;
  requestedOn: LocalDate;
  deadline: LocalDate;
  /** ATS-27: the same unforeseen event prevented an earlier request. */
  preventedByUnforeseenEvent: boolean;
  technicalIssueIdentifiedOn?: LocalDate | null;
  hasAgreedAdjustmentWithExtension: boolean;
}

/** ATS-27: on time when made at least 42 days before the deadline. */
export function latestOrdinaryRequestDate(deadline: LocalDate): LocalDate {
  return addDays(deadline, -EXTENSION_NOTICE_DAYS);
}

/** ATS-27: the last day of the late window, five working days after the deadline (bank holidays counted out). */
export function latestLateRequestDate(deadline: LocalDate, calendar: WorkingDayCalendar): LocalDate {
  return calendar.addWorkingDays(deadline, LATE_EXTENSION_WORKING_DAYS);
}

/** ATS-25, ATS-27: every reason an extension request cannot be accepted for consideration. */
export function extensionRequestViolations(f: ExtensionRequestFacts, calendar: WorkingDayCalendar): Violation[] {
  const v: Violation[] = [];
  const ordinaryCutOff = latestOrdinaryRequestDate(f.deadline);
  if (isAfter(f.requestedOn, ordinaryCutOff)) {
    if (!f.preventedByUnforeseenEvent) {
      v.push({ rule: 'ATS-27', condition: 'TOO_LATE', message: `Extension requests must arrive at least six weeks before the deadline (by ${ordinaryCutOff})` });
    } else if (isAfter(f.requestedOn, latestLateRequestDate(f.deadline, calendar))) {
      v.push({
        rule: 'ATS-27',
        condition: 'LATE_WINDOW_CLOSED',
        message: `Even where an unforeseen event prevented an earlier request, it must arrive within five working days after the deadline (by ${latestLateRequestDate(f.deadline, calendar)})`,
      });
    }
  }
  if (f.reason === ExtensionReason.REASONABLE_ADJUSTMENT_AGREED && !f.hasAgreedAdjustmentWithExtension) {
    v.push({ rule: 'ATS-25', condition: 'NO_AGREED_ADJUSTMENT', message: 'No reasonable adjustment including an extension has been agreed' });
  }
  if (f.reason === ExtensionReason.TECHNICAL_ISSUES) {
    if (!f.technicalIssueIdentifiedOn) {
      v.push({ rule: 'ATS-25', condition: 'TECHNICAL_ISSUE_DATE_MISSING', message: 'Say when the technical issue was identified' });
    } else if (isAfter(f.technicalIssueIdentifiedOn, f.requestedOn) || isAfter(f.technicalIssueIdentifiedOn, f.deadline)) {
      v.push({
        rule: 'ATS-25',
        condition: 'TECHNICAL_ISSUE_DATE_INVALID',
        message: 'The date the technical issue was identified can be neither after the day of the request nor after the deadline',
      });
    } else if (!isMoreThanWorkingDaysBefore(f.technicalIssueIdentifiedOn, f.deadline, TECHNICAL_ISSUE_WORKING_DAYS, calendar)) {
      v.push({ rule: 'ATS-25', condition: 'TECHNICAL_ISSUE_TOO_LATE', message: 'Technical issues must have been identified more than five working days before the deadline' });
    }
  }
  return v;
}

/**
 * ATS-25.2: "more than `n` working days before the deadline", the one computation for every deadline. It counts the
 * working days strictly after `date` up to and including the deadline (a weekend or bank-holiday deadline adds none),
 * so a Saturday, Sunday or bank-holiday deadline gives the same answer as the last working day before it.
 */
export function isMoreThanWorkingDaysBefore(date: LocalDate, deadline: LocalDate, n: number, calendar: WorkingDayCalendar): boolean {
  return calendar.workingDaysBetween(date, deadline) > n;
}

/**
 * DEC-W1: how long an undecided extension request holds the ATS-44 deadline withdrawal: until this many working
 * days after the ATS-27 late window closes. Staff see such requests (oldest first) from the day after the late window.
 */
export const EXTENSION_DECISION_HOLD_WORKING_DAYS = 10;

/** DEC-W1: the last day an undecided extension request still holds the deadline withdrawal of its participant. */
export function extensionHoldEndsOn(deadline: LocalDate, calendar: WorkingDayCalendar): LocalDate {
  return calendar.addWorkingDays(latestLateRequestDate(deadline, calendar), EXTENSION_DECISION_HOLD_WORKING_DAYS);
}

/**
 * ATS-44, DEC-W1: the sweep withdraws a participant who has not submitted once the late window has closed, unless an
 * extension request is undecided and its hold has not ended; after the hold it withdraws anyway (the request is
 * cancelled with the reason), so an undecided request never holds the sweep for ever.
 */
export function isDueForDeadlineWithdrawalNow(deadline: LocalDate, today: LocalDate, undecidedRequest: boolean, calendar: WorkingDayCalendar): boolean {
  if (!isDueForDeadlineWithdrawal(deadline, today, calendar)) return false;
  return !undecidedRequest || isAfter(today, extensionHoldEndsOn(deadline, calendar));
}

/** ATS-45: SET withdraws an ineligible participant only with a stated reason. */
export function assertWithdrawalReason(reason: string | undefined | null): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 5) throw badInput('reason', 'Give the reason for withdrawing this participant (ATS-45)');
  return trimmed;
}

/**
 * ATS-44: the system withdraws a participant who has not submitted once the deadline has passed. It waits until the
 * ATS-27 late window has closed, so a request that window allows can still be made and decided first.
 */
export function isDueForDeadlineWithdrawal(deadline: LocalDate, today: LocalDate, calendar: WorkingDayCalendar): boolean {
  return isAfter(today, latestLateRequestDate(deadline, calendar));
}

export function assertNotPastDeadline(deadline: LocalDate, now: Date): void {
  if (isPastDeadline(deadline, now)) throw ruleViolation('ATS-21', `The submission deadline (${deadline}) has passed`);
}

/** ATS-22: what a participant whose membership is not current is told: the rule, and what to do about it. */
export function membershipNotActiveViolation(): Violation {
  return {
    rule: 'ATS-22',
    condition: 'MEMBERSHIP_NOT_ACTIVE',
    message: 'Your SET membership is not active: renew it (or, if it is suspended, wait until the suspension ends) to work on, or submit, your portfolio',
  };
}

/**
 * ATS-22 ("active members ... to access their portfolios"): a participant whose membership is not current today
 * (lapsed, past its renewal date, suspended or ended: `isCurrentMember`) cannot change sections, record the statement
 * or sharing, ask for adjustments or extensions, or submit.
 */
export function assertMembershipActiveForPortfolio(member: Pick<Member, 'status' | 'renewalDate'> & Partial<Pick<Member, 'suspensionEndsOn'>>, today: LocalDate): void {
  if (isCurrentMember(member, today)) return;
  const v = membershipNotActiveViolation();
  throw new DomainError('RULE_VIOLATION', v.message, v.rule, [v]);
}

/**
 * DEC-E1: a cohort's dates and its windows' dates can be corrected only before they matter: up to the day before the
 * cohort's portfolio issue date. From the issue date on, participants hold portfolios and deadlines built on them.
 */
export function assertSetUpStillEditable(portfolioIssueDate: LocalDate, today: LocalDate, what: 'cohort' | 'window'): void {
  if (!isBefore(today, portfolioIssueDate)) {
    throw ruleViolation('DEC-E1', `Portfolios for this cohort were issued on ${portfolioIssueDate}, so its ${what === 'cohort' ? 'dates' : 'registration windows'} can no longer change`);
  }
}
