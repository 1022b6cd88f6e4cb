import { conflict } from '../../shared/errors';
import { ParticipantStatus } from './programme.enums';

/** The participant state machine: the only moves allowed. Anything else is refused and changes nothing. */
const TRANSITIONS: Record<ParticipantStatus, ParticipantStatus[]> = {
  [ParticipantStatus.REGISTERED]: [ParticipantStatus.PORTFOLIO_ISSUED, ParticipantStatus.WITHDRAWN],
  [ParticipantStatus.PORTFOLIO_ISSUED]: [ParticipantStatus.SUBMITTED, ParticipantStatus.WITHDRAWN],
  [ParticipantStatus.SUBMITTED]: [ParticipantStatus.WITHDRAWN],
  [ParticipantStatus.WITHDRAWN]: [],
};

export function canTransition(from: ParticipantStatus, to: ParticipantStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ParticipantStatus, to: ParticipantStatus): void {
  if (!canTransition(from, to)) throw conflict(`A participant who is ${from} cannot become ${to}`);
}

/** States in which a participation is still running (at most one per member). */
export const OPEN_STATES = [ParticipantStatus.REGISTERED, ParticipantStatus.PORTFOLIO_ISSUED, ParticipantStatus.SUBMITTED];

/**
 * ATS-56: the one way back from WITHDRAWN: a conduct withdrawal that an appeal overturns (or a decision varies) puts
 * the participant back in the state they were withdrawn from (one from which WITHDRAWN is a move). Any other
 * withdrawal is final.
 */
export function assertConductReinstatement(participant: { status: ParticipantStatus; withdrawalKind: string | null }, to: ParticipantStatus): void {
  if (participant.status !== ParticipantStatus.WITHDRAWN || participant.withdrawalKind !== 'CONDUCT' || !canTransition(to, ParticipantStatus.WITHDRAWN)) {
    throw conflict(`A participant who is ${participant.status} cannot be reinstated to ${to}`, 'ATS-56');
  }
}
