import { createHash, randomBytes } from 'node:crypto';
import { In, MoreThan, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { addMonths, londonToday } from '../shared/dates';
import { badInput, notFound, ruleViolation } from '../shared/errors';
import { pageByKeys, pageSize, sized, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import { Role, requireMemberId, requireNotOwnCase, requireRole, requireSelfOrRole, type Viewer } from '../shared/viewer';
import { EmailChangeRequest } from './email-change-request.entity';
import { CodeAcceptance } from './code-acceptance.entity';
import type { CodeOfPracticeService } from './code-of-practice.service';
import { Member } from './member.entity';
import { CodeAcceptanceContext, type MemberGrade, MemberStatus, type Sector } from './membership.enums';
import { assertAcceptsCurrentCode, assertMayRenew, assertRenewalIsDue, renewalDateAfterRenewing } from './membership.rules';

/** Staff roles whose work needs members' records. */
export const MEMBER_READER_ROLES = [Role.MEMBERSHIP_TEAM, Role.PROFESSIONAL_STATUS_TEAM, Role.FINANCE, Role.CONDUCT_PANEL, Role.ADMIN];
/** Staff who change members' records (grades, renewals on a member's behalf, the lapse sweep). */
export const MEMBERSHIP_STAFF_ROLES = [Role.MEMBERSHIP_TEAM, Role.ADMIN];

export interface MemberFilter {
  status?: MemberStatus;
  grade?: MemberGrade;
  sector?: Sector;
  /** Prefix of family name, given name, email or membership number. */
  search?: string;
  renewalDueOnOrBefore?: string;
}

export interface UpdateProfileInput {
  givenName?: string;
  familyName?: string;
  email?: string;
  sector?: Sector;
  employerName?: string | null;
  employerContactEmail?: string | null;
  employerVerificationConsent?: boolean;
}

/** DEC-J1: how long an email-change code stays valid. */
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;

const REQUIRED_PROFILE_FIELDS = ['givenName', 'familyName', 'email', 'sector', 'employerVerificationConsent'] as const;

export class MemberService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly codes: CodeOfPracticeService,
  ) {}

  /** The signed-in member's own record. */
  async me(viewer: Viewer): Promise<Member> {
    if (!viewer.memberId) throw notFound('Member');
    return this.load(viewer.memberId);
  }

  async get(viewer: Viewer, id: string): Promise<Member> {
    const staffRead = requireSelfOrRole(viewer, id, MEMBER_READER_ROLES);
    const member = await this.load(id);
    if (staffRead) await this.audit.recordRead(viewer, { action: 'member.read', targetType: 'member', targetId: id });
    return member;
  }

  async list(viewer: Viewer, filter: MemberFilter, request: PageRequest = {}): Promise<Page<Member>> {
    requireRole(viewer, MEMBER_READER_ROLES, 'ATS-57');
    const size = pageSize(request);
    const qb = this.dataSource.getRepository(Member).createQueryBuilder('m');
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter.grade) qb.andWhere('m.grade = :grade', { grade: filter.grade });
    if (filter.sector) qb.andWhere('m.sector = :sector', { sector: filter.sector });
    if (filter.renewalDueOnOrBefore) qb.andWhere('m.renewal_date <= :due', { due: filter.renewalDueOnOrBefore });
    if (filter.search) {
      // Case- and accent-insensitive, as on the register: "zoe" and "adebayo" find "Zoë Adébáyọ̀".
      const prefix = foldForSearch(filter.search.trim()).replace(/[\\%_]/g, '\\$&') + '%';
      const fold = (column: string) => `regexp_replace(normalize(lower(${column}), NFD), '[\\u0300-\\u036f]', '', 'g')`;
      qb.andWhere(
        `(${fold('m.family_name')} LIKE :p OR ${fold('m.given_name')} LIKE :p OR lower(m.email) LIKE :p OR lower(m.membership_number) LIKE :p)`,
        { p: prefix },
      );
    }
    const page = await pageByKeys(
      qb,
      [
        { column: 'm.family_name', of: (r) => r.familyName, kind: 'string' },
        { column: 'm.given_name', of: (r) => r.givenName, kind: 'string' },
        { column: 'm.id', of: (r) => r.id, kind: 'uuid' },
      ],
      'ASC',
      sized(request, size),
    );
    await this.audit.recordRead(viewer, {
      action: 'member.list',
      targetType: 'member',
      detail: { returned: page.items.map((r) => r.id), filter: Object.keys(filter) },
    });
    return page;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, Member>> {
    const rows = await this.dataSource.getRepository(Member).findBy({ id: In([...ids]) });
    return new Map(rows.map((m) => [m.id, m]));
  }

  async codeAcceptances(viewer: Viewer, memberId: string): Promise<CodeAcceptance[]> {
    requireSelfOrRole(viewer, memberId, MEMBER_READER_ROLES);
    return this.dataSource.getRepository(CodeAcceptance).find({ where: { memberId }, order: { acceptedAt: 'DESC' } });
  }

  /**
   * A member keeps their own contact and employer details current (ATS-51: employer details come with consent to
   * verify). DEC-J1: a new email is not applied here: a one-time code goes to the new address and `confirmEmailChange`
   * applies it, so the answer never reveals whether the address belongs to someone else.
   */
  async updateProfile(viewer: Viewer, memberId: string, input: UpdateProfileInput): Promise<Member> {
    requireSelfOrRole(viewer, memberId, [Role.MEMBERSHIP_TEAM, Role.ADMIN]);
    // Only the employer details may be cleared; a null elsewhere would break a NOT NULL column.
    for (const field of REQUIRED_PROFILE_FIELDS) {
      if ((input as Record<string, unknown>)[field] === null) throw badInput(field, `${field} cannot be removed; leave it out to keep it unchanged`);
    }
    return this.uow.run(viewer, async (manager) => {
      const member = await this.lock(manager, memberId);
      const { email, ...rest } = input;
      const changed = Object.keys(rest).filter((k) => (rest as Record<string, unknown>)[k] !== undefined);
      Object.assign(member, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
      if (email && email.trim().toLowerCase() !== member.email) {
        await this.startEmailChange(manager, member, email.trim().toLowerCase());
        changed.push('emailChangeRequested');
      }
      if (input.employerName === null) member.employerVerificationConsent = false;
      member.updatedAt = this.clock.now();
      await manager.save(member);
      return { result: member, audit: { action: 'member.updateProfile', targetType: 'member', targetId: memberId, detail: { fields: changed } } };
    });
  }

  /** DEC-J1: applies a requested email change once the member proves they hold the new address (the code sent there). */
  async confirmEmailChange(viewer: Viewer, token: string): Promise<Member> {
    const memberId = requireMemberId(viewer);
    if (token.length > 200) throw badInput('token', 'This confirmation code is not valid');
    const tokenHash = createHash('sha256').update(token.trim()).digest('hex');
    return this.uow.run(viewer, async (manager) => {
      const request = await manager.findOne(EmailChangeRequest, {
        where: { tokenHash, memberId, confirmedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw ruleViolation('DEC-J1', 'This confirmation code is not valid or has expired; ask for the change again');
      const member = await this.lock(manager, memberId);
      // Only the holder of the new address gets this far, so this answer reveals nothing to anyone else.
      if (await manager.existsBy(Member, { email: request.newEmail })) throw ruleViolation('DEC-J1', 'This address cannot be used for your membership; please contact the membership team');
      const from = member.email;
      member.email = request.newEmail;
      member.updatedAt = this.clock.now();
      await manager.save(member);
      request.confirmedAt = this.clock.now();
      await manager.save(request);
      await this.notifications.enqueue(manager, {
        recipientMemberId: member.id,
        toAddress: from,
        template: 'MEMBER_EMAIL_CHANGED',
        subject: 'Your SET email address has changed',
        body: `Dear ${member.givenName},\n\nThe email address for membership ${member.membershipNumber} has been changed. If you did not do this, please contact the membership team.`,
        rule: 'DEC-J1',
      });
      return { result: member, audit: { action: 'member.confirmEmailChange', targetType: 'member', targetId: memberId } };
    });
  }

  /** DEC-J1: a one-time code (valid 24 hours) to the new address; only its hash is kept. Same whether or not the address is taken. */
  private async startEmailChange(manager: EntityManager, member: Member, newEmail: string): Promise<void> {
    const token = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    await manager.insert(EmailChangeRequest, {
      memberId: member.id,
      newEmail,
      tokenHash: createHash('sha256').update(token).digest('hex'),
      requestedAt: now,
      expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS),
      confirmedAt: null,
    });
    // Not attached to the member: the code must reach only whoever holds the new address.
    await this.notifications.enqueue(manager, {
      toAddress: newEmail,
      template: 'MEMBER_EMAIL_CHANGE_CONFIRM',
      subject: 'Confirm your new email address for SET',
      body: `A request was made to use this address for a SET membership. If it was you, confirm it within 24 hours with this code: ${token}\n\nIf it was not you, ignore this message.`,
      rule: 'DEC-J1',
    });
  }

  /** COP-1 and DEC-M1: renewing accepts the current Code and moves the renewal date on a year. */
  async renew(viewer: Viewer, memberId: string, acceptedCodeVersionId: string): Promise<Member> {
    requireSelfOrRole(viewer, memberId, [Role.MEMBERSHIP_TEAM, Role.ADMIN]);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const member = await this.lock(manager, memberId);
      assertMayRenew(member, today);
      assertRenewalIsDue(member, today, addMonths(today, 3));
      assertAcceptsCurrentCode(acceptedCodeVersionId, await this.codes.current(manager));
      const wasLapsed = member.status === MemberStatus.LAPSED;
      member.renewalDate = renewalDateAfterRenewing(member, today);
      member.status = MemberStatus.ACTIVE;
      // DEC-G2: a renewal after a suspension ended by date stores what the dates already said.
      member.suspensionEndsOn = null;
      member.acceptedCodeVersionId = acceptedCodeVersionId;
      member.updatedAt = this.clock.now();
      await manager.save(member);
      await manager.insert(CodeAcceptance, { memberId, codeVersionId: acceptedCodeVersionId, context: CodeAcceptanceContext.RENEWAL, acceptedAt: this.clock.now() });
      await this.notifications.enqueue(manager, {
        recipientMemberId: member.id,
        toAddress: member.email,
        template: 'MEMBERSHIP_RENEWED',
        subject: 'Your SET membership has been renewed',
        body: `Dear ${member.givenName},\n\nYour membership ${member.membershipNumber} is renewed until ${member.renewalDate}.${wasLapsed ? ' Your membership is active again.' : ''}`,
        rule: 'COP-1',
      });
      return { result: member, audit: { action: 'member.renew', targetType: 'member', targetId: memberId, detail: { codeVersionId: acceptedCodeVersionId, renewalDate: member.renewalDate } } };
    });
  }

  async changeGrade(viewer: Viewer, memberId: string, grade: MemberGrade): Promise<Member> {
    requireRole(viewer, MEMBERSHIP_STAFF_ROLES);
    requireNotOwnCase(viewer, memberId); // DEC-G1: nobody decides their own grade
    return this.uow.run(viewer, async (manager) => {
      const member = await this.lock(manager, memberId);
      const from = member.grade;
      member.grade = grade;
      member.updatedAt = this.clock.now();
      await manager.save(member);
      await this.notifications.enqueue(manager, {
        recipientMemberId: member.id,
        toAddress: member.email,
        template: 'MEMBERSHIP_GRADE_CHANGED',
        subject: 'Your SET membership grade has changed',
        body: `Dear ${member.givenName},\n\nYour membership grade is now ${grade}.`,
      });
      return { result: member, audit: { action: 'member.changeGrade', targetType: 'member', targetId: memberId, detail: { from, to: grade } } };
    });
  }

  /**
   * DEC-M1: every ACTIVE membership whose renewal date has passed becomes LAPSED, and the member is told.
   * Idempotent: a second run finds nothing to do. Scheduled by the server; staff can also run it.
   */
  async lapseOverdueMemberships(viewer: Viewer): Promise<number> {
    requireRole(viewer, MEMBERSHIP_STAFF_ROLES);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const lapsed: Pick<Member, 'id' | 'email' | 'givenName' | 'membershipNumber' | 'renewalDate'>[] = await manager.query(
        `UPDATE member SET status = 'LAPSED', suspension_ends_on = NULL, updated_at = $2, version = version + 1
          WHERE (status = 'ACTIVE' OR (status = 'SUSPENDED' AND suspension_ends_on <= $1)) AND renewal_date < $1
          RETURNING id, email, given_name AS "givenName", membership_number AS "membershipNumber", renewal_date::text AS "renewalDate"`,
        [today, this.clock.now()],
      ).then((r: unknown[]) => (Array.isArray(r[0]) ? (r[0] as never) : (r as never)));
      for (const m of lapsed) {
        await this.notifications.enqueue(manager, {
          recipientMemberId: m.id,
          toAddress: m.email,
          template: 'MEMBERSHIP_LAPSED',
          subject: 'Your SET membership has lapsed',
          body: `Dear ${m.givenName},\n\nYour membership ${m.membershipNumber} was due for renewal on ${m.renewalDate} and has lapsed. Renew to restore it.`,
          rule: 'DEC-M1',
          dedupeKey: `lapse:${m.id}:${m.renewalDate}`,
        });
      }
      return { result: lapsed.length, audit: { action: 'member.lapseSweep', targetType: 'member', detail: { lapsed: lapsed.map((m) => m.id), today } } };
    });
  }

  private async load(id: string): Promise<Member> {
    const member = await this.dataSource.getRepository(Member).findOneBy({ id });
    if (!member) throw notFound('Member');
    return member;
  }

  private async lock(manager: EntityManager, id: string): Promise<Member> {
    const member = await manager.findOne(Member, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!member) throw notFound('Member');
    return member;
  }
}

/** Lower case without combining accents (NFD, then marks U+0300..U+036F dropped), matching the SQL fold in `MemberService.list`. */
export function foldForSearch(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Membership numbers come from a database sequence, so concurrent joins never collide. */
export async function nextMembershipNumber(manager: EntityManager): Promise<string> {
  const [{ n }] = await manager.query(`SELECT nextval('membership_number_seq')::text AS n`);
  return `SET${String(n).padStart(7, '0')}`;
}
