import { addDays, endOfLondonDay, isAfter, isBefore, londonDateOf, startOfLondonDay, type LocalDate } from '../../shared/dates';
import { badInput, ruleViolation } from '../../shared/errors';
import { AssessmentOutcome, SubmissionRound } from './results.enums';

/** ATS-31: a resubmission is reviewed within six weeks... */
export const RESUBMISSION_REVIEW_DAYS = 42;
/** ATS-31: ...and feedback is given within eight weeks. */
export const RESUBMISSION_FEEDBACK_DAYS = 56;
/** ATS-36: the Objections Policy period, from release, unless configured otherwise (OBJECTION_PERIOD_DAYS). */
export const DEFAULT_OBJECTION_PERIOD_DAYS = 28;

/** DEC-O1: results are released on the cohort's provisional results date, from 00:00 London time, never before. */
export function isReleaseDue(provisionalResultsDate: LocalDate, now: Date): boolean {
  return now.getTime() >= startOfLondonDay(provisionalResultsDate).getTime();
}

export function assertReleaseDue(provisionalResultsDate: LocalDate, now: Date): void {
  if (!isReleaseDue(provisionalResultsDate, now)) throw ruleViolation('DEC-O1', `Provisional results for this cohort are released on ${provisionalResultsDate}, not before`);
}

/**
 * ATS-30, ATS-31, ATS-33, ATS-34: what an outcome needs. CRITERIA_NOT_MET only for a first submission, with feedback
 * and an individual resubmission deadline after the release date; a resubmission either passes or requires a restart.
 */
export function assertOutcomeInput(
  round: SubmissionRound,
  outcome: AssessmentOutcome,
  feedback: string | null | undefined,
  resubmissionDeadline: LocalDate | null | undefined,
  releaseDate: LocalDate,
): void {
  if (round === SubmissionRound.RESUBMISSION && outcome === AssessmentOutcome.CRITERIA_NOT_MET) {
    throw ruleViolation('ATS-33', 'A resubmission that still does not meet the criteria requires a restart (RESTART_REQUIRED), not another resubmission');
  }
  if (outcome !== AssessmentOutcome.PROVISIONALLY_AWARDED && !(feedback ?? '').trim()) {
    throw badInput('feedback', `Feedback is required for ${outcome} (ATS-30, ATS-34)`);
  }
  if (outcome === AssessmentOutcome.CRITERIA_NOT_MET) {
    if (!resubmissionDeadline) throw badInput('resubmissionDeadline', 'CRITERIA_NOT_MET needs an individual resubmission deadline (ATS-31)');
    if (!isAfter(resubmissionDeadline, releaseDate)) {
      throw ruleViolation('ATS-31', `The resubmission deadline must fall after the release date (${releaseDate})`);
    }
  } else if (resubmissionDeadline) {
    throw badInput('resubmissionDeadline', 'Only CRITERIA_NOT_MET carries a resubmission deadline (ATS-31)');
  }
}

/** ATS-31: a resubmission is accepted until 23:59:59.999 London time on the individual deadline. */
export function isPastResubmissionDeadline(deadline: LocalDate, now: Date): boolean {
  return now.getTime() > endOfLondonDay(deadline).getTime();
}

export function assertResubmissionOpen(deadline: LocalDate, now: Date): void {
  if (isPastResubmissionDeadline(deadline, now)) throw ruleViolation('ATS-32', `The resubmission deadline (${deadline}) has passed: reapply to restart`);
}

/** ATS-32, ATS-44: the sweep withdraws a participant who did not resubmit, from the day after the deadline. */
export function isDueForResubmissionWithdrawal(deadline: LocalDate, today: LocalDate): boolean {
  return isAfter(today, deadline);
}

/** ATS-31: review due six weeks (42 days) after the resubmission. */
export function resubmissionReviewDueOn(resubmittedOn: LocalDate): LocalDate {
  return addDays(resubmittedOn, RESUBMISSION_REVIEW_DAYS);
}

/** ATS-31: feedback due eight weeks (56 days) after the resubmission. */
export function resubmissionFeedbackDueOn(resubmittedOn: LocalDate): LocalDate {
  return addDays(resubmittedOn, RESUBMISSION_FEEDBACK_DAYS);
}

/** ATS-31: overdue once the due date has passed without the review / feedback (due on D = still on time on D). */
export function isOverdue(dueOn: LocalDate, today: LocalDate): boolean {
  return isAfter(today, dueOn);
}

/** ATS-36: an objection is possible only against a decision not to provisionally award. */
export function assertObjectableOutcome(outcome: AssessmentOutcome): void {
  if (outcome === AssessmentOutcome.PROVISIONALLY_AWARDED) throw ruleViolation('ATS-36', 'Objections are to a decision not to provisionally award ATS');
}

/** ATS-36: the last day to object, `periodDays` after the outcome was released (inclusive, DEC-T1). */
export function objectionDeadline(releasedAt: Date, periodDays: number): LocalDate {
  return addDays(londonDateOf(releasedAt), periodDays);
}

export function assertWithinObjectionPeriod(releasedAt: Date, periodDays: number, today: LocalDate): void {
  const last = objectionDeadline(releasedAt, periodDays);
  if (isAfter(today, last)) throw ruleViolation('ATS-36', `Objections must be made within ${periodDays} days of the results release (by ${last})`);
}

/** Staff see submissions not yet assessed for cohorts whose results date falls within this many days. */
export function isResultsDateApproaching(resultsDate: LocalDate, today: LocalDate, withinDays: number): boolean {
  return isBefore(resultsDate, addDays(today, withinDays + 1));
}
