import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { addYears, londonToday } from '../shared/dates';
import { assertNoViolations, conflict, notFound, ruleViolation } from '../shared/errors';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import { hasAnyRole, Role, requireNotOwnCase, requireRole, type Viewer } from '../shared/viewer';
import { CodeAcceptance } from './code-acceptance.entity';
import type { CodeOfPracticeService } from './code-of-practice.service';
import { Member } from './member.entity';
import { nextMembershipNumber } from './member.service';
import { CodeAcceptanceContext, type MemberGrade, MembershipApplicationStatus, MemberStatus, type Sector, SuitabilityReviewStatus } from './membership.enums';
import { MembershipApplication } from './membership-application.entity';
import {
  confirmApplication,
  DEFAULT_JOIN_CONFIRMATION,
  deleteExpiredUnconfirmed,
  issueConfirmation,
  sendConfirmationRequest,
  type JoinConfirmationSettings,
} from './join-confirmation';
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

/** Staff who run suitability decisions and reviews (COP-2..4); the same as the operations' `@Allow`. */
export const MEMBERSHIP_APPLICATION_STAFF = [Role.MEMBERSHIP_TEAM, Role.ADMIN];

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
    private readonly joinConfirmation: JoinConfirmationSettings = DEFAULT_JOIN_CONFIRMATION,
  ) {}

  async submit(viewer: Viewer, input: SubmitMembershipApplicationInput): Promise<MembershipApplication> {
    return this.uow.run(viewer, async (manager) => {
      // COP-1: joining requires accepting the Code in effect today.
      assertAcceptsCurrentCode(input.acceptedCodeVersionId, await this.codes.current(manager));
      const email = input.email.toLowerCase();
      // ATS-57: this operation is public, so its answer must not reveal whether an address belongs to a member or to
      // a pending applicant. Every application, whoever's address it names, first gets the same fixed confirmation
      // message (issue 7); the panel sees a match with a member's address (DEC-J1), whose owner is told on confirmation.
      const existingMemberId = await this.memberIdUsingEmail(manager, email); // DEC-J1
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
        matchedMemberId: existingMemberId,
      });
      const token = issueConfirmation(application, this.clock.now(), this.joinConfirmation);
      await manager.save(application);
      await sendConfirmationRequest(manager, this.notifications, email, token, this.joinConfirmation);
      return { result: application, audit: { action: 'membershipApplication.submit', targetType: 'membership_application', targetId: application.id } };
    });
  }

  /** Issue 7: the applicant confirms their address with the emailed token; only then does the panel see the application. */
  async confirm(viewer: Viewer, token: string): Promise<MembershipApplication> {
    return confirmApplication(this.uow, this.clock, viewer, token, (manager, application) => this.noticesOnConfirmation(manager, application));
  }

  /** The sweep: unconfirmed applications past their expiry are deleted (issue 7). */
  async expireUnconfirmed(): Promise<number> {
    return deleteExpiredUnconfirmed(this.dataSource, this.clock);
  }

  /** COP-2, once the address is confirmed: its owner is told the application was received, or that it names a member's address. */
  private async noticesOnConfirmation(manager: EntityManager, application: MembershipApplication): Promise<void> {
    const email = application.email;
    // DEC-J1: the address's owner is told in their own notifications; the application is closed neutrally by staff.
    if (application.matchedMemberId) {
      await this.noticeToAddressOwner(manager, application.matchedMemberId, application.reference);
    } else await this.notifications.enqueue(manager, {
      toAddress: email,
      template: 'MEMBERSHIP_APPLICATION_RECEIVED',
      subject: `We have received your SET membership application ${application.reference}`,
      body: `Dear ${application.givenName},\n\nThank you for applying to join SET. Your reference is ${application.reference}. A panel will review your application for suitability against the Code of Practice.`,
      rule: 'COP-2',
    });
  }

  async get(viewer: Viewer, id: string): Promise<MembershipApplication> {
    requireRole(viewer, MEMBERSHIP_APPLICATION_STAFF);
    const application = await this.dataSource.getRepository(MembershipApplication).findOneBy({ id });
    // Issue 7: an application whose address is not confirmed is not considered, so staff do not see it either.
    if (!application || !application.confirmedAt) throw notFound('Membership application');
    await this.audit.recordRead(viewer, { action: 'membershipApplication.read', targetType: 'membership_application', targetId: id });
    return application;
  }

  async list(viewer: Viewer, filter: MembershipApplicationFilter, request: PageRequest = {}): Promise<Page<MembershipApplication>> {
    requireRole(viewer, MEMBERSHIP_APPLICATION_STAFF);
    const size = pageSize(request);
    const qb = this.dataSource.getRepository(MembershipApplication).createQueryBuilder('a').where('a.confirmed_at IS NOT NULL');
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.reviewStatus) qb.andWhere('a.review_status = :rs', { rs: filter.reviewStatus });
    const page = await pageByInstant(qb, 'a.submitted_at', 'ASC', (r) => r.submittedAt, sized(request, size));
    await this.audit.recordRead(viewer, { action: 'membershipApplication.list', targetType: 'membership_application', detail: { returned: page.items.map((r) => r.id) } });
    return page;
  }

  /** COP-2 and COP-4: a decision with reasons, by a panel that includes members. Approval creates the membership. */
  async decide(viewer: Viewer, id: string, outcome: SuitabilityOutcome, reasons: string, panelMemberIds: string[]): Promise<MembershipApplication> {
    requireRole(viewer, MEMBERSHIP_APPLICATION_STAFF);
    const why = assertReasonsGiven(reasons, 'COP-2');
    return this.uow.run(viewer, async (manager) => {
      await this.assertNotOwnApplication(manager, viewer, id, panelMemberIds);
      const application = await this.lock(manager, id);
      if (application.status !== MembershipApplicationStatus.SUBMITTED) {
        throw conflict(`This application was already decided (${application.status})`, 'COP-2');
      }
      if (application.matchedMemberId) {
        throw ruleViolation('DEC-J1', 'This application gives the email address of an existing member: close it with closeMembershipApplication instead of deciding it');
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
    requireRole(viewer, MEMBERSHIP_APPLICATION_STAFF);
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
    requireRole(viewer, MEMBERSHIP_APPLICATION_STAFF);
    const why = assertReasonsGiven(reasons, 'COP-3');
    return this.uow.run(viewer, async (manager) => {
      await this.assertNotOwnApplication(manager, viewer, id, panelMemberIds);
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

  // ---- DEC-J1: applications that give an existing member's email ---------------------------------------------

  /**
   * DEC-J1: staff close an application that gives an existing member's email, with a neutral status (CLOSED) and a
   * neutral email to the address that offers no review. Nothing else changes; the member was told at submission.
   */
  async closeForExistingMemberEmail(viewer: Viewer, id: string): Promise<MembershipApplication> {
    requireRole(viewer, MEMBERSHIP_APPLICATION_STAFF);
    return this.uow.run(viewer, async (manager) => {
      await this.assertNotOwnApplication(manager, viewer, id, []);
      const application = await this.lock(manager, id);
      if (!application.matchedMemberId) throw ruleViolation('DEC-J1', 'Only an application that gives an existing member’s email is closed this way; decide this one on its suitability');
      if (application.status !== MembershipApplicationStatus.SUBMITTED) throw conflict(`This application is already ${application.status.toLowerCase()}`, 'DEC-J1');
      application.status = MembershipApplicationStatus.CLOSED;
      application.decidedAt = this.clock.now();
      application.decidedBy = viewer.subject;
      await manager.save(application);
      await this.notifications.enqueue(manager, {
        toAddress: application.email,
        template: 'MEMBERSHIP_APPLICATION_CLOSED',
        subject: `Your SET membership application ${application.reference}`,
        body: `Your application ${application.reference} to join SET has been closed. If you have any questions, please contact the membership team.`,
        rule: 'DEC-J1',
      });
      return { result: application, audit: { action: 'membershipApplication.closeForExistingMemberEmail', targetType: 'membership_application', targetId: id } };
    });
  }

  /** DEC-J1: the staff-only view of whether the application gives an existing member's email (null for anyone else). */
  emailMatchesMember(viewer: Viewer, application: MembershipApplication): boolean | null {
    return hasAnyRole(viewer, MEMBERSHIP_APPLICATION_STAFF) ? application.matchedMemberId !== null : null;
  }

  /** DEC-J1: the member who already uses this email, if any. */
  private async memberIdUsingEmail(manager: EntityManager, email: string): Promise<string | null> {
    const found = await manager.findOne(Member, { where: { email }, select: { id: true } });
    return found?.id ?? null;
  }

  /** DEC-J1: the address's owner is told in their own notifications (attached to the member, so `myNotifications` shows it). */
  private async noticeToAddressOwner(manager: EntityManager, memberId: string, reference: string): Promise<void> {
    const member = await manager.findOneByOrFail(Member, { id: memberId });
    await this.notifications.enqueue(manager, {
      recipientMemberId: member.id,
      toAddress: member.email,
      template: 'MEMBERSHIP_APPLICATION_FOR_EXISTING_MEMBER',
      subject: `An application to join SET was made with your email address (${reference})`,
      body: `Dear ${member.givenName},\n\nAn application to join SET (${reference}) was made using your email address. If it was not you, please tell the membership team.`,
      rule: 'DEC-J1',
    });
  }

  /**
   * DEC-G1, checked before the row lock: nobody decides or reviews an application that is about themselves (the
   * member its email belongs to), nor sits on its panel.
   */
  private async assertNotOwnApplication(manager: EntityManager, viewer: Viewer, id: string, panelMemberIds: string[]): Promise<void> {
    const found = await manager.findOne(MembershipApplication, { where: { id }, select: { id: true, matchedMemberId: true, memberId: true } });
    if (!found) throw notFound('Membership application');
    for (const subject of [found.matchedMemberId, found.memberId]) {
      if (!subject) continue;
      requireNotOwnCase(viewer, subject);
      if (panelMemberIds.includes(subject)) throw ruleViolation('DEC-G1', 'A member cannot sit on the panel for an application about themselves');
    }
  }

  private async lock(manager: EntityManager, id: string): Promise<MembershipApplication> {
    const application = await manager.findOne(MembershipApplication, { where: { id }, lock: { mode: 'pessimistic_write' } });
    // Issue 7: unconfirmed applications cannot be decided (nor reviewed): to staff they do not exist yet.
    if (!application || !application.confirmedAt) throw notFound('Membership application');
    return application;
  }

  private async assertPanel(manager: EntityManager, panelMemberIds: string[]): Promise<void> {
    const ids = [...new Set(panelMemberIds)];
    const panel = ids.length ? await manager.findBy(Member, { id: In(ids) }) : [];
    assertNoViolations(panelViolations(ids, panel, londonToday(this.clock)), 'The decision panel is not valid');
  }

  /** Joining: the membership starts today, runs a year (DEC-M1), and records the Code version accepted (COP-1). */
  private async admit(manager: EntityManager, application: MembershipApplication): Promise<Member> {
    if (await manager.existsBy(Member, { email: application.email })) throw conflict('A member with this email address already exists', 'DEC-J1');
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
