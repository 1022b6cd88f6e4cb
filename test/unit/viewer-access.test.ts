import { type DomainError } from '../../src/domain/shared/errors';
import { requireNotOwnCase, requireOwnerOrStaff, requireRole, Role, type Viewer } from '../../src/domain/shared/viewer';

const M1 = '00000000-0000-4000-8000-000000000001';
const M2 = '00000000-0000-4000-8000-000000000002';
const member: Viewer = { subject: M1, roles: [Role.MEMBER], memberId: M1 };
const staff: Viewer = { subject: 'staff-1', roles: [Role.MEMBERSHIP_TEAM] };
const memberStaff: Viewer = { subject: M1, roles: [Role.MEMBER, Role.MEMBERSHIP_TEAM], memberId: M1 };

function refusal(fn: () => unknown): Pick<DomainError, 'code' | 'rule' | 'message'> | null {
  try {
    fn();
    return null;
  } catch (e) {
    const { code, rule, message } = e as DomainError;
    return { code, rule, message };
  }
}

describe('requireOwnerOrStaff (ATS-57): ownership before existence', () => {
  it('lets the owner through (not a staff read)', () => {
    expect(requireOwnerOrStaff(member, M1, [Role.MEMBERSHIP_TEAM], 'Participant')).toBe(false);
  });
  it('gives a member the same FORBIDDEN for someone else’s record and for a missing one', () => {
    const other = refusal(() => requireOwnerOrStaff(member, M2, [Role.MEMBERSHIP_TEAM], 'Participant'));
    const missing = refusal(() => requireOwnerOrStaff(member, null, [Role.MEMBERSHIP_TEAM], 'Participant'));
    expect(other).toEqual({ code: 'FORBIDDEN', rule: 'ATS-57', message: expect.any(String) });
    expect(missing).toEqual(other);
  });
  it('lets staff read others (an audited read) and tells them NOT_FOUND for a missing record', () => {
    expect(requireOwnerOrStaff(staff, M2, [Role.MEMBERSHIP_TEAM], 'Participant')).toBe(true);
    expect(refusal(() => requireOwnerOrStaff(staff, undefined, [Role.MEMBERSHIP_TEAM], 'Participant'))?.code).toBe('NOT_FOUND');
  });
});

describe('requireRole and requireNotOwnCase (DEC-G1)', () => {
  it('refuses a member a staff role with FORBIDDEN naming a rule', () => {
    expect(refusal(() => requireRole(member, [Role.MEMBERSHIP_TEAM]))).toMatchObject({ code: 'FORBIDDEN', rule: 'ATS-57' });
    expect(refusal(() => requireRole({ subject: 'anonymous', roles: [] }, [Role.MEMBERSHIP_TEAM]))?.code).toBe('UNAUTHENTICATED');
  });
  it('refuses a staff user who is the subject of the case, and nobody else', () => {
    expect(refusal(() => requireNotOwnCase(memberStaff, M1))).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
    expect(refusal(() => requireNotOwnCase({ subject: M1, roles: [Role.ADMIN] }, M1))).toMatchObject({ rule: 'DEC-G1' });
    expect(refusal(() => requireNotOwnCase(memberStaff, M2))).toBeNull();
    expect(refusal(() => requireNotOwnCase(staff, M1))).toBeNull();
  });
});
