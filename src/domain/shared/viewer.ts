import { DomainError, forbidden } from './errors';

export enum Role {
  MEMBER = 'MEMBER',
  MEMBERSHIP_TEAM = 'MEMBERSHIP_TEAM',
  PROFESSIONAL_STATUS_TEAM = 'PROFESSIONAL_STATUS_TEAM',
  FINANCE = 'FINANCE',
  CONDUCT_PANEL = 'CONDUCT_PANEL',
  ADMIN = 'ADMIN',
  CHARTERED_COLLEGE = 'CHARTERED_COLLEGE',
}

export const STAFF_ROLES: readonly Role[] = [
  Role.MEMBERSHIP_TEAM,
  Role.PROFESSIONAL_STATUS_TEAM,
  Role.FINANCE,
  Role.CONDUCT_PANEL,
  Role.ADMIN,
];

/** Who is asking: taken from a verified token, or anonymous. Services receive it explicitly. */
export interface Viewer {
  /** Token subject: a member id, a staff user id or an API client id. */
  subject: string;
  roles: Role[];
  /** Set when the token belongs to a member (role MEMBER). */
  memberId?: string;
  requestId?: string;
}

export const ANONYMOUS: Viewer = { subject: 'anonymous', roles: [] };
export const SYSTEM: Viewer = { subject: 'system', roles: [Role.ADMIN] };

export function hasAnyRole(viewer: Viewer, roles: readonly Role[]): boolean {
  return viewer.roles.some((r) => roles.includes(r));
}

export function isStaff(viewer: Viewer): boolean {
  return hasAnyRole(viewer, STAFF_ROLES);
}

/** The role recorded in the audit log: the most specific staff role, else the first one. */
export function primaryRole(viewer: Viewer): string {
  return viewer.roles.find((r) => r !== Role.MEMBER) ?? viewer.roles[0] ?? 'ANONYMOUS';
}

/**
 * Members see only their own records (ATS-57); staff see what their role allows.
 * Returns true when the viewer reads someone else's data as staff (an audited read).
 */
export function requireSelfOrRole(viewer: Viewer, memberId: string, staffRoles: readonly Role[]): boolean {
  if (viewer.memberId === memberId) return false;
  if (hasAnyRole(viewer, staffRoles)) return true;
  throw forbidden('Members may see and act on only their own records', 'ATS-57');
}

/** The member id of a signed-in member; refuses callers who are not members. */
export function requireMemberId(viewer: Viewer): string {
  if (!viewer.memberId) throw forbidden('Only a signed-in member can do this', 'ATS-57');
  return viewer.memberId;
}

/**
 * The service layer's own role check: the same rule as the operation's `@Allow(...)` at the GraphQL edge, enforced
 * again inside the service so no other entry point (a sweep, a script, another service) can bypass it.
 */
export function requireRole(viewer: Viewer, roles: readonly Role[], rule = 'ATS-57'): void {
  if (viewer.roles.length === 0) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this');
  // ATS-57 by default: each role sees and does what its job needs, nothing more.
  if (!hasAnyRole(viewer, roles)) throw forbidden('Your role does not allow this', rule);
}

/** DEC-G1: nobody decides, reviews or sits on a panel for a case about themselves. */
export function requireNotOwnCase(viewer: Viewer, subjectMemberId: string): void {
  if (viewer.memberId === subjectMemberId || viewer.subject === subjectMemberId) {
    throw forbidden('You cannot decide a case about yourself', 'DEC-G1');
  }
}

/**
 * ATS-57 ownership, checked BEFORE any row lock and before revealing whether the record exists: the record's owner
 * (a member) may go on; staff in `staffRoles` may go on (NOT_FOUND when there is no such record); anyone else gets the
 * same FORBIDDEN for someone else's record and for a missing one. Returns true when a staff user acts on someone
 * else's record (an audited read). `ownerMemberId` is null/undefined when the record does not exist.
 */
export function requireOwnerOrStaff(viewer: Viewer, ownerMemberId: string | null | undefined, staffRoles: readonly Role[], what: string): boolean {
  if (ownerMemberId && viewer.memberId === ownerMemberId) return false;
  if (hasAnyRole(viewer, staffRoles)) {
    if (!ownerMemberId) throw new DomainError('NOT_FOUND', `${what} was not found`);
    return true;
  }
  if (viewer.roles.length === 0) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this');
  throw forbidden('Members may see and act on only their own records', 'ATS-57');
}
