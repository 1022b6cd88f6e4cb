import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../../audit/audit.service';
import { isCurrentMember } from '../../membership/membership.rules';
import { Member } from '../../membership/member.entity';
import type { NotificationService } from '../../notifications/notification.service';
import type { Clock } from '../../shared/clock';
import { londonToday } from '../../shared/dates';
import { assertNoViolations, conflict, notFound, ruleViolation, type Violation } from '../../shared/errors';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../../shared/pagination';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { requireMemberId, requireOwnerOrStaff, requireRole, SYSTEM, type Viewer } from '../../shared/viewer';
import { Cohort } from './cohort.entity';
import { cancelPendingExtensions } from './extension-request.entity';
import { lockParticipant, PARTICIPANT_READER_ROLES, PROGRAMME_STAFF_ROLES } from './participant-access';
import { assertTransition } from './participant-state';
import { Participant } from './participant.entity';
import { PortfolioAccessReport } from './portfolio-access-report.entity';
import { DEFAULT_PORTFOLIO_SECTIONS, PortfolioSection } from './portfolio-section.entity';
import { CohortPortfolioSection } from './cohort-portfolio-section.entity';
import type { ProgrammePorts } from './ports';
import { AdjustmentStatus, ParticipantStatus } from './programme.enums';
import { adjustmentDecided, portfolioIssued, submitted } from './programme.notices';
import { assertMembershipActiveForPortfolio, assertNotPastDeadline, isAccessReportLate, submissionViolations } from './programme.rules';
import { ReasonableAdjustment } from './reasonable-adjustment.entity';

export interface ParticipantFilter {
  cohortId?: string;
  status?: ParticipantStatus;
  memberId?: string;
}

export interface SubmissionReadiness {
  ready: boolean;
  violations: Violation[];
}

/** A participant's journey between registration and submission: portfolio, adjustments, access reports, submission. */
export class ParticipantService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly ports: ProgrammePorts,
  ) {}

  /** ATS-57: the participant themself or staff (audited); a member gets the same FORBIDDEN for another's and a missing one. */
  async get(viewer: Viewer, id: string): Promise<Participant> {
    const participant = await this.dataSource.getRepository(Participant).findOneBy({ id });
    if (requireOwnerOrStaff(viewer, participant?.memberId, PARTICIPANT_READER_ROLES, 'Participant')) {
      await this.audit.recordRead(viewer, { action: 'participant.read', targetType: 'participant', targetId: id });
    }
    return participant!;
  }

  async mine(viewer: Viewer): Promise<Participant[]> {
    const memberId = requireMemberId(viewer);
    return this.dataSource.getRepository(Participant).find({ where: { memberId }, order: { registeredAt: 'DESC' } });
  }

  async list(viewer: Viewer, filter: ParticipantFilter, request: PageRequest = {}): Promise<Page<Participant>> {
    requireRole(viewer, PARTICIPANT_READER_ROLES, 'ATS-57');
    const size = pageSize(request);
    const qb = this.dataSource.getRepository(Participant).createQueryBuilder('p');
    if (filter.cohortId) qb.andWhere('p.cohort_id = :cohortId', { cohortId: filter.cohortId });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.memberId) qb.andWhere('p.member_id = :memberId', { memberId: filter.memberId });
    const page = await pageByInstant(qb, 'p.registered_at', 'ASC', (r) => r.registeredAt, sized(request, size));
    await this.audit.recordRead(viewer, { action: 'participant.list', targetType: 'participant', detail: { returned: page.items.map((r) => r.id) } });
    return page;
  }

  async sections(participantId: string): Promise<PortfolioSection[]> {
    return this.dataSource.getRepository(PortfolioSection).find({ where: { participantId }, order: { position: 'ASC' } });
  }

  /** ATS-13, ATS-57: adjustment details are health data: the participant and the programme staff only. */
  async adjustments(viewer: Viewer, participant: Participant): Promise<ReasonableAdjustment[]> {
    await this.requireSensitiveRead(viewer, participant, 'adjustment.read');
    return this.dataSource.getRepository(ReasonableAdjustment).find({ where: { participantId: participant.id }, order: { requestedAt: 'ASC' } });
  }

  async accessReports(viewer: Viewer, participant: Participant): Promise<PortfolioAccessReport[]> {
    await this.requireSensitiveRead(viewer, participant, 'accessReport.read');
    return this.dataSource.getRepository(PortfolioAccessReport).find({ where: { participantId: participant.id }, order: { reportedAt: 'ASC' } });
  }

  /**
   * ATS-57: adjustments, extension evidence and access reports are for the participant and the staff who run the
   * programme (MEMBERSHIP_TEAM, ADMIN), not for finance or assessors; staff reads are audited.
   */
  async requireSensitiveRead(viewer: Viewer, participant: Participant, action: string): Promise<void> {
    await this.audit.authorizeRead(viewer, participant.memberId, PROGRAMME_STAFF_ROLES, { action, targetType: 'participant', targetId: participant.id });
  }

  /**
   * ATS-19: portfolios are issued on the cohort's issue date. An idempotent sweep: every REGISTERED participant whose
   * cohort's issue date has arrived gets the blank portfolio sections and an email.
   */
  async issueDuePortfolios(viewer: Viewer = SYSTEM): Promise<number> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const due = await manager
        .getRepository(Participant)
        .createQueryBuilder('p')
        .innerJoin(Cohort, 'c', 'c.id = p.original_cohort_id')
        .where('p.status = :status', { status: ParticipantStatus.REGISTERED })
        .andWhere('c.portfolio_issue_date <= :today', { today })
        .setLock('pessimistic_write', undefined, ['p'])
        .setOnLocked('skip_locked')
        .getMany();
      for (const participant of due) {
        assertTransition(participant.status, ParticipantStatus.PORTFOLIO_ISSUED);
        participant.status = ParticipantStatus.PORTFOLIO_ISSUED;
        participant.portfolioIssuedAt = this.clock.now();
        await manager.save(participant);
        // DEC-S1: the participant's list is copied from their cohort's list now and is fixed from here on.
        const cohortSections = await manager.find(CohortPortfolioSection, { where: { cohortId: participant.originalCohortId }, order: { position: 'ASC' } });
        const list = cohortSections.length ? cohortSections : DEFAULT_PORTFOLIO_SECTIONS;
        await manager.insert(PortfolioSection, list.map((s, position) => ({ participantId: participant.id, key: s.key, title: s.title, position, completedAt: null })));
        const member = await manager.findOneByOrFail(Member, { id: participant.memberId });
        const cohort = await manager.findOneByOrFail(Cohort, { id: participant.originalCohortId });
        await this.notifications.enqueue(manager, { ...portfolioIssued(member, cohort), dedupeKey: `portfolio-issued:${participant.id}` });
      }
      return { result: due.length, audit: { action: 'participant.issuePortfolios', targetType: 'participant', detail: { issued: due.map((p) => p.id), today } } };
    });
  }

  /** A participant marks a section complete or not, until they submit. */
  async setSectionComplete(viewer: Viewer, participantId: string, sectionKey: string, complete: boolean): Promise<PortfolioSection> {
    return this.uow.run(viewer, async (manager) => {
      const { participant, member } = await lockParticipant(manager, viewer, participantId, []);
      this.assertPortfolioOpen(participant);
      assertMembershipActiveForPortfolio(member, londonToday(this.clock));
      const section = await manager.findOneBy(PortfolioSection, { participantId, key: sectionKey });
      if (!section) throw notFound('Portfolio section');
      section.completedAt = complete ? this.clock.now() : null;
      await manager.save(section);
      return { result: section, audit: { action: 'portfolio.setSectionComplete', targetType: 'participant', targetId: participantId, detail: { sectionKey, complete } } };
    });
  }

  /** ATS-22: the participant records that their supporting statement has been obtained. */
  async recordSupportingStatement(viewer: Viewer, participantId: string): Promise<Participant> {
    return this.uow.run(viewer, async (manager) => {
      const { participant, member } = await lockParticipant(manager, viewer, participantId, []);
      this.assertPortfolioOpen(participant);
      assertMembershipActiveForPortfolio(member, londonToday(this.clock));
      participant.supportingStatementObtainedAt ??= this.clock.now();
      await manager.save(participant);
      return { result: participant, audit: { action: 'portfolio.recordSupportingStatement', targetType: 'participant', targetId: participantId } };
    });
  }

  /** ATS-22: the participant has shared their portfolio with SET on the ePortfolio platform. */
  async recordSharedWithSet(viewer: Viewer, participantId: string): Promise<Participant> {
    return this.uow.run(viewer, async (manager) => {
      const { participant, member } = await lockParticipant(manager, viewer, participantId, []);
      this.assertPortfolioOpen(participant);
      assertMembershipActiveForPortfolio(member, londonToday(this.clock));
      participant.sharedWithSetAt ??= this.clock.now();
      await manager.save(participant);
      return { result: participant, audit: { action: 'portfolio.recordShared', targetType: 'participant', targetId: participantId } };
    });
  }

  /** ATS-19: a report of a portfolio access problem; accepted at any time, marked late after 14 days from issue. */
  async reportAccessProblem(viewer: Viewer, participantId: string, description: string): Promise<PortfolioAccessReport> {
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const { participant, originalCohort } = await lockParticipant(manager, viewer, participantId, []);
      if (participant.status !== ParticipantStatus.PORTFOLIO_ISSUED) throw ruleViolation('ATS-19', 'Access problems can be reported once the portfolio has been issued and until submission');
      const report = manager.create(PortfolioAccessReport, {
        participantId,
        description: description.trim(),
        reportedAt: this.clock.now(),
        reportedOn: today,
        late: isAccessReportLate(originalCohort.portfolioIssueDate, today),
      });
      await manager.save(report);
      return { result: report, audit: { action: 'portfolio.reportAccessProblem', targetType: 'participant', targetId: participantId, detail: { late: report.late } } };
    });
  }

  async resolveAccessProblem(viewer: Viewer, reportId: string, resolution: string): Promise<PortfolioAccessReport> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const found = await manager.findOneBy(PortfolioAccessReport, { id: reportId });
      if (!found) throw notFound('Access report');
      // DEC-G1 before any lock: nobody resolves their own report.
      await lockParticipant(manager, viewer, found.participantId, PROGRAMME_STAFF_ROLES, { decision: true });
      const report = await manager.findOneOrFail(PortfolioAccessReport, { where: { id: reportId }, lock: { mode: 'pessimistic_write' } });
      if (report.resolvedAt) throw conflict('This access report is already resolved', 'ATS-19');
      report.resolvedAt = this.clock.now();
      report.resolution = resolution.trim();
      await manager.save(report);
      return { result: report, audit: { action: 'portfolio.resolveAccessProblem', targetType: 'participant', targetId: report.participantId } };
    });
  }

  /** ATS-13: a participant asks for a reasonable adjustment before their portfolio is issued. */
  async requestAdjustment(viewer: Viewer, participantId: string, details: string): Promise<ReasonableAdjustment> {
    return this.uow.run(viewer, async (manager) => {
      const { participant, member } = await lockParticipant(manager, viewer, participantId, []);
      assertMembershipActiveForPortfolio(member, londonToday(this.clock));
      if (participant.status !== ParticipantStatus.REGISTERED) throw ruleViolation('ATS-13', 'Reasonable adjustments are requested during registration, before the portfolio is issued');
      const adjustment = manager.create(ReasonableAdjustment, { participantId, details: details.trim(), requestedAt: this.clock.now(), status: AdjustmentStatus.REQUESTED });
      await manager.save(adjustment);
      return { result: adjustment, audit: { action: 'adjustment.request', targetType: 'participant', targetId: participantId } };
    });
  }

  /** ATS-13: staff record the agreed outcome (which may include an extension, ATS-25.1), or decline. */
  async decideAdjustment(viewer: Viewer, adjustmentId: string, agree: boolean, outcome: string, includesExtension: boolean): Promise<ReasonableAdjustment> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const found = await manager.findOneBy(ReasonableAdjustment, { id: adjustmentId });
      if (!found) throw notFound('Reasonable adjustment');
      // Participant first (ownership and DEC-G1 before any lock), then the adjustment: one lock order everywhere.
      const { member } = await lockParticipant(manager, viewer, found.participantId, PROGRAMME_STAFF_ROLES, { decision: true });
      const adjustment = await manager.findOneOrFail(ReasonableAdjustment, { where: { id: adjustmentId }, lock: { mode: 'pessimistic_write' } });
      if (adjustment.status !== AdjustmentStatus.REQUESTED) throw conflict(`This adjustment was already ${adjustment.status.toLowerCase()}`, 'ATS-13');
      adjustment.status = agree ? AdjustmentStatus.AGREED : AdjustmentStatus.DECLINED;
      adjustment.agreedOutcome = outcome.trim();
      adjustment.includesExtension = agree && includesExtension;
      adjustment.decidedAt = this.clock.now();
      adjustment.decidedBy = viewer.subject;
      await manager.save(adjustment);
      await this.notifications.enqueue(manager, adjustmentDecided(member, agree, adjustment.agreedOutcome));
      return { result: adjustment, audit: { action: 'adjustment.decide', targetType: 'participant', targetId: adjustment.participantId, detail: { agree, includesExtension: adjustment.includesExtension } } };
    });
  }

  /** ATS-22: what stands between the participant and submission, all at once (for front ends to show a checklist). */
  async readiness(viewer: Viewer, participantId: string): Promise<SubmissionReadiness> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(Participant, { id: participantId });
      requireOwnerOrStaff(viewer, found?.memberId, PARTICIPANT_READER_ROLES, 'Participant');
      const participant = found!;
      const member = await manager.findOneByOrFail(Member, { id: participant.memberId });
      const violations = await this.submissionViolations(manager, participant, member);
      return { ready: violations.length === 0, violations };
    });
  }

  /** ATS-21, ATS-22: submission until the deadline, and only when every condition holds. */
  async submit(viewer: Viewer, participantId: string): Promise<Participant> {
    return this.uow.run(viewer, async (manager) => {
      const { participant, member, cohort } = await lockParticipant(manager, viewer, participantId, []);
      if (participant.status === ParticipantStatus.SUBMITTED) throw conflict('This portfolio has already been submitted', 'ATS-21');
      if (participant.status === ParticipantStatus.REGISTERED) throw ruleViolation('ATS-19', 'The portfolio has not been issued yet');
      assertTransition(participant.status, ParticipantStatus.SUBMITTED);
      assertNotPastDeadline(participant.deadline, this.clock.now());
      assertNoViolations(await this.submissionViolations(manager, participant, member), 'The portfolio cannot be submitted yet');
      participant.status = ParticipantStatus.SUBMITTED;
      participant.submittedAt = this.clock.now();
      await manager.save(participant);
      await cancelPendingExtensions(manager, participant.id, 'Portfolio submitted before a decision', this.clock.now());
      await this.notifications.enqueue(manager, submitted(member, cohort));
      return { result: participant, audit: { action: 'participant.submit', targetType: 'participant', targetId: participantId, detail: { cohortId: cohort.id } } };
    });
  }

  /** ATS-22: the submission conditions, reused by a resubmission (ATS-31). */
  async submissionViolations(manager: EntityManager, participant: Participant, member: Member): Promise<Violation[]> {
    const sections = await manager.findBy(PortfolioSection, { participantId: participant.id });
    return this.violationsFrom(participant, member, sections, await this.ports.accounts.isPaidInFull(manager, participant.id));
  }

  /**
   * ATS-22 for a page of participants (Participant.submissionReadiness in a list): the same checklist as `readiness`,
   * in a constant number of statements (members, sections, balances), whatever the page size. Each is checked for the
   * viewer first, as `readiness` does.
   */
  async readinessMany(viewer: Viewer, participants: readonly Participant[]): Promise<Map<string, SubmissionReadiness>> {
    for (const p of participants) requireOwnerOrStaff(viewer, p.memberId, PARTICIPANT_READER_ROLES, 'Participant');
    const ids = participants.map((p) => p.id);
    const manager = this.dataSource.manager;
    const [members, sections, paid] = await Promise.all([
      manager.findBy(Member, { id: In([...new Set(participants.map((p) => p.memberId))]) }),
      ids.length ? manager.findBy(PortfolioSection, { participantId: In(ids) }) : Promise.resolve([] as PortfolioSection[]),
      this.ports.accounts.paidInFullAmong(manager, ids),
    ]);
    const memberById = new Map(members.map((m) => [m.id, m]));
    const result = new Map<string, SubmissionReadiness>();
    for (const p of participants) {
      const violations = this.violationsFrom(p, memberById.get(p.memberId)!, sections.filter((s) => s.participantId === p.id), paid.has(p.id));
      result.set(p.id, { ready: violations.length === 0, violations });
    }
    return result;
  }

  private violationsFrom(participant: Participant, member: Member, sections: PortfolioSection[], paidInFull: boolean): Violation[] {
    return submissionViolations({
      allSectionsComplete: sections.length > 0 && sections.every((s) => s.completedAt !== null),
      supportingStatementObtained: participant.supportingStatementObtainedAt !== null,
      paidInFull,
      sharedWithSet: participant.sharedWithSetAt !== null,
      activeMember: isCurrentMember(member, londonToday(this.clock)),
    });
  }

  private assertPortfolioOpen(participant: Participant): void {
    if (participant.status !== ParticipantStatus.PORTFOLIO_ISSUED) {
      if (participant.status === ParticipantStatus.REGISTERED) throw ruleViolation('ATS-19', 'The portfolio has not been issued yet');
      throw conflict(`The portfolio can no longer change (${participant.status})`, participant.status === ParticipantStatus.SUBMITTED ? 'ATS-21' : 'ATS-44');
    }
  }

  async byIds(ids: readonly string[]): Promise<Map<string, Participant>> {
    const rows = await this.dataSource.getRepository(Participant).findBy({ id: In([...ids]) });
    return new Map(rows.map((p) => [p.id, p]));
  }
}

