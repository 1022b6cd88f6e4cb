import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { StaffUser } from '../identity/staff-user.entity';
import { Member } from '../membership/member.entity';
import { londonToday } from '../shared/dates';
import type { Clock } from '../shared/clock';
import { assertNoViolations } from '../shared/errors';
import { Role } from '../shared/viewer';
import { ConductConflict } from './conduct-case.entity';
import { type PanelPurpose } from './conduct.enums';
import { conductPanelViolations, type PanelContext, type PanelSeatPerson } from './conduct.rules';
import { ConductPanel, ConductPanelSeat } from './panel.entity';

/** COP-6, COP-7: the conduct panel runs cases, complaints and appeals; ADMIN too. */
export const CONDUCT_ROLES = [Role.CONDUCT_PANEL, Role.ADMIN];
/** Staff who may report a case (assessors find plagiarism; the membership team hears of conduct). */
export const CASE_REPORTER_ROLES = [Role.MEMBERSHIP_TEAM, Role.PROFESSIONAL_STATUS_TEAM, Role.CONDUCT_PANEL, Role.ADMIN];

export async function conflictedIds(manager: EntityManager, caseId: string | null): Promise<string[]> {
  if (!caseId) return [];
  return (await manager.find(ConductConflict, { where: { caseId }, select: { personId: true } })).map((c) => c.personId);
}

export async function panelPeople(manager: EntityManager, panelId: string): Promise<string[]> {
  const seats = await manager.findBy(ConductPanelSeat, { panelId });
  return seats.map((s) => (s.memberId ?? s.staffUserId)!);
}

/** Validates a panel (COP-4, DEC-G1, COP-3) and records it with its seats. */
export async function convenePanel(
  manager: EntityManager,
  clock: Clock,
  by: string,
  target: { purpose: PanelPurpose; caseId: string | null; appealId: string | null },
  seats: PanelSeatPerson[],
  ctx: PanelContext,
): Promise<ConductPanel> {
  const memberIds = seats.map((s) => s.memberId).filter((x): x is string => !!x);
  const staffIds = seats.map((s) => s.staffUserId).filter((x): x is string => !!x);
  const members = memberIds.length ? await manager.findBy(Member, { id: In(memberIds) }) : [];
  const staff = staffIds.length ? await manager.findBy(StaffUser, { id: In(staffIds), active: true }) : [];
  assertNoViolations(
    conductPanelViolations(seats, members, staff.map((s) => s.id), ctx, londonToday(clock)),
    'The panel is not valid',
  );
  const panel = await manager.save(manager.create(ConductPanel, { ...target, convenedBy: by, convenedAt: clock.now() }));
  for (const s of seats) await manager.insert(ConductPanelSeat, { panelId: panel.id, memberId: s.memberId ?? null, staffUserId: s.staffUserId ?? null });
  return panel;
}
