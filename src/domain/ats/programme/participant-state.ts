import { conflict } from '../../shared/errors';
import { ParticipantStatus as S } from './programme.enums';

/**
 * The participant state machine: the only moves allowed, in one table. Anything else is refused (CONFLICT) and
 * changes nothing. Each move is made by one service method, in one transaction, under a row lock on the participant.
 */
const TRANSITIONS: Record<S, S[]> = {
  [S.REGISTERED]: [S.PORTFOLIO_ISSUED, S.WITHDRAWN],
  [S.PORTFOLIO_ISSUED]: [S.SUBMITTED, S.WITHDRAWN],
  // ATS-28..31, 34: the assessor records one outcome; DEC-O1: it stays unreleased (ASSESSED) until the results date.
  [S.SUBMITTED]: [S.ASSESSED, S.WITHDRAWN],
  // An unreleased outcome may be corrected (stays ASSESSED); release moves to the recorded outcome.
  [S.ASSESSED]: [S.ASSESSED, S.PROVISIONALLY_AWARDED, S.CRITERIA_NOT_MET, S.RESTART_REQUIRED, S.WITHDRAWN],
  // ATS-31 resubmission; ATS-32/44 no resubmission by the deadline; ATS-36 an upheld objection lets staff record a new outcome.
  [S.CRITERIA_NOT_MET]: [S.RESUBMITTED, S.WITHDRAWN, S.PROVISIONALLY_AWARDED, S.RESTART_REQUIRED],
  // ATS-31, ATS-33: the resubmission passes or the participant must restart.
  [S.RESUBMITTED]: [S.PROVISIONALLY_AWARDED, S.RESTART_REQUIRED, S.WITHDRAWN],
  // ATS-37: a VIVA is scheduled (rescheduling keeps VIVA_SCHEDULED).
  [S.PROVISIONALLY_AWARDED]: [S.VIVA_SCHEDULED, S.WITHDRAWN],
  [S.VIVA_SCHEDULED]: [S.VIVA_SCHEDULED, S.AWARDED, S.RE_VIVA_REQUIRED, S.NOT_AWARDED, S.WITHDRAWN],
  // ATS-38: the one re-VIVA.
  [S.RE_VIVA_REQUIRED]: [S.VIVA_SCHEDULED, S.WITHDRAWN],
  // ATS-36: an upheld objection (within its period) lets staff record a new outcome.
  [S.RESTART_REQUIRED]: [S.PROVISIONALLY_AWARDED, S.CRITERIA_NOT_MET],
  [S.AWARDED]: [],
  // COP-7: an upheld award appeal allows a new VIVA, or finds the VIVA passed and awards (AwardService.applyAwardAppealIn).
  [S.NOT_AWARDED]: [S.RE_VIVA_REQUIRED, S.AWARDED],
  [S.WITHDRAWN]: [],
};

/** The rule each move carries out, cited when the move is refused. */
const TRANSITION_RULE: Record<S, string> = {
  [S.REGISTERED]: 'ATS-9',
  [S.PORTFOLIO_ISSUED]: 'ATS-19',
  [S.SUBMITTED]: 'ATS-21',
  [S.ASSESSED]: 'ATS-28',
  [S.PROVISIONALLY_AWARDED]: 'ATS-29',
  [S.CRITERIA_NOT_MET]: 'ATS-30',
  [S.RESUBMITTED]: 'ATS-31',
  [S.RESTART_REQUIRED]: 'ATS-34',
  [S.VIVA_SCHEDULED]: 'ATS-37',
  [S.RE_VIVA_REQUIRED]: 'ATS-38',
  [S.AWARDED]: 'ATS-40',
  [S.NOT_AWARDED]: 'ATS-38',
  [S.WITHDRAWN]: 'ATS-44',
};

export function canTransition(from: S, to: S): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: S, to: S): void {
  if (!canTransition(from, to)) throw conflict(`A participant who is ${from} cannot become ${to}`, TRANSITION_RULE[to]);
}

/**
 * States in which an attempt is over: the member may register again (at most one participation not in these states
 * per member). RESTART_REQUIRED and NOT_AWARDED are final for that purpose even though an upheld objection (ATS-36) or
 * award appeal (COP-7) can reopen them; reopening checks that the member has no other open participation.
 */
export const FINAL_PARTICIPANT_STATES: readonly S[] = [S.WITHDRAWN, S.RESTART_REQUIRED, S.AWARDED, S.NOT_AWARDED];

/** States in which a participation is still running (at most one per member). */
export const OPEN_STATES: S[] = (Object.values(S) as S[]).filter((s) => !FINAL_PARTICIPANT_STATES.includes(s));

/** Attempts that ended without award count towards the restart rule (ATS-35, ATS-48); an award ends the counting. */
export const ENDED_WITHOUT_AWARD: readonly S[] = [S.WITHDRAWN, S.RESTART_REQUIRED, S.NOT_AWARDED];

/**
 * ATS-56: the one way back from WITHDRAWN: a conduct withdrawal that an appeal overturns (or a decision varies) puts
 * the participant back in the state they were withdrawn from (one from which WITHDRAWN is a move). Any other
 * withdrawal is final.
 */
export function assertConductReinstatement(participant: { status: S; withdrawalKind: string | null }, to: S): void {
  if (participant.status !== S.WITHDRAWN || participant.withdrawalKind !== 'CONDUCT' || !canTransition(to, S.WITHDRAWN)) {
    throw conflict(`A participant who is ${participant.status} cannot be reinstated to ${to}`, 'ATS-56');
  }
}
