import { conflict } from '../../shared/errors';
import { ParticipantStatus } from './programme.enums';

/** The participant state machine: the only moves allowed. Anything else is refused and changes nothing. */
const TRANSITIONS: Record<ParticipantStatus, ParticipantStatus[]> = {
  [ParticipantStatus.REGISTERED]: [ParticipantStatus.PORTFOLIO_ISSUED, ParticipantStatus.WITHDRAWN],
  [ParticipantStatus.PORTFOLIO_ISSUED]: [ParticipantStatus.SUBMITTED, ParticipantStatus.WITHDRAWN],
  [ParticipantStatus.SUBMITTED]: [ParticipantStatus.WITHDRAWN],
  [ParticipantStatus.WITHDRAWN]: [],
};

/** The rule each move carries out, cited when the move is refused. */
const TRANSITION_RULE: Record<ParticipantStatus, string> = {
  [ParticipantStatus.REGISTERED]: 'ATS-9',
  [ParticipantStatus.PORTFOLIO_ISSUED]: 'ATS-19',
  [ParticipantStatus.SUBMITTED]: 'ATS-21',
  [ParticipantStatus.WITHDRAWN]: 'ATS-44',
};

export function canTransition(from: ParticipantStatus, to: ParticipantStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ParticipantStatus, to: ParticipantStatus): void {
  if (!canTransition(from, to)) throw conflict(`A participant who is ${from} cannot become ${to}`, TRANSITION_RULE[to]);
}

/** States in which a participation is still running (at most one per member). */
export const OPEN_STATES = [ParticipantStatus.REGISTERED, ParticipantStatus.PORTFOLIO_ISSUED, ParticipantStatus.SUBMITTED];
