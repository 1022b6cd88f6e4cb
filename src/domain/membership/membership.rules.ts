import { addYears, isAfter, isBefore, type LocalDate } from '../shared/dates';
import { badInput, ruleViolation, type Violation } from '../shared/errors';
import type { CodeOfPracticeVersion } from './code-of-practice-version.entity';
import type { Member } from './member.entity';
import { MemberStatus } from './membership.enums';

/** COP-1: joining and every renewal require accepting the Code version in effect today. */
export function assertAcceptsCurrentCode(acceptedVersionId: string, current: CodeOfPracticeVersion | null): void {
  if (!current) throw ruleViolation('COP-1', 'No Code of Practice version is in effect, so it cannot be accepted');
  if (acceptedVersionId !== current.id) {
    throw ruleViolation('COP-1', `The current Code of Practice is version ${current.version}; accept that version to continue`);
  }
}

/** DEC-M1: a membership whose renewal date has passed unrenewed has lapsed, whatever the stored status says yet. */
export function isPastRenewal(member: Pick<Member, 'renewalDate'>, today: LocalDate): boolean {
  return isBefore(member.renewalDate, today);
}

type MemberDates = Pick<Member, 'status' | 'renewalDate'> & Partial<Pick<Member, 'suspensionEndsOn'>>;

/** DEC-G2 / COP-6: a suspension with an end date has ended on that date, whatever the stored status says yet. */
export function hasSuspensionEnded(member: MemberDates, today: LocalDate): boolean {
  return member.status === MemberStatus.SUSPENDED && !!member.suspensionEndsOn && !isBefore(today, member.suspensionEndsOn);
}

/** The status a member has today, applying DEC-M1 (lapse) and DEC-G2 (a suspension's end) before any sweep has stored it. */
export function effectiveStatus(member: MemberDates, today: LocalDate): MemberStatus {
  const stored = hasSuspensionEnded(member, today) ? MemberStatus.ACTIVE : member.status;
  return stored === MemberStatus.ACTIVE && isPastRenewal(member, today) ? MemberStatus.LAPSED : stored;
}

/** A current member: ACTIVE today, within the renewal date and not suspended (ATS-9, ATS-22, ATS-41, ATS-43). */
export function isCurrentMember(member: MemberDates, today: LocalDate): boolean {
  return effectiveStatus(member, today) === MemberStatus.ACTIVE;
}

/**
 * Suspended and expelled members cannot renew their way back (COP-6); lapsed and active members can. A suspension
 * that has reached its end date has ended (DEC-G2), so that member may renew like anyone else.
 */
export function assertMayRenew(member: MemberDates, today: LocalDate): void {
  if (member.status === MemberStatus.SUSPENDED && !hasSuspensionEnded(member, today)) throw ruleViolation('COP-6', 'A suspended membership cannot be renewed');
  if (member.status === MemberStatus.EXPELLED) throw ruleViolation('COP-6', 'An ended membership cannot be renewed');
}

/**
 * DEC-M1: a renewal runs one year on from the current renewal date while the membership is current,
 * or one year from today when it has lapsed.
 */
export function renewalDateAfterRenewing(member: Pick<Member, 'status' | 'renewalDate'>, today: LocalDate): LocalDate {
  return isCurrentMember(member, today) ? addYears(member.renewalDate, 1) : addYears(today, 1);
}

/** A renewal is accepted at most three months ahead, so a renewal date cannot be pushed years out by repeated calls. */
export function assertRenewalIsDue(member: Pick<Member, 'status' | 'renewalDate'>, today: LocalDate, earliestNotice: LocalDate): void {
  if (isCurrentMember(member, today) && isAfter(member.renewalDate, earliestNotice)) {
    throw ruleViolation('DEC-M1', `This membership is paid up until ${member.renewalDate}; it can be renewed from three months before that date`);
  }
}

/** COP-2: a suitability decision states its reasons. */
export function assertReasonsGiven(reasons: string | undefined | null, rule: string): string {
  const trimmed = (reasons ?? '').trim();
  if (trimmed.length < 10) throw badInput('reasons', `Give the reasons for the decision (at least 10 characters) (${rule})`);
  return trimmed;
}

/** COP-4: members take part in suitability decisions: the panel names at least one current member. */
export function panelViolations(panelMemberIds: string[], panel: Pick<Member, 'id' | 'status' | 'renewalDate'>[], today: LocalDate): Violation[] {
  const violations: Violation[] = [];
  if (panelMemberIds.length === 0) violations.push({ rule: 'COP-4', condition: 'PANEL_EMPTY', message: 'Name the members on the decision panel' });
  const found = new Map(panel.map((m) => [m.id, m]));
  for (const id of panelMemberIds) {
    const m = found.get(id);
    if (!m) violations.push({ rule: 'COP-4', condition: 'PANEL_MEMBER_UNKNOWN', message: `Panel member ${id} is not a member` });
    else if (!isCurrentMember(m, today)) violations.push({ rule: 'COP-4', condition: 'PANEL_MEMBER_NOT_CURRENT', message: `Panel member ${id} is not a current member` });
  }
  return violations;
}

/** COP-3: a review is a fresh look: nobody who sat on the original panel sits on the review panel. */
export function reviewPanelViolations(originalPanel: string[], reviewPanel: string[]): Violation[] {
  return reviewPanel
    .filter((id) => originalPanel.includes(id))
    .map((id) => ({ rule: 'COP-3', condition: 'REVIEW_PANEL_NOT_INDEPENDENT', message: `Panel member ${id} took part in the original decision` }));
}
