import { isCurrentMember } from '../membership/membership.rules';
import type { Member } from '../membership/member.entity';
import type { LocalDate } from '../shared/dates';
import type { ProfessionalStatus } from './professional-status.entity';

type StatusDates = Pick<ProfessionalStatus, 'removedOn' | 'suspendedOn' | 'suspensionEndsOn' | 'reaccreditationDueOn' | 'registerOptOut'>;

/** ATS-50, DEC-R1, DEC-R2: dormant from the day after the re-accreditation due date (not on it). */
export function isDormant(status: Pick<ProfessionalStatus, 'reaccreditationDueOn'>, today: LocalDate): boolean {
  return status.reaccreditationDueOn !== null && today > status.reaccreditationDueOn;
}

/** ATS-56, DEC-G2: suspended on `today` (a suspension ends by itself on `suspensionEndsOn`). */
export function isSuspended(status: Pick<ProfessionalStatus, 'suspendedOn' | 'suspensionEndsOn'>, today: LocalDate): boolean {
  return status.suspendedOn !== null && status.suspendedOn <= today && (status.suspensionEndsOn === null || today < status.suspensionEndsOn);
}

/**
 * ATS-41, ATS-43, ATS-50, ATS-56, DEC-G2: the status is current (awarded, not removed, not suspended, not dormant),
 * whatever the holder's membership or opt-out.
 */
export function isStatusCurrent(status: StatusDates, today: LocalDate): boolean {
  return status.removedOn === null && !isSuspended(status, today) && !isDormant(status, today);
}

/**
 * THE register listing condition (see ProfessionalStatus's doc comment): the status is current, the holder has not
 * opted out and is a current member. `isListedOnRegister` and `LISTED_ON_REGISTER_SQL` are the same rule.
 */
export function isListedOnRegister(status: StatusDates, member: Pick<Member, 'status' | 'renewalDate' | 'suspensionEndsOn'>, today: LocalDate): boolean {
  return isStatusCurrent(status, today) && !status.registerOptOut && isCurrentMember(member, today);
}

/**
 * The same condition as SQL, for `professional_status` aliased `ps` joined to `member` aliased `m`, with the London
 * date bound as `:today` (TypeORM named parameter). Reuse it rather than restating the rule.
 * A SUSPENDED member whose suspension has ended by date counts as current (membership.rules `effectiveStatus`).
 */
export function listedOnRegisterSql(ps = 'ps', m = 'm', today = ':today'): string {
  return `(${ps}.removed_on IS NULL
    AND NOT (${ps}.suspended_on IS NOT NULL AND ${ps}.suspended_on <= ${today}::date AND (${ps}.suspension_ends_on IS NULL OR ${today}::date < ${ps}.suspension_ends_on))
    AND (${ps}.reaccreditation_due_on IS NULL OR ${today}::date <= ${ps}.reaccreditation_due_on)
    AND NOT ${ps}.register_opt_out
    AND ${today}::date <= ${m}.renewal_date
    AND (${m}.status = 'ACTIVE' OR (${m}.status = 'SUSPENDED' AND ${m}.suspension_ends_on IS NOT NULL AND ${today}::date >= ${m}.suspension_ends_on)))`;
}
