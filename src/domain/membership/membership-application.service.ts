import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { addYears, londonToday } from '../shared/dates';
import { assertNoViolations, conflict, notFound, ruleViolation } from '../shared/errors';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import type { Viewer } from '../shared/viewer';
import { CodeAcceptance } from './code-acceptance.entity';
import type { CodeOfPracticeService } from './code-of-practice.service';
import { Member } from './member.entity';
import { nextMembershipNumber } from './member.service';
import { CodeAcceptanceContext, type MemberGrade, MembershipApplicationStatus, MemberStatus, type Sector, SuitabilityReviewStatus } from './membership.enums';
import { MembershipApplication } from './membership-application.entity';
import { assertAcceptsCurrentCode, assertReasonsGiven, panelViolations, reviewPanelViolations } from './membership.rules';

export interface SubmitMembershipApplicationInput {
  givenName: string;
  familyName: string;
  email: string;
  requestedGrade: MemberGrade;
  sector: Sector;
  employerName?: string | null;
  employerContactEmail?: string | null;
  employerVerificationConsent: boolean;
  acceptedCodeVersionId: string;
  hasUnspentConvictions: boolean;
  subjectOfProfessionalMisconductFinding: boolean;
  barredFromTeachingOrWorkingWithChildren: boolean;
  declarationDetails?: string | null;
}

export enum SuitabilityOutcome {
  APPROVE = 'APPROVE',
  REFUSE = 'REFUSE',
}

export enum ReviewOutcome {
  UPHOLD = 'UPHOLD',
  OVERTURN = 'OVERTURN',
}

export interface MembershipApplicationFilter {
  status?: MembershipApplicationStatus;
  reviewStatus?: SuitabilityReviewStatus;
}

/** COP-2..4: applications to join, decided for suitability by a panel of members, with a review on request. */
export class MembershipApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly codes: CodeOfPracticeService,
  ) {}

  async submit(viewer: Viewer, input: SubmitMembershipApplicationInput): Promise<MembershipApplication> {
    return this.uow.run(viewer, async (manager) => {
      // COP-1: joining requires accepting the Code in effect today.
      assertAcceptsCurrentCode(input.acceptedCodeVersionId, await this.codes.current(manager));
      const email = input.email.toLowerCase();
      // ATS-57: this operation is public, so its answer must not reveal whether an address belongs to a member or to
      // a pending applicant. Such applications are taken like any other; the address's owner is told by email and
      // the panel sees the match (approval of a duplicate address is refused).
      const existingMember = await manager.existsBy(Member, { email });
      const [{ n }] = await manager.query(`SELECT nextval('membership_application_ref_seq')::text AS n`);
      const { acceptedCodeVersionId, ...rest } = input;
      const application = manager.create(MembershipApplication, {
        ...rest,
        email,
        codeVersionId: acceptedCodeVersionId,
        declarationDetails: input.declarationDetails ?? null,
        employerName: input.employerName ?? null,
        employerContactEmail: input.employerContactEmail ?? null,
        reference: `MA-${String(n).padStart(6, '0')}`,
        submittedAt: this.clock.now(),
        status: MembershipApplicationStatus.SUBMITTED,
      });
      await manager.save(application);
      if (existingMember) {
        await this.notifications.enqueue(manager, {
          toAddress: email,
          template: 'MEMBERSHIP_APPLICATION_FOR_EXISTING_MEMBER',
          subject: `An application to join SET was made with your email address (${application.reference})`,
          body: `An application to join SET was made using this email address, which already belongs to a member. If it was not you, please tell the membership team.`,
          rule: 'COP-2',
        });
      } else await this.notifications.enqueue(manager, {
        toAddress: email,
        template: 'MEMBERSHIP_APPLICATION_RECEIVED',
        subject: `We have received your SET membership application ${application.reference}`,
        body: `Dear ${input.givenName},\n\nThank you for applying to join SET. Your reference is ${application.reference}. A panel will review your application for suitability against the Code of Practice.`,
        rule: 'COP-2',
      });
      return { result: application, audit: { action: 'membershipApplication.submit', targetType: 'membership_application', targetId: application.id } };
    });
  }

  async get(viewer: Viewer, id: string): Promise<MembershipApplication> {
    const application = await this.dataSource.getRepository(MembershipApplication).findOneBy({ id });
    if (!application) throw notFound('Membership application');
    await this.audit.recordRead(viewer, { action: 'membershipApplication.read', targetType: 'membership_application', targetId: id });
    return application;
  }

  async list(viewer: Viewer, filter: MembershipApplicationFilter, request: PageRequest = {}): Promise<Page<MembershipApplication>> {
    const size = pageSize(request);
    const qb = this.dataSource.getRepository(MembershipApplication).createQueryBuilder('a');
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.reviewStatus) qb.andWhere('a.review_status = :rs', { rs: filter.reviewStatus });
    const page = await pageByInstant(qb, 'a.submitted_at', 'ASC', (r) => r.submittedAt, sized(request, size));
    await this.audit.recordRead(viewer, { action: 'membershipApplication.list', targetType: 'membership_application', detail: { returned: page.items.map((r) => r.id) } });
    return page;
  }

  /** COP-2 and COP-4: a decision with reasons, by a panel that includes members. Approval creates the membership. */
  async decide(viewer: Viewer, id: string, outcome: SuitabilityOutcome, reasons: string, panelMemberIds: string[]): Promise<MembershipApplication> {
    const why = assertReasonsGiven(reasons, 'COP-2');
    return this.uow.run(viewer, async (manager) => {
      const application = await this.lock(manager, id);
      if (application.status !== MembershipApplicationStatus.SUBMITTED) {
        throw conflict(`This application was already decided (${application.status})`, 'COP-2');
      }
      await this.assertPanel(manager, panelMemberIds);
      application.status = outcome === SuitabilityOutcome.APPROVE ? MembershipApplicationStatus.APPROVED : MembershipApplicationStatus.REFUSED;
      application.decidedAt = this.clock.now();
      application.decidedBy = viewer.subject;
      application.decisionReasons = why;
      application.panelMemberIds = [...new Set(panelMemberIds)];
      if (outcome === SuitabilityOutcome.APPROVE) application.memberId = (await this.admit(manager, application)).id;
      await manager.save(application);
      await this.notifyDecision(manager, application, outcome === SuitabilityOutcome.APPROVE, why, false);
      return { result: application, audit: { action: 'membershipApplication.decide', targetType: 'membership_application', targetId: id, detail: { outcome, panel: application.panelMemberIds } } };
    });
  }

  /** COP-3: an applicant who was refused may ask, once, for the decision to be reviewed. Staff record the request. */
  async requestReview(viewer: Viewer, id: string, grounds: string): Promise<MembershipApplication> {
    return this.uow.run(viewer, async (manager) => {
      const application = await this.lock(manager, id);
      if (application.status !== MembershipApplicationStatus.REFUSED) throw ruleViolation('COP-3', 'Only a refusal can be reviewed');
      if (application.reviewStatus !== SuitabilityReviewStatus.NOT_REQUESTED) throw conflict('A review of this decision has already been requested', 'COP-3');
      application.reviewStatus = SuitabilityReviewStatus.REQUESTED;
      application.reviewRequestedAt = this.clock.now();
      application.reviewGrounds = grounds.trim();
      await manager.save(application);
      return { result: application, audit: { action: 'membershipApplication.requestReview', targetType: 'membership_application', targetId: id } };
    });
  }

  /** COP-3: a fresh panel upholds or overturns the refusal, with reasons; overturning admits the applicant. */
  async decideReview(viewer: Viewer, id: string, outcome: ReviewOutcome, reasons: string, panelMemberIds: string[]): Promise<MembershipApplication> {
    const why = assertReasonsGiven(reasons, 'COP-3');
    return this.uow.run(viewer, async (manager) => {
      const application = await this.lock(manager, id);
      if (application.reviewStatus !== SuitabilityReviewStatus.REQUESTED) throw conflict('There is no open review request for this application', 'COP-3');
      assertNoViolations(reviewPanelViolations(application.panelMemberIds, panelMemberIds), 'The review panel is not independent');
      await this.assertPanel(manager, panelMemberIds);
      application.reviewStatus = outcome === ReviewOutcome.OVERTURN ? SuitabilityReviewStatus.OVERTURNED : SuitabilityReviewStatus.UPHELD;
      application.reviewDecidedAt = this.clock.now();
      application.reviewDecidedBy = viewer.subject;
      application.reviewReasons = why;
      application.reviewPanelMemberIds = [...new Set(panelMemberIds)];
      if (outcome === ReviewOutcome.OVERTURN) {
        application.status = MembershipApplicationStatus.APPROVED;
        application.memberId = (await this.admit(manager, application)).id;
      }
      await manager.save(application);
      await this.notifyDecision(manager, application, outcome === ReviewOutcome.OVERTURN, why, true);
      return { result: application, audit: { action: 'membershipApplication.decideReview', targetType: 'membership_application', targetId: id, detail: { outcome } } };
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<MembershipApplication> {
    const application = await manager.findOne(MembershipApplication, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw notFound('Membership application');
    return application;
  }

  private async assertPanel(manager: EntityManager, panelMemberIds: string[]): Promise<void> {
    const ids = [...new Set(panelMemberIds)];
    const panel = ids.length ? await manager.findBy(Member, { id: In(ids) }) : [];
    assertNoViolations(panelViolations(ids, panel, londonToday(this.clock)), 'The decision panel is not valid');
  }

  /** Joining: the membership starts today, runs a year (DEC-M1), and records the Code version accepted (COP-1). */
  private async admit(manager: EntityManager, application: MembershipApplication): Promise<Member> {
    if (await manager.existsBy(Member, { email: application.email })) throw conflict('A member with this email address already exists');
    const today = londonToday(this.clock);
    const now = this.clock.now();
    const member = manager.create(Member, {
      membershipNumber: await nextMembershipNumber(manager),
      givenName: application.givenName,
      familyName: application.familyName,
      email: application.email,
      grade: application.requestedGrade,
      status: MemberStatus.ACTIVE,
      joinedOn: today,
      renewalDate: addYears(today, 1),
      sector: application.sector,
      employerName: application.employerName,
      employerContactEmail: application.employerContactEmail,
      employerVerificationConsent: application.employerVerificationConsent,
      acceptedCodeVersionId: application.codeVersionId,
      createdAt: now,
      updatedAt: now,
    });
    await manager.save(member);
    await manager.insert(CodeAcceptance, { memberId: member.id, codeVersionId: application.codeVersionId, context: CodeAcceptanceContext.JOIN, acceptedAt: application.submittedAt });
    return member;
  }

  private async notifyDecision(manager: EntityManager, a: MembershipApplication, admitted: boolean, reasons: string, onReview: boolean): Promise<void> {
    const what = onReview ? 'the review of your SET membership application' : 'your SET membership application';
    await this.notifications.enqueue(manager, {
      recipientMemberId: a.memberId,
      toAddress: a.email,
      template: onReview ? 'MEMBERSHIP_APPLICATION_REVIEW_DECIDED' : 'MEMBERSHIP_APPLICATION_DECIDED',
      subject: `Decision on ${what} ${a.reference}`,
      body: admitted
        ? `Dear ${a.givenName},\n\nWelcome to SET. We have approved ${what}. Reasons: ${reasons}`
        : `Dear ${a.givenName},\n\nWe are unable to approve ${what}. Reasons: ${reasons}` +
          (onReview ? '\n\nThis review decision is final.' : '\n\nYou may ask for this decision to be reviewed.'),
      rule: onReview ? 'COP-3' : 'COP-2',
    });
  }
}
