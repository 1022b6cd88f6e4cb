import type { EntityManager } from 'typeorm';
import { Member } from '../../membership/member.entity';
import { Role, requireNotOwnCase, requireOwnerOrStaff, type Viewer } from '../../shared/viewer';
import { Cohort } from './cohort.entity';
import { Participant } from './participant.entity';

/** Staff roles whose work needs participants' records. */
export const PARTICIPANT_READER_ROLES = [Role.MEMBERSHIP_TEAM, Role.PROFESSIONAL_STATUS_TEAM, Role.FINANCE, Role.ADMIN];
/** Staff roles who run the programme for participants (ATS-13, 19, 25..27, 44, 45). */
export const PROGRAMME_STAFF_ROLES = [Role.MEMBERSHIP_TEAM, Role.ADMIN];

export interface LockedParticipant {
  participant: Participant;
  member: Member;
  cohort: Cohort;
  originalCohort: Cohort;
}

/**
 * Loads a participant under a row lock (so concurrent transitions serialise and the loser sees the new state),
 * after checking the viewer may act on it: the participant themself, or staff in `staffRoles` (ATS-57). The check
 * runs on an unlocked read first, so a member never takes a lock on someone else's row and gets the same FORBIDDEN
 * for someone else's participation and for one that does not exist. `decision: true` also refuses staff acting on
 * their own participation (DEC-G1).
 */
export async function lockParticipant(
  manager: EntityManager,
  viewer: Viewer,
  participantId: string,
  staffRoles: readonly Role[],
  options: { decision?: boolean } = {},
): Promise<LockedParticipant> {
  const owner = await manager.findOne(Participant, { where: { id: participantId }, select: { id: true, memberId: true } });
  requireOwnerOrStaff(viewer, owner?.memberId, staffRoles, 'Participant');
  if (options.decision) requireNotOwnCase(viewer, owner!.memberId);
  const participant = await manager.findOneOrFail(Participant, { where: { id: participantId }, lock: { mode: 'pessimistic_write' } });
  // One after another: a transaction has one connection, and pg does not queue concurrent queries on it for long.
  const member = await manager.findOneByOrFail(Member, { id: participant.memberId });
  const cohort = await manager.findOneByOrFail(Cohort, { id: participant.cohortId });
  const originalCohort = participant.originalCohortId === cohort.id ? cohort : await manager.findOneByOrFail(Cohort, { id: participant.originalCohortId });
  return { participant, member, cohort, originalCohort };
}
