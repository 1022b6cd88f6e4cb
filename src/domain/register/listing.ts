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
 * opted out and is a current member. Its SQL form is `statusListedSql` + `memberCurrentSql` in
 * public/listing.sql.ts, built from the same conditions (the register's parity test proves they agree).
 */
export function isListedOnRegister(status: StatusDates, member: Pick<Member, 'status' | 'renewalDate' | 'suspensionEndsOn'>, today: LocalDate): boolean {
  return isStatusCurrent(status, today) && !status.registerOptOut && isCurrentMember(member, today);
}
