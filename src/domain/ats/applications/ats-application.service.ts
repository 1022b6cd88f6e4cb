import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../../audit/audit.service';
import { Member } from '../../membership/member.entity';
import type { NotificationService } from '../../notifications/notification.service';
import type { Clock } from '../../shared/clock';
import { isAfter, londonDateOf, londonToday, type LocalDate } from '../../shared/dates';
import { assertNoViolations, badInput, notFound } from '../../shared/errors';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../../shared/pagination';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { requireMemberId, requireNotOwnCase, requireOwnerOrStaff, requireRole, Role, type Viewer } from '../../shared/viewer';
import type { ApplicationTemplateService } from './application-template.service';
import { AtsApplicationOutcome, AtsApplicationStatus } from './application.enums';
import { AtsApplication } from './ats-application.entity';
import {
  applicationUsableForWindowsOpeningBy,
  assertActiveApplicant,
  assertCurrentTemplate,
  assertDecisionReasons,
  assertNoFreshApplicationAfterRefusalThisRound,
  assertNoUndecidedApplication,
  assertNoUsableApplication,
  assertUndecided,
  assertUsableForRegistration,
  assertWithinApplicationWindow,
  decisionDueOn,
  missingListViolations,
  reliedOnQualificationViolations,
  resubmissionViolations,
} from './ats-application.rules';
import type { QualificationService } from './qualification.service';

/** Staff roles who read ATS applications (PROFESSIONAL_STATUS_TEAM read-only). */
export const APPLICATION_READER_ROLES = [Role.MEMBERSHIP_TEAM, Role.ADMIN, Role.PROFESSIONAL_STATUS_TEAM];
/** Staff who decide ATS applications (ATS-7, ATS-8); the same as the operation's `@Allow`. */
export const APPLICATION_DECIDER_ROLES = [Role.MEMBERSHIP_TEAM];

export interface SubmitAtsApplicationInput {
  /** ATS-6: the template version the form was completed on; must be the current one. */
  templateVersionId: string;
  /** ATS-4: restarts apply too. */
  isRestart: boolean;
  eligibilityStatement: string;
  /** ATS-2: the member's recorded qualifications relied on (ITT, English and maths). */
  qualificationIds: string[];
}

export interface AtsApplicationFilter {
  status?: AtsApplicationStatus;
  /** true: only undecided applications past their due date (ATS-7, ATS-8); false: none of those. */
  overdue?: boolean;
  memberId?: string;
}

/** ATS-4..8, ATS-11: applications to undertake ATS, their decisions, and their use for a registration. */
export class AtsApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly templates: ApplicationTemplateService,
    private readonly qualifications: QualificationService,
  ) {}

  /** ATS-4, ATS-5, ATS-6, ATS-2: a member applies for themselves, on the current template, inside the window. */
  async submit(viewer: Viewer, input: SubmitAtsApplicationInput): Promise<AtsApplication> {
    return this.create(viewer, input, null);
  }

  /** ATS-7: the one final resubmission of an unsuccessful application; it links to the application it follows. */
  async resubmit(viewer: Viewer, previousApplicationId: string, input: SubmitAtsApplicationInput): Promise<AtsApplication> {
    return this.create(viewer, input, previousApplicationId);
  }

  /** ATS-7, ATS-8: staff decide, with reasons; the applicant is emailed in the same transaction. */
  async decide(viewer: Viewer, id: string, outcome: AtsApplicationOutcome, reasons: string): Promise<AtsApplication> {
    requireRole(viewer, APPLICATION_DECIDER_ROLES);
    const why = assertDecisionReasons(reasons);
    return this.uow.run(viewer, async (manager) => {
      // DEC-G1 before the lock: nobody decides their own application.
      const found = await manager.findOne(AtsApplication, { where: { id }, select: { id: true, memberId: true } });
      if (!found) throw notFound('ATS application');
      requireNotOwnCase(viewer, found.memberId);
      // The row lock makes concurrent decisions queue; the second then sees a decided application and gets CONFLICT.
      const application = await this.lock(manager, id);
      assertUndecided(application);
      application.status = outcome === AtsApplicationOutcome.SUCCESSFUL ? AtsApplicationStatus.SUCCESSFUL : AtsApplicationStatus.UNSUCCESSFUL;
      application.decidedAt = this.clock.now();
      application.decidedBy = viewer.subject;
      application.decisionReasons = why;
      await manager.save(application);
      await this.notifyDecision(manager, application);
      return {
        result: application,
        audit: { action: 'atsApplication.decide', targetType: 'ats_application', targetId: id, detail: { outcome, overdue: application.decisionDueOn < londonToday(this.clock) } },
      };
    });
  }

  /** The signed-in member's own applications, newest first (ATS-57). */
  async mine(viewer: Viewer): Promise<AtsApplication[]> {
    const memberId = requireMemberId(viewer);
    return this.dataSource.getRepository(AtsApplication).find({ where: { memberId }, order: { submittedAt: 'DESC', id: 'DESC' } });
  }

  /** One application; a member may read only their own, and staff reads are audited (ATS-57). */
  async get(viewer: Viewer, id: string): Promise<AtsApplication> {
    const application = await this.dataSource.getRepository(AtsApplication).findOneBy({ id });
    if (requireOwnerOrStaff(viewer, application?.memberId, APPLICATION_READER_ROLES, 'ATS application')) {
      await this.audit.recordRead(viewer, { action: 'atsApplication.read', targetType: 'ats_application', targetId: id });
    }
    return application!;
  }

  /** Staff list, oldest first (so the overdue ones lead), with keyset pagination. Audited (ATS-57). */
  async list(viewer: Viewer, filter: AtsApplicationFilter, request: PageRequest = {}): Promise<Page<AtsApplication>> {
    requireRole(viewer, APPLICATION_READER_ROLES, 'ATS-57');
    const size = pageSize(request);
    const today = londonToday(this.clock);
    const qb = this.dataSource.getRepository(AtsApplication).createQueryBuilder('a');
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.memberId) qb.andWhere('a.member_id = :memberId', { memberId: filter.memberId });
    // ATS-7, ATS-8: overdue = undecided and the due date (London) has passed; same test as isDecisionOverdue.
    if (filter.overdue === true) qb.andWhere(`a.status = 'SUBMITTED' AND a.decision_due_on < :today`, { today });
    if (filter.overdue === false) qb.andWhere(`NOT (a.status = 'SUBMITTED' AND a.decision_due_on < :today)`, { today });
    const page = await pageByInstant(qb, 'a.submitted_at', 'ASC', (r) => r.submittedAt, sized(request, size));
    await this.audit.recordRead(viewer, {
      action: 'atsApplication.list',
      targetType: 'ats_application',
      detail: { returned: page.items.map((r) => r.id), filter: Object.keys(filter).filter((k) => (filter as Record<string, unknown>)[k] !== undefined) },
    });
    return page;
  }

  // ---- ATS-11: the interface the registration step calls, inside its own transaction ---------------------------

  /**
   * ATS-11: the member's successful application not yet used for a registration, or null, with its decision date:
   * DEC-A3 lets it be used only for windows opening by `usableForWindowsOpeningBy` (12 months after the decision).
   */
  async findUsableApplication(manager: EntityManager, memberId: string): Promise<{ id: string; isRestart: boolean; decidedOn: LocalDate; usableForWindowsOpeningBy: LocalDate } | null> {
    const found = await manager.findOne(AtsApplication, {
      where: { memberId, status: AtsApplicationStatus.SUCCESSFUL, usedByParticipantId: IsNull() },
      order: { decidedAt: 'DESC', id: 'DESC' },
    });
    if (!found) return null;
    const decidedOn = londonDateOf(found.decidedAt ?? found.submittedAt);
    return { id: found.id, isRestart: found.isRestart, decidedOn, usableForWindowsOpeningBy: applicationUsableForWindowsOpeningBy(decidedOn) };
  }

  /** ATS-11: marks it used by a participant, under a row lock; throws ruleViolation('ATS-11', ...) if it is not successful or already used. */
  async markUsedForRegistration(manager: EntityManager, applicationId: string, participantId: string): Promise<void> {
    const application = await this.lock(manager, applicationId);
    assertUsableForRegistration(application);
    application.usedByParticipantId = participantId;
    application.usedForRegistrationAt = this.clock.now();
    await manager.save(application);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private async create(viewer: Viewer, input: SubmitAtsApplicationInput, previousId: string | null): Promise<AtsApplication> {
    const memberId = requireMemberId(viewer);
    const today = londonToday(this.clock);
    assertWithinApplicationWindow(today); // ATS-5
    const qualificationIds = [...new Set(input.qualificationIds)];
    const statement = input.eligibilityStatement.trim();
    if (statement.length < 20) throw badInput('eligibilityStatement', 'Give a short statement of eligibility (at least 20 characters)');
    return this.uow.run(viewer, async (manager) => {
      // One submission at a time per member: the member row is the lock (a unique index backs this up).
      const member = await manager.findOne(Member, { where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw notFound('Member');
      assertActiveApplicant(member, today); // DEC-A2
      assertCurrentTemplate(input.templateVersionId, await this.templates.current(manager)); // ATS-6
      assertNoUndecidedApplication(await manager.findOneBy(AtsApplication, { memberId, status: AtsApplicationStatus.SUBMITTED }));
      if (!previousId) {
        const latest = await manager.findOne(AtsApplication, { where: { memberId }, order: { submittedAt: 'DESC' } });
        assertNoFreshApplicationAfterRefusalThisRound(latest, today); // ATS-7
      }
      if (previousId) {
        // ATS-57: ownership on an unlocked read first, so nobody locks another member's row; someone else's
        // application and a missing one get the same answer.
        const owner = await manager.findOne(AtsApplication, { where: { id: previousId }, select: { id: true, memberId: true } });
        requireOwnerOrStaff(viewer, owner?.memberId, [], 'ATS application');
        const previous = await this.lock(manager, previousId);
        const alreadyResubmitted = await manager.existsBy(AtsApplication, { resubmissionOfId: previous.id });
        assertNoViolations(resubmissionViolations(previous, alreadyResubmitted), 'This application cannot be resubmitted'); // ATS-7
      }
      // ATS-11 with DEC-A3: a successful, unused application blocks a new one only while it can still be used.
      const usable = await manager.findOneBy(AtsApplication, { memberId, status: AtsApplicationStatus.SUCCESSFUL, usedByParticipantId: IsNull() });
      assertNoUsableApplication(usable && !isAfter(today, applicationUsableForWindowsOpeningBy(londonDateOf(usable.decidedAt ?? usable.submittedAt))) ? usable : null);
      // ATS-2: every relied-on qualification is the member's own, on an active approved list, and ITT, English and maths are all covered.
      const facts = await this.qualifications.factsFor(manager, memberId, qualificationIds);
      const unknown = qualificationIds.filter((id) => !facts.some((f) => f.id === id));
      if (unknown.length) throw badInput('qualificationIds', `Not one of your recorded qualifications: ${unknown.join(', ')}`);
      assertNoViolations([...reliedOnQualificationViolations(facts), ...missingListViolations(facts)], 'The qualifications relied on do not meet the eligibility criteria');

      const [{ n }] = await manager.query(`SELECT nextval('ats_application_ref_seq')::text AS n`);
      const application = manager.create(AtsApplication, {
        reference: `ATS-${String(n).padStart(6, '0')}`,
        memberId,
        templateVersionId: input.templateVersionId,
        isRestart: input.isRestart,
        eligibilityStatement: statement,
        qualificationIds,
        status: AtsApplicationStatus.SUBMITTED,
        submittedAt: this.clock.now(),
        submittedOn: today,
        decisionDueOn: decisionDueOn(today),
        decidedAt: null,
        decidedBy: null,
        decisionReasons: null,
        resubmissionOfId: previousId,
        usedByParticipantId: null,
        usedForRegistrationAt: null,
      });
      await manager.save(application);
      await this.notifications.enqueue(manager, {
        recipientMemberId: memberId,
        toAddress: member.email,
        template: 'ATS_APPLICATION_RECEIVED',
        subject: `We have received your ATS application ${application.reference}`,
        body:
          `Dear ${member.givenName},\n\nThank you for your ${previousId ? 'resubmitted ' : ''}application to undertake professional development leading to Advanced Teacher Status. ` +
          `Your reference is ${application.reference}. We will tell you our decision by email by ${application.decisionDueOn}.`,
        rule: 'ATS-7',
      });
      return {
        result: application,
        audit: {
          action: previousId ? 'atsApplication.resubmit' : 'atsApplication.submit',
          targetType: 'ats_application',
          targetId: application.id,
          detail: { isRestart: application.isRestart, resubmissionOfId: previousId, templateVersionId: application.templateVersionId },
        },
      };
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<AtsApplication> {
    const application = await manager.findOne(AtsApplication, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw notFound('ATS application');
    return application;
  }

  /** ATS-7, ATS-8: every decision is emailed; successful applicants are told they will be invited to register. */
  private async notifyDecision(manager: EntityManager, a: AtsApplication): Promise<void> {
    const member = await manager.findOneBy(Member, { id: a.memberId });
    if (!member) throw notFound('Member');
    const successful = a.status === AtsApplicationStatus.SUCCESSFUL;
    const finalAttempt = a.resubmissionOfId !== null;
    await this.notifications.enqueue(manager, {
      recipientMemberId: member.id,
      toAddress: member.email,
      template: successful ? 'ATS_APPLICATION_SUCCESSFUL' : 'ATS_APPLICATION_UNSUCCESSFUL',
      subject: `Decision on your ATS application ${a.reference}`,
      body: successful
        ? `Dear ${member.givenName},\n\nYour application ${a.reference} to undertake professional development leading to Advanced Teacher Status was successful. ` +
          `You will be invited to register when the next registration window opens.\n\n${a.decisionReasons}`
        : `Dear ${member.givenName},\n\nWe are unable to accept your application ${a.reference}. Reasons: ${a.decisionReasons}\n\n` +
          (finalAttempt
            ? 'This was your final resubmission, so this decision is final.'
            : 'You have one final opportunity to resubmit your application.'),
      rule: successful ? 'ATS-8' : 'ATS-7',
    });
  }
}
