import { In, type DataSource } from 'typeorm';
import type { AuditService } from '../../audit/audit.service';
import { isCurrentMember } from '../../membership/membership.rules';
import { Member } from '../../membership/member.entity';
import type { NotificationService } from '../../notifications/notification.service';
import type { Clock } from '../../shared/clock';
import { addDays, isAfter, londonToday, type LocalDate } from '../../shared/dates';
import { badInput, conflict, notFound, ruleViolation } from '../../shared/errors';
import { pageByInstant, type Page, type PageRequest } from '../../shared/pagination';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { Role, requireMemberId, requireNotOwnCase, requireRole, requireSelfOrRole, SYSTEM, type Viewer } from '../../shared/viewer';
import { isDormant, isListedOnRegister, isStatusCurrent } from '../listing';
import { ProfessionalStatus } from '../professional-status.entity';
import { StatusTitle } from '../register.enums';
import { assertActiveMemberForReaccreditation, assertMayApplyToReaccredit, isReminderDue, nextDueOnAfterReaccreditation, REACCREDITATION_REMINDER_DAYS, reaccreditationWindowOpensOn } from './reaccreditation.rules';
import { Reaccreditation, ReaccreditationStatus } from './status.entities';

/** Staff who keep status records (QTLS) and decide re-accreditation (ATS-50, DEC-R2). */
export const STATUS_STAFF_ROLES = [Role.PROFESSIONAL_STATUS_TEAM, Role.ADMIN];
export const STATUS_READER_ROLES = [Role.PROFESSIONAL_STATUS_TEAM, Role.MEMBERSHIP_TEAM, Role.CONDUCT_PANEL, Role.ADMIN];

/** A status with its date-driven facts computed for `today` (DEC-G2: never stored). */
export interface StatusView {
  status: ProfessionalStatus;
  dormant: boolean;
  current: boolean;
  listed: boolean;
  reaccreditationOpensOn: LocalDate | null;
}

/** Professional status records: QTLS records, register opt-out, re-accreditation and dormancy (ATS-41, ATS-50). */
export class StatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  /** The register's QTLS entries: staff record a member's QTLS award (holders stay listed only while current members). */
  async recordQtls(viewer: Viewer, memberId: string, awardedOn: LocalDate): Promise<StatusView> {
    requireRole(viewer, STATUS_STAFF_ROLES);
    requireNotOwnCase(viewer, memberId);
    if (isAfter(awardedOn, londonToday(this.clock))) throw badInput('awardedOn', 'A QTLS award date cannot be in the future');
    return this.uow.run(viewer, async (manager) => {
      const member = await manager.findOne(Member, { where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw notFound('Member');
      if (await manager.existsBy(ProfessionalStatus, { memberId, title: StatusTitle.QTLS })) throw conflict('This member already has a QTLS record', 'ATS-41');
      const optOut = (await manager.findOne(ProfessionalStatus, { where: { memberId } }))?.registerOptOut ?? false;
      const now = this.clock.now();
      const status = manager.create(ProfessionalStatus, {
        memberId,
        title: StatusTitle.QTLS,
        awardedOn,
        reaccreditationDueOn: null,
        participantId: null,
        suspendedOn: null,
        suspensionEndsOn: null,
        removedOn: null,
        registerOptOut: optOut,
        createdAt: now,
        updatedAt: now,
      });
      await manager.save(status);
      return { result: this.views([status], member)[0], audit: { action: 'status.recordQtls', targetType: 'member', targetId: memberId, detail: { awardedOn } } };
    });
  }

  /** ATS-41: the holder opts out of (or back into) the public register: every one of their status rows, at once. */
  async setRegisterOptOut(viewer: Viewer, optOut: boolean): Promise<StatusView[]> {
    const memberId = requireMemberId(viewer);
    return this.uow.run(viewer, async (manager) => {
      const rows = await manager.find(ProfessionalStatus, { where: { memberId }, lock: { mode: 'pessimistic_write' }, order: { title: 'ASC' } });
      if (rows.length === 0) throw ruleViolation('ATS-41', 'You hold no professional status to list on the register');
      const now = this.clock.now();
      for (const row of rows) {
        row.registerOptOut = optOut;
        row.updatedAt = now;
      }
      await manager.save(rows);
      const member = await manager.findOneByOrFail(Member, { id: memberId });
      return { result: this.views(rows, member), audit: { action: optOut ? 'register.optOut' : 'register.optIn', targetType: 'member', targetId: memberId } };
    });
  }

  /** A member's statuses with dormancy and listing computed from today's date (DEC-G2). */
  async statusesOf(viewer: Viewer, memberId: string): Promise<StatusView[]> {
    requireSelfOrRole(viewer, memberId, STATUS_READER_ROLES);
    const [rows, member] = await Promise.all([
      this.dataSource.getRepository(ProfessionalStatus).find({ where: { memberId }, order: { title: 'ASC' } }),
      this.dataSource.getRepository(Member).findOneBy({ id: memberId }),
    ]);
    return member ? this.views(rows, member) : [];
  }

  views(rows: ProfessionalStatus[], member: Member): StatusView[] {
    const today = londonToday(this.clock);
    return rows.map((status) => ({
      status,
      dormant: isDormant(status, today),
      current: isStatusCurrent(status, today),
      listed: isListedOnRegister(status, member, today),
      reaccreditationOpensOn: status.reaccreditationDueOn ? reaccreditationWindowOpensOn(status.reaccreditationDueOn) : null,
    }));
  }

  /** ATS-50, DEC-R2: the holder applies to re-accredit: an active member, from six months before the due date or once dormant. */
  async applyToReaccredit(viewer: Viewer, statusId: string, statement: string): Promise<Reaccreditation> {
    const memberId = requireMemberId(viewer);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const status = await manager.findOne(ProfessionalStatus, { where: { id: statusId }, lock: { mode: 'pessimistic_write' } });
      if (!status || status.memberId !== memberId) throw notFound('Professional status');
      if (status.title !== StatusTitle.ATS || !status.reaccreditationDueOn) throw ruleViolation('ATS-50', 'Only ATS is re-accredited with SET');
      if (status.removedOn) throw ruleViolation('ATS-56', 'A removed status cannot be re-accredited');
      const member = await manager.findOneByOrFail(Member, { id: memberId });
      assertActiveMemberForReaccreditation(isCurrentMember(member, today));
      assertMayApplyToReaccredit(status.reaccreditationDueOn, today);
      if (await manager.existsBy(Reaccreditation, { professionalStatusId: statusId, status: ReaccreditationStatus.REQUESTED })) throw conflict('A re-accreditation application is already awaiting a decision', 'DEC-R2');
      const application = manager.create(Reaccreditation, {
        professionalStatusId: statusId,
        memberId,
        statement: statement.trim(),
        appliedAt: this.clock.now(),
        appliedOn: today,
        dueOnAtApplication: status.reaccreditationDueOn,
        status: ReaccreditationStatus.REQUESTED,
        decidedAt: null,
        decidedBy: null,
        reasons: null,
        nextDueOn: null,
      });
      await manager.save(application);
      return { result: application, audit: { action: 'reaccreditation.apply', targetType: 'member', targetId: memberId } };
    });
  }

  /**
   * DEC-R2: the Professional Status team approves or refuses with reasons. Approval sets the next due date (DEC-R1,
   * `nextDueOnAfterReaccreditation`) on the status row in the same transaction; the holder must still be an active member.
   */
  async decideReaccreditation(viewer: Viewer, id: string, approve: boolean, reasons: string): Promise<Reaccreditation> {
    requireRole(viewer, STATUS_STAFF_ROLES);
    if (!reasons.trim()) throw badInput('reasons', 'Give the reasons for the decision (DEC-R2)');
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const application = await manager.findOne(Reaccreditation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!application) throw notFound('Re-accreditation');
      requireNotOwnCase(viewer, application.memberId);
      if (application.status !== ReaccreditationStatus.REQUESTED) throw conflict(`This application was already ${application.status.toLowerCase()}`, 'DEC-R2');
      const status = await manager.findOneOrFail(ProfessionalStatus, { where: { id: application.professionalStatusId }, lock: { mode: 'pessimistic_write' } });
      const member = await manager.findOneByOrFail(Member, { id: application.memberId });
      if (approve) assertActiveMemberForReaccreditation(isCurrentMember(member, today));
      application.status = approve ? ReaccreditationStatus.APPROVED : ReaccreditationStatus.REFUSED;
      application.decidedAt = this.clock.now();
      application.decidedBy = viewer.subject;
      application.reasons = reasons.trim();
      if (approve) {
        application.nextDueOn = nextDueOnAfterReaccreditation(status.reaccreditationDueOn!, today);
        status.reaccreditationDueOn = application.nextDueOn;
        status.updatedAt = this.clock.now();
        await manager.save(status);
      }
      await manager.save(application);
      await this.notifications.enqueue(manager, {
        recipientMemberId: member.id,
        toAddress: member.email,
        template: approve ? 'ATS_REACCREDITED' : 'ATS_REACCREDITATION_REFUSED',
        subject: approve ? 'Your ATS has been re-accredited' : 'Your ATS re-accreditation application',
        body: approve
          ? `Dear ${member.givenName},\n\nYour ATS is re-accredited. Your next re-accreditation is due by ${application.nextDueOn} (ATS-50).\n\n${application.reasons}`
          : `Dear ${member.givenName},\n\nWe could not approve your re-accreditation. Reasons: ${application.reasons}`,
        rule: 'DEC-R2',
      });
      return { result: application, audit: { action: 'reaccreditation.decide', targetType: 'member', targetId: member.id, detail: { approve, nextDueOn: application.nextDueOn } } };
    });
  }

  async reaccreditations(viewer: Viewer, status: ReaccreditationStatus | undefined, request: PageRequest = {}): Promise<Page<Reaccreditation>> {
    requireRole(viewer, STATUS_READER_ROLES);
    const qb = this.dataSource.getRepository(Reaccreditation).createQueryBuilder('r');
    if (status) qb.where('r.status = :status', { status });
    return pageByInstant(qb, 'r.applied_at', 'ASC', (r) => r.appliedAt, request);
  }

  async reaccreditationsOfMember(viewer: Viewer, memberId: string): Promise<Reaccreditation[]> {
    requireSelfOrRole(viewer, memberId, STATUS_READER_ROLES);
    return this.dataSource.getRepository(Reaccreditation).find({ where: { memberId }, order: { appliedAt: 'ASC' } });
  }

  /**
   * ATS-50: the reminder 90 days before the due date, once per status and due date (dedupe key), to holders not yet
   * dormant and not removed. Idempotent; a due date moved by re-accreditation gets its own reminder later.
   */
  async remindReaccreditationDue(viewer: Viewer = SYSTEM): Promise<number> {
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const rows: { id: string; dueOn: LocalDate; memberId: string; email: string; givenName: string }[] = await manager.query(
        `SELECT ps.id, to_char(ps.reaccreditation_due_on, 'YYYY-MM-DD') AS "dueOn", m.id AS "memberId", m.email, m.given_name AS "givenName"
           FROM professional_status ps JOIN member m ON m.id = ps.member_id
          WHERE ps.title = 'ATS' AND ps.removed_on IS NULL
            AND ps.reaccreditation_due_on BETWEEN $1::date AND $2::date`,
        [today, addDays(today, REACCREDITATION_REMINDER_DAYS)],
      );
      let sent = 0;
      for (const r of rows.filter((row) => isReminderDue(row.dueOn, today))) {
        const queued = await this.notifications.enqueue(manager, {
          recipientMemberId: r.memberId,
          toAddress: r.email,
          template: 'ATS_REACCREDITATION_DUE',
          subject: 'Your ATS re-accreditation is due',
          body: `Dear ${r.givenName},\n\nYour Advanced Teacher Status is due for re-accreditation by ${r.dueOn}. Apply with a statement of your continuing development; after that date your status becomes dormant and leaves the register until you re-accredit (ATS-50).`,
          rule: 'ATS-50',
          dedupeKey: `reaccreditation-due:${r.id}:${r.dueOn}`,
        });
        if (queued) sent++;
      }
      return { result: sent, audit: { action: 'reaccreditation.remind', targetType: 'professional_status', detail: { sent, today } } };
    });
  }

  async byMemberIds(memberIds: readonly string[]): Promise<Map<string, ProfessionalStatus[]>> {
    const rows = await this.dataSource.getRepository(ProfessionalStatus).find({ where: { memberId: In([...memberIds]) }, order: { title: 'ASC' } });
    const map = new Map<string, ProfessionalStatus[]>();
    for (const r of rows) map.set(r.memberId, [...(map.get(r.memberId) ?? []), r]);
    return map;
  }
}
