import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../../audit/audit.service';
import type { Clock } from '../../shared/clock';
import { londonToday, type LocalDate } from '../../shared/dates';
import { conflict, notFound, ruleViolation, type Violation } from '../../shared/errors';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { requireMemberId, requireNotOwnCase, requireRole, requireSelfOrRole, Role, type Viewer } from '../../shared/viewer';
import { type AuthenticityCheckResult, type QualificationList } from './application.enums';
import { ApprovedQualification } from './approved-qualification.entity';
import {
  assertCertificateNotInFuture,
  assertDeclaredAuthentic,
  assertQueriedOnNotInFuture,
  certificatesAccepted,
  qualificationViolationsAt,
  type QualificationFacts,
} from './ats-application.rules';
import { MemberQualification } from './member-qualification.entity';
import { QualificationAuthenticityCheck } from './qualification-authenticity-check.entity';

/** Staff roles who read members' qualifications (PROFESSIONAL_STATUS_TEAM read-only). */
export const QUALIFICATION_READER_ROLES = [Role.MEMBERSHIP_TEAM, Role.ADMIN, Role.PROFESSIONAL_STATUS_TEAM];
/** Staff who keep the approved lists (ATS-2). */
export const LIST_KEEPER_ROLES = [Role.MEMBERSHIP_TEAM, Role.ADMIN];
/** Staff who log and record authenticity checks with awarding bodies (ATS-52). */
export const AUTHENTICITY_CHECKER_ROLES = [Role.MEMBERSHIP_TEAM];
/** Staff who read authenticity checks and their notes (ATS-52, ATS-57). */
export const AUTHENTICITY_READER_ROLES = [Role.MEMBERSHIP_TEAM, Role.ADMIN];

export interface ApprovedQualificationInput {
  list: QualificationList;
  title: string;
  awardingBody: string;
  level: string;
}

export interface UpdateApprovedQualificationInput {
  title?: string;
  awardingBody?: string;
  level?: string;
  active?: boolean;
}

export interface RecordQualificationInput {
  approvedQualificationId: string;
  certificateDate: LocalDate;
  grade: string;
  certificateReference: string;
  /** ATS-52: the member confirms the certificate truly reflects the qualification and grade. */
  declaresAuthentic: boolean;
}

export interface LogAuthenticityCheckInput {
  memberQualificationId: string;
  queriedOn: LocalDate;
  awardingBody: string;
  result: AuthenticityCheckResult;
  notes?: string | null;
}

/** A recorded qualification with its approved-list entry and, for everyone, only the latest check's status (ATS-52). */
export interface MemberQualificationView extends MemberQualification {
  approvedQualification: ApprovedQualification | null;
  authenticityStatus: AuthenticityCheckResult | null;
}

/** ATS-2, ATS-3, ATS-52: the approved lists, members' own qualifications and staff checks with awarding bodies. */
export class QualificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  // ---- ATS-2: approved lists, kept by staff -------------------------------------------------------------------

  async approvedQualifications(filter: { list?: QualificationList; includeInactive?: boolean }): Promise<ApprovedQualification[]> {
    return this.dataSource.getRepository(ApprovedQualification).find({
      where: { ...(filter.list ? { list: filter.list } : {}), ...(filter.includeInactive ? {} : { active: true }) },
      order: { list: 'ASC', title: 'ASC', id: 'ASC' },
    });
  }

  async addApprovedQualification(viewer: Viewer, input: ApprovedQualificationInput): Promise<ApprovedQualification> {
    requireRole(viewer, LIST_KEEPER_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const clash = await manager.existsBy(ApprovedQualification, { list: input.list, title: input.title.trim(), awardingBody: input.awardingBody.trim() });
      if (clash) throw conflict(`${input.title} from ${input.awardingBody} is already on the ${input.list} list`, 'ATS-2');
      const now = this.clock.now();
      const entry = manager.create(ApprovedQualification, {
        list: input.list,
        title: input.title.trim(),
        awardingBody: input.awardingBody.trim(),
        level: input.level.trim(),
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      await manager.save(entry);
      return { result: entry, audit: { action: 'approvedQualification.add', targetType: 'approved_qualification', targetId: entry.id, detail: { list: entry.list } } };
    });
  }

  /** Staff correct an entry or take it off the list (inactive entries no longer satisfy ATS-2). */
  async updateApprovedQualification(viewer: Viewer, id: string, input: UpdateApprovedQualificationInput): Promise<ApprovedQualification> {
    requireRole(viewer, LIST_KEEPER_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const entry = await manager.findOne(ApprovedQualification, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!entry) throw notFound('Approved qualification');
      const changed = Object.entries(input).filter(([, v]) => v !== undefined && v !== null);
      for (const [key, value] of changed) (entry as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value;
      entry.updatedAt = this.clock.now();
      await manager.save(entry);
      return {
        result: entry,
        audit: { action: 'approvedQualification.update', targetType: 'approved_qualification', targetId: id, detail: { fields: changed.map(([k]) => k), active: entry.active } },
      };
    });
  }

  // ---- A member's own qualifications ------------------------------------------------------------------------

  /** ATS-2, ATS-3, ATS-52: a member records a certificate they hold for a qualification on an active approved list. */
  async recordMyQualification(viewer: Viewer, input: RecordQualificationInput): Promise<MemberQualificationView> {
    const memberId = requireMemberId(viewer);
    assertCertificateNotInFuture(input.certificateDate, londonToday(this.clock));
    assertDeclaredAuthentic(input.declaresAuthentic);
    const saved = await this.uow.run(viewer, async (manager) => {
      const approved = await manager.findOneBy(ApprovedQualification, { id: input.approvedQualificationId });
      if (!approved || !approved.active) {
        throw ruleViolation('ATS-2', "This qualification is not on SET's approved lists; contact membership@etfoundation.co.uk about qualifications not listed");
      }
      if (await manager.existsBy(MemberQualification, { memberId, approvedQualificationId: approved.id })) {
        throw conflict(`You have already recorded ${approved.title}`, 'ATS-2');
      }
      const now = this.clock.now();
      const q = manager.create(MemberQualification, {
        memberId,
        approvedQualificationId: approved.id,
        certificateDate: input.certificateDate,
        grade: input.grade.trim(),
        certificateReference: input.certificateReference.trim(),
        declaredAuthenticAt: now,
        createdAt: now,
      });
      await manager.save(q);
      return { result: q, audit: { action: 'memberQualification.record', targetType: 'member_qualification', targetId: q.id, detail: { list: approved.list } } };
    });
    return (await this.views(this.dataSource.manager, [saved]))[0];
  }

  /** The signed-in member's own qualifications (ATS-57). */
  async myQualifications(viewer: Viewer): Promise<MemberQualificationView[]> {
    return this.forMember(this.dataSource.manager, requireMemberId(viewer));
  }

  /** A member's qualifications; members may read only their own, and staff reads are audited (ATS-57). */
  async memberQualifications(viewer: Viewer, memberId: string): Promise<MemberQualificationView[]> {
    const staffRead = requireSelfOrRole(viewer, memberId, QUALIFICATION_READER_ROLES);
    const rows = await this.forMember(this.dataSource.manager, memberId);
    if (staffRead) {
      await this.audit.recordRead(viewer, { action: 'memberQualification.list', targetType: 'member', targetId: memberId, detail: { returned: rows.map((r) => r.id) } });
    }
    return rows;
  }

  // ---- ATS-2, ATS-3 for other steps -------------------------------------------------------------------------

  /** ATS-2, ATS-3: the member's certificates that count at a portfolio issue date (approved, active, dated on or before it). */
  async certificatesAcceptedFor(memberId: string, portfolioIssueDate: LocalDate, manager: EntityManager = this.dataSource.manager): Promise<MemberQualificationView[]> {
    const views = await this.forMember(manager, memberId);
    const facts = views.map((v) => ({ ...toFacts(v), view: v }));
    return certificatesAccepted(facts, portfolioIssueDate).map((f) => f.view);
  }

  /**
   * ATS-2, ATS-3 (and ATS-52) for registration: every reason the member's qualifications fall short at the cohort's
   * portfolio issue date: a missing ITT, English or maths qualification, or a certificate dated after the issue date.
   */
  async qualificationViolations(manager: EntityManager, memberId: string, portfolioIssueDate: LocalDate): Promise<Violation[]> {
    const views = await this.forMember(manager, memberId);
    return qualificationViolationsAt(views.map(toFacts), portfolioIssueDate);
  }

  /** The facts the rules need about given qualification ids, for the application step. Unknown or others' ids are omitted. */
  async factsFor(manager: EntityManager, memberId: string, ids: string[]): Promise<QualificationFacts[]> {
    if (ids.length === 0) return [];
    const rows = await manager.findBy(MemberQualification, { memberId, id: In(ids) });
    return (await this.views(manager, rows)).map(toFacts);
  }

  // ---- ATS-52: checks with the awarding body, by staff --------------------------------------------------------

  async logAuthenticityCheck(viewer: Viewer, input: LogAuthenticityCheckInput): Promise<QualificationAuthenticityCheck> {
    requireRole(viewer, AUTHENTICITY_CHECKER_ROLES);
    assertQueriedOnNotInFuture(input.queriedOn, londonToday(this.clock));
    return this.uow.run(viewer, async (manager) => {
      const q = await manager.findOneBy(MemberQualification, { id: input.memberQualificationId });
      if (!q) throw notFound('Member qualification');
      requireNotOwnCase(viewer, q.memberId); // DEC-G1
      const now = this.clock.now();
      const check = manager.create(QualificationAuthenticityCheck, {
        memberQualificationId: q.id,
        memberId: q.memberId,
        queriedOn: input.queriedOn,
        awardingBody: input.awardingBody.trim(),
        result: input.result,
        notes: input.notes?.trim() || null,
        recordedBy: viewer.subject,
        recordedAt: now,
        updatedAt: now,
      });
      await manager.save(check);
      return {
        result: check,
        audit: { action: 'authenticityCheck.log', targetType: 'qualification_authenticity_check', targetId: check.id, detail: { memberQualificationId: q.id, result: check.result } },
      };
    });
  }

  /** ATS-52: records the awarding body's answer on a check (row-locked, so two answers do not interleave). */
  async recordAuthenticityResult(viewer: Viewer, checkId: string, result: AuthenticityCheckResult, notes?: string | null): Promise<QualificationAuthenticityCheck> {
    requireRole(viewer, AUTHENTICITY_CHECKER_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const found = await manager.findOne(QualificationAuthenticityCheck, { where: { id: checkId }, select: { id: true, memberId: true } });
      if (!found) throw notFound('Authenticity check');
      requireNotOwnCase(viewer, found.memberId); // DEC-G1, before the lock
      const check = await manager.findOneOrFail(QualificationAuthenticityCheck, { where: { id: checkId }, lock: { mode: 'pessimistic_write' } });
      const from = check.result;
      check.result = result;
      if (notes !== undefined && notes !== null) check.notes = notes.trim() || null;
      check.updatedAt = this.clock.now();
      await manager.save(check);
      return { result: check, audit: { action: 'authenticityCheck.record', targetType: 'qualification_authenticity_check', targetId: checkId, detail: { from, to: result } } };
    });
  }

  /** Staff view of the checks on one member qualification, with notes; audited (ATS-57). */
  async authenticityChecks(viewer: Viewer, memberQualificationId: string): Promise<QualificationAuthenticityCheck[]> {
    requireRole(viewer, AUTHENTICITY_READER_ROLES, 'ATS-57');
    const q = await this.dataSource.getRepository(MemberQualification).findOneBy({ id: memberQualificationId });
    if (!q) throw notFound('Member qualification');
    const rows = await this.dataSource.getRepository(QualificationAuthenticityCheck).find({
      where: { memberQualificationId },
      order: { queriedOn: 'DESC', recordedAt: 'DESC' },
    });
    await this.audit.recordRead(viewer, { action: 'authenticityCheck.list', targetType: 'member_qualification', targetId: memberQualificationId, detail: { memberId: q.memberId } });
    return rows;
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private async forMember(manager: EntityManager, memberId: string): Promise<MemberQualificationView[]> {
    const rows = await manager.find(MemberQualification, { where: { memberId }, order: { certificateDate: 'ASC', id: 'ASC' } });
    return this.views(manager, rows);
  }

  /** Two batch queries for any number of rows: the approved entries and the latest check per qualification. */
  private async views(manager: EntityManager, rows: MemberQualification[]): Promise<MemberQualificationView[]> {
    if (rows.length === 0) return [];
    const approved = await manager.findBy(ApprovedQualification, { id: In([...new Set(rows.map((r) => r.approvedQualificationId))]) });
    const byId = new Map(approved.map((a) => [a.id, a]));
    const latest: { member_qualification_id: string; result: AuthenticityCheckResult }[] = await manager.query(
      `SELECT DISTINCT ON (member_qualification_id) member_qualification_id, result
         FROM qualification_authenticity_check WHERE member_qualification_id = ANY($1::uuid[])
        ORDER BY member_qualification_id, queried_on DESC, recorded_at DESC`,
      [rows.map((r) => r.id)],
    );
    const status = new Map(latest.map((l) => [l.member_qualification_id, l.result]));
    return rows.map((r) => Object.assign(r, { approvedQualification: byId.get(r.approvedQualificationId) ?? null, authenticityStatus: status.get(r.id) ?? null }));
  }
}

function toFacts(v: MemberQualificationView): QualificationFacts {
  return {
    id: v.id,
    certificateDate: v.certificateDate,
    list: v.approvedQualification?.list ?? null,
    title: v.approvedQualification?.title ?? 'An unknown qualification',
    approvedAndActive: v.approvedQualification?.active === true,
    authenticity: v.authenticityStatus,
  };
}
