import { addDays, addMonths, addYears, isBefore, type LocalDate } from '../../shared/dates';
import { ruleViolation } from '../../shared/errors';
import { isDormant } from '../listing';

/** DEC-R2: applications open six months before the due date. */
export const REACCREDITATION_WINDOW_MONTHS = 6;
/** ATS-50: a reminder goes 90 days before the due date. */
export const REACCREDITATION_REMINDER_DAYS = 90;
export const REACCREDITATION_YEARS = 3;

/** DEC-R2: the first day a holder may apply to re-accredit (due date minus six months, clamped to month end). */
export function reaccreditationWindowOpensOn(dueOn: LocalDate): LocalDate {
  return addMonths(dueOn, -REACCREDITATION_WINDOW_MONTHS);
}

/** DEC-R2: a holder applies from six months before the due date, or at any time once dormant. */
export function assertMayApplyToReaccredit(dueOn: LocalDate, today: LocalDate): void {
  const opens = reaccreditationWindowOpensOn(dueOn);
  if (isBefore(today, opens)) throw ruleViolation('DEC-R2', `Re-accreditation opens six months before the due date (${dueOn}): apply from ${opens}`);
}

/** ATS-50: only a current (ACTIVE) member may re-accredit. */
export function assertActiveMemberForReaccreditation(isCurrentMember: boolean): void {
  if (!isCurrentMember) throw ruleViolation('ATS-50', 'Only active SET members may re-accredit');
}

/**
 * DEC-R1: the next due date is three years after the re-accreditation. Decision (the texts are silent on early
 * approvals): approved on or before the due date, the cycle continues from the due date (an early applicant loses no
 * time); approved after it (the holder was dormant), three years from the approval date.
 */
export function nextDueOnAfterReaccreditation(currentDueOn: LocalDate, approvedOn: LocalDate): LocalDate {
  return addYears(isBefore(currentDueOn, approvedOn) ? approvedOn : currentDueOn, REACCREDITATION_YEARS);
}

/** ATS-50: the reminder is sent from 90 days before the due date until the holder becomes dormant. */
export function isReminderDue(dueOn: LocalDate, today: LocalDate): boolean {
  return !isBefore(today, addDays(dueOn, -REACCREDITATION_REMINDER_DAYS)) && !isDormant({ reaccreditationDueOn: dueOn }, today);
}

export { isDormant };
