import { createHash, randomBytes } from 'node:crypto';
import { ParticipantStatus } from '../ats/programme/programme.enums';
import { isCurrentMember } from '../membership/membership.rules';
import type { Member } from '../membership/member.entity';
import { addDays, isAfter, isBefore, isOnOrAfter, type LocalDate } from '../shared/dates';
import { badInput, conflict, ruleViolation, type Violation } from '../shared/errors';
import {
  AppealOutcome,
  AppealStatus,
  AppealedAwardDecision,
  AwardAppealRemedy,
  AwardAppealStatus,
  CaseOutcome,
  ComplaintStatus,
  ConductCaseStatus,
  SanctionKind,
} from './conduct.enums';

type Machine<S extends string> = Record<S, readonly S[]>;

/** COP-6, ATS-54..56: the misconduct case state machine. */
export const CASE_TRANSITIONS: Machine<ConductCaseStatus> = {
  [ConductCaseStatus.REPORTED]: [ConductCaseStatus.UNDER_INVESTIGATION, ConductCaseStatus.DISMISSED],
  [ConductCaseStatus.UNDER_INVESTIGATION]: [ConductCaseStatus.PANEL_CONVENED, ConductCaseStatus.DISMISSED],
  [ConductCaseStatus.PANEL_CONVENED]: [ConductCaseStatus.DECIDED],
  [ConductCaseStatus.DECIDED]: [ConductCaseStatus.UNDER_APPEAL],
  [ConductCaseStatus.DISMISSED]: [],
  [ConductCaseStatus.UNDER_APPEAL]: [ConductCaseStatus.APPEAL_DECIDED],
  [ConductCaseStatus.APPEAL_DECIDED]: [],
};

/** COP-6, COP-7: the appeal state machine. */
export const APPEAL_TRANSITIONS: Machine<AppealStatus> = {
  [AppealStatus.LODGED]: [AppealStatus.PANEL_CONVENED],
  [AppealStatus.PANEL_CONVENED]: [AppealStatus.DECIDED],
  [AppealStatus.DECIDED]: [],
};

/** COP-7: the complaint state machine (a received complaint may be assigned before it is acknowledged). */
export const COMPLAINT_TRANSITIONS: Machine<ComplaintStatus> = {
  [ComplaintStatus.PENDING_CONFIRMATION]: [ComplaintStatus.RECEIVED],
  [ComplaintStatus.RECEIVED]: [ComplaintStatus.ACKNOWLEDGED],
  [ComplaintStatus.ACKNOWLEDGED]: [ComplaintStatus.ASSIGNED, ComplaintStatus.RESOLVED],
  [ComplaintStatus.ASSIGNED]: [ComplaintStatus.ASSIGNED, ComplaintStatus.RESOLVED],
  [ComplaintStatus.RESOLVED]: [ComplaintStatus.ESCALATED],
  [ComplaintStatus.ESCALATED]: [],
};

/** COP-7: the award appeal state machine. */
export const AWARD_APPEAL_TRANSITIONS: Machine<AwardAppealStatus> = {
  [AwardAppealStatus.LODGED]: [AwardAppealStatus.UNDER_REVIEW],
  [AwardAppealStatus.UNDER_REVIEW]: [AwardAppealStatus.DECIDED],
  [AwardAppealStatus.DECIDED]: [],
};

/** The published form of a machine: "A → B | C; B → (final)". Printed into the schema's enum descriptions. */
export function describeTransitions<S extends string>(machine: Machine<S>): string {
  return (Object.entries(machine) as [S, readonly S[]][]).map(([from, to]) => `${from} → ${to.length ? to.join(' | ') : '(final)'}`).join('; ');
}

/** Refuses a move the machine does not allow, with the machine's rule ID; a refused move changes nothing. */
export function assertMachineTransition<S extends string>(machine: Machine<S>, from: S, to: S, rule: string, what: string): void {
  if (!machine[from].includes(to)) throw conflict(`A ${what} that is ${from} cannot become ${to}`, rule);
}

export const assertCaseTransition = (from: ConductCaseStatus, to: ConductCaseStatus) => assertMachineTransition(CASE_TRANSITIONS, from, to, 'COP-6', 'conduct case');
export const assertAppealTransition = (from: AppealStatus, to: AppealStatus) => assertMachineTransition(APPEAL_TRANSITIONS, from, to, 'COP-6', 'appeal');
export const assertComplaintTransition = (from: ComplaintStatus, to: ComplaintStatus) => assertMachineTransition(COMPLAINT_TRANSITIONS, from, to, 'COP-7', 'complaint');
export const assertAwardAppealTransition = (from: AwardAppealStatus, to: AwardAppealStatus) =>
  assertMachineTransition(AWARD_APPEAL_TRANSITIONS, from, to, 'COP-7', 'award appeal');

/** A reasoned text: decisions, resolutions and appeal outcomes state their reasons (COP-2, COP-6). */
export function assertReasoned(field: string, text: string | null | undefined, rule: string, min = 10): string {
  const trimmed = (text ?? '').trim();
  if (trimmed.length < min) throw badInput(field, `Give ${field} (at least ${min} characters) (${rule})`);
  return trimmed;
}

export interface PanelSeatPerson {
  memberId?: string | null;
  staffUserId?: string | null;
}

export interface PanelContext {
  subjectMemberId: string | null;
  reporterId: string | null;
  conflictedIds: string[];
  /** People who sat on (or made) the decision under appeal: an appeal panel shares nobody with them (COP-3). */
  originalPanelIds?: string[];
}

export const seatPersonId = (s: PanelSeatPerson): string => (s.memberId ?? s.staffUserId)!;

/**
 * COP-4 and DEC-G1: a conduct panel names its members, includes at least one current SET member, and has nobody who
 * is the subject, the reporter or declared conflicted on it; an appeal panel also shares nobody with the original (COP-3).
 */
export function conductPanelViolations(seats: PanelSeatPerson[], members: Pick<Member, 'id' | 'status' | 'renewalDate' | 'suspensionEndsOn'>[], knownStaffIds: string[], ctx: PanelContext, today: LocalDate): Violation[] {
  const violations: Violation[] = [];
  if (seats.length === 0) violations.push({ rule: 'COP-4', condition: 'PANEL_EMPTY', message: 'Name the people on the panel' });
  const found = new Map(members.map((m) => [m.id, m]));
  let currentMembers = 0;
  for (const seat of seats) {
    if (!!seat.memberId === !!seat.staffUserId) {
      violations.push({ rule: 'COP-4', condition: 'PANEL_SEAT_INVALID', message: 'Each seat names either a member or a staff user' });
      continue;
    }
    const id = seatPersonId(seat);
    if (seat.memberId) {
      const m = found.get(seat.memberId);
      if (!m) violations.push({ rule: 'COP-4', condition: 'PANEL_MEMBER_UNKNOWN', message: `Panel member ${id} is not a member` });
      else if (isCurrentMember(m, today)) currentMembers += 1;
      else violations.push({ rule: 'COP-4', condition: 'PANEL_MEMBER_NOT_CURRENT', message: `Panel member ${id} is not a current member` });
    } else if (!knownStaffIds.includes(id)) violations.push({ rule: 'COP-4', condition: 'PANEL_STAFF_UNKNOWN', message: `Staff user ${id} is not known` });
    if (id === ctx.subjectMemberId) violations.push({ rule: 'DEC-G1', condition: 'PANEL_INCLUDES_SUBJECT', message: 'The subject of the case cannot sit on its panel' });
    if (id === ctx.reporterId) violations.push({ rule: 'DEC-G1', condition: 'PANEL_INCLUDES_REPORTER', message: 'The person who reported the case cannot sit on its panel' });
    if (ctx.conflictedIds.includes(id)) violations.push({ rule: 'DEC-G1', condition: 'PANEL_MEMBER_CONFLICTED', message: `${id} has declared a conflict of interest` });
    if (ctx.originalPanelIds?.includes(id)) violations.push({ rule: 'COP-3', condition: 'APPEAL_PANEL_NOT_INDEPENDENT', message: `${id} took part in the decision under appeal` });
  }
  if (seats.length > 0 && currentMembers === 0) violations.push({ rule: 'COP-4', condition: 'PANEL_WITHOUT_MEMBER', message: 'At least one current SET member must sit on the panel' });
  if (new Set(seats.map((s) => s.memberId ?? s.staffUserId)).size !== seats.length) violations.push({ rule: 'COP-4', condition: 'PANEL_DUPLICATE_SEAT', message: 'A person can hold only one seat' });
  return violations;
}

/** DEC-G1: whoever records a decision is neither the subject, nor the reporter, nor declared conflicted. */
export function deciderViolations(decider: { subject: string; memberId?: string }, ctx: PanelContext): Violation[] {
  const ids = [decider.subject, decider.memberId].filter((x): x is string => !!x);
  const v: Violation[] = [];
  if (ctx.subjectMemberId && ids.includes(ctx.subjectMemberId)) v.push({ rule: 'DEC-G1', condition: 'DECIDER_IS_SUBJECT', message: 'You cannot decide a case about yourself' });
  if (ctx.reporterId && ids.includes(ctx.reporterId)) v.push({ rule: 'DEC-G1', condition: 'DECIDER_IS_REPORTER', message: 'The person who reported the case cannot decide it' });
  if (ids.some((id) => ctx.conflictedIds.includes(id))) v.push({ rule: 'DEC-G1', condition: 'DECIDER_CONFLICTED', message: 'You have declared a conflict of interest in this case' });
  if (ids.some((id) => ctx.originalPanelIds?.includes(id))) v.push({ rule: 'COP-3', condition: 'DECIDER_NOT_INDEPENDENT', message: 'You took part in the decision under appeal' });
  return v;
}

export interface SanctionRequest {
  kind: SanctionKind;
  statusTitle?: string | null;
  endsOn?: LocalDate | null;
}

/** ATS-56, COP-6: a decision's sanctions must fit its outcome and each be complete. */
export function sanctionRequestViolations(outcome: CaseOutcome | AppealOutcome, sanctions: SanctionRequest[], today: LocalDate, hasParticipant: boolean): Violation[] {
  const v: Violation[] = [];
  const needsSanction = outcome === CaseOutcome.MISCONDUCT_FOUND || outcome === AppealOutcome.SANCTION_VARIED;
  if (needsSanction && sanctions.length === 0) v.push({ rule: 'COP-6', condition: 'SANCTION_REQUIRED', message: 'A finding of misconduct names at least one sanction (a warning counts)' });
  if (!needsSanction && sanctions.length > 0) v.push({ rule: 'COP-6', condition: 'SANCTION_NOT_ALLOWED', message: `An outcome of ${outcome} imposes no sanction` });
  const kinds = sanctions.map((s) => `${s.kind}:${s.statusTitle ?? ''}`);
  if (new Set(kinds).size !== kinds.length) v.push({ rule: 'COP-6', condition: 'SANCTION_DUPLICATE', message: 'Each sanction is named once' });
  for (const s of sanctions) {
    const suspension = s.kind === SanctionKind.MEMBERSHIP_SUSPENSION || s.kind === SanctionKind.STATUS_SUSPENSION;
    if (s.endsOn && !suspension) v.push({ rule: 'COP-6', condition: 'END_DATE_NOT_ALLOWED', message: `${s.kind} has no end date` });
    if (s.endsOn && !isAfter(s.endsOn, today)) v.push({ rule: 'DEC-G2', condition: 'END_DATE_NOT_AFTER_TODAY', message: 'A suspension ends on a date after today' });
    const statusKind = s.kind === SanctionKind.STATUS_SUSPENSION || s.kind === SanctionKind.STATUS_REMOVAL;
    if (statusKind && !s.statusTitle) v.push({ rule: 'ATS-56', condition: 'STATUS_TITLE_REQUIRED', message: `${s.kind} names the status (ATS or QTLS)` });
    if (!statusKind && s.statusTitle) v.push({ rule: 'ATS-56', condition: 'STATUS_TITLE_NOT_ALLOWED', message: `${s.kind} does not name a status` });
    if (s.kind === SanctionKind.PROGRAMME_WITHDRAWAL && !hasParticipant) v.push({ rule: 'ATS-56', condition: 'NO_PARTICIPATION', message: 'Withdrawal from the programme needs a case linked to a participation' });
  }
  if (sanctions.some((s) => s.kind === SanctionKind.EXPULSION) && sanctions.some((s) => s.kind === SanctionKind.MEMBERSHIP_SUSPENSION)) {
    v.push({ rule: 'COP-6', condition: 'SANCTIONS_CONTRADICT', message: 'A membership cannot be both suspended and ended by one decision' });
  }
  return v;
}

/** DEC-G2: a suspension with an end date has ended on that date, without anyone acting. */
export function suspensionHasEnded(endsOn: LocalDate | null, today: LocalDate): boolean {
  return !!endsOn && isOnOrAfter(today, endsOn);
}

/**
 * The register's listing condition for one professional_status row, as its entity doc comment states it (minus the
 * holder's membership, checked with isCurrentMember): not removed, not suspended today, not dormant, not opted out.
 */
export function statusRowListable(row: { removedOn: LocalDate | null; suspendedOn: LocalDate | null; suspensionEndsOn: LocalDate | null; reaccreditationDueOn: LocalDate | null; registerOptOut: boolean }, today: LocalDate): boolean {
  const suspended = !!row.suspendedOn && row.suspendedOn <= today && (!row.suspensionEndsOn || isBefore(today, row.suspensionEndsOn));
  const dormant = !!row.reaccreditationDueOn && isBefore(row.reaccreditationDueOn, today);
  return !row.removedOn && !suspended && !dormant && !row.registerOptOut;
}

/**
 * Undo only what is still ours: an effect's `before` goes back only while every field still holds the sanction's
 * `after` value; otherwise something later changed the row, and restoring would take away more than the sanction did.
 */
export function stillHoldsSanctionValues(current: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return Object.entries(after).every(([k, v]) => normalise(current[k]) === normalise(v));
}

function normalise(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** COP-7: the complaint's acknowledgement and resolution targets, in calendar days from receipt (configurable). */
export interface ComplaintTargets {
  acknowledgeWithinDays: number;
  resolveWithinDays: number;
}

export interface ComplaintClock {
  ageDays: number;
  acknowledgeBy: LocalDate;
  resolveBy: LocalDate;
  acknowledgementOverdue: boolean;
  resolutionOverdue: boolean;
}

/** COP-7: how old an open complaint is and which targets it has missed (a target on date D is met through D). */
export function complaintClock(receivedOn: LocalDate, acknowledged: boolean, resolved: boolean, targets: ComplaintTargets, today: LocalDate): ComplaintClock {
  const acknowledgeBy = addDays(receivedOn, targets.acknowledgeWithinDays);
  const resolveBy = addDays(receivedOn, targets.resolveWithinDays);
  const ageDays = Math.round((Date.parse(today) - Date.parse(receivedOn)) / 86_400_000);
  return {
    ageDays,
    acknowledgeBy,
    resolveBy,
    acknowledgementOverdue: !acknowledged && isAfter(today, acknowledgeBy),
    resolutionOverdue: !resolved && isAfter(today, resolveBy),
  };
}

/** A fresh secret token for an email link, and the hash that is stored (the token itself never is). */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A short human reference such as CC-7K2M9QXA. */
export function newReference(prefix: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(8);
  return `${prefix}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** COP-7: an upheld award appeal lets the participant proceed to the step the decision blocked. */
export function remedyFor(decision: AppealedAwardDecision, requested: AwardAppealRemedy | null | undefined): AwardAppealRemedy {
  // A failed resubmission blocked the VIVA that follows a provisional award (ATS-37); a final VIVA not passed blocked
  // either a new VIVA or, where the appeal finds the VIVA was in fact passed, the award itself (ATS-40).
  if (decision === AppealedAwardDecision.RESUBMISSION_FAILED) {
    if (requested === AwardAppealRemedy.PROCEED_TO_AWARD) throw badInput('remedy', 'A failed resubmission upheld on appeal leads to a VIVA, not straight to the award (ATS-37, ATS-40)');
    return AwardAppealRemedy.NEW_VIVA;
  }
  return requested ?? AwardAppealRemedy.NEW_VIVA;
}

/**
 * COP-7 (with DEC-V1, ATS-33): an award appeal is against a decision the participant actually received. A final VIVA
 * not passed leaves the participant NOT_AWARDED; a resubmission that failed leaves them RESTART_REQUIRED with the
 * resubmission's own outcome (round RESUBMISSION, RESTART_REQUIRED) current. A RESTART_REQUIRED reached otherwise (a
 * first submission, or no resubmission by the deadline, ATS-32) is not a failed resubmission.
 */
export function assertAwardDecisionReceived(decision: AppealedAwardDecision, participantStatus: ParticipantStatus, resubmissionFailed: boolean): void {
  if (decision === AppealedAwardDecision.NOT_AWARDED_AFTER_VIVA && participantStatus !== ParticipantStatus.NOT_AWARDED) {
    throw ruleViolation('COP-7', `Only a decision not to award after a final VIVA can be appealed as NOT_AWARDED_AFTER_VIVA; this participation is ${participantStatus}`);
  }
  if (decision === AppealedAwardDecision.RESUBMISSION_FAILED && (participantStatus !== ParticipantStatus.RESTART_REQUIRED || !resubmissionFailed)) {
    throw ruleViolation('COP-7', `Only a resubmission that failed (ATS-33) can be appealed as RESUBMISSION_FAILED; this participation is ${participantStatus}${participantStatus === ParticipantStatus.RESTART_REQUIRED ? ' without a failed resubmission' : ''}`);
  }
}
