import { In, type EntityManager } from 'typeorm';
import { Member } from '../../membership/member.entity';
import type { NotificationService } from '../../notifications/notification.service';
import type { Clock } from '../../shared/clock';
import { isAfter, londonDateOf, londonToday } from '../../shared/dates';
import { assertNoViolations, DomainError, notFound, type Violation } from '../../shared/errors';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { applicationUsableForWindowsOpeningBy } from '../applications/ats-application.rules';
import { requireMemberId, requireRole, type Viewer } from '../../shared/viewer';
import { PROGRAMME_STAFF_ROLES } from './participant-access';
import { Cohort } from './cohort.entity';
import { ENDED_WITHOUT_AWARD, OPEN_STATES } from './participant-state';
import { Participant } from './participant.entity';
import type { ProgrammePorts } from './ports';
import { AdjustmentStatus, ParticipantStatus, type PaymentPlan } from './programme.enums';
import { registrationConfirmed } from './programme.notices';
import { countsAsEarlierAttempt, isWindowOpen, membershipEligibilityViolations, nextAttemptKind } from './programme.rules';
import { ReasonableAdjustment } from './reasonable-adjustment.entity';
import { RegistrationWindow } from './registration-window.entity';

export interface RegisterInput {
  registrationWindowId: string;
  paymentPlan: PaymentPlan;
  /** ATS-13: a reasonable-adjustment request made during registration. */
  reasonableAdjustmentRequest?: string | null;
}

/** ATS-9..15: a member registers for a cohort through an open window. */
export class RegistrationService {
  constructor(
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly ports: ProgrammePorts,
  ) {}

  async register(viewer: Viewer, input: RegisterInput): Promise<Participant> {
    const memberId = requireMemberId(viewer);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      // The member row lock serialises two registrations by the same member.
      const member = await manager.findOne(Member, { where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw notFound('Member');
      const window = await manager.findOneBy(RegistrationWindow, { id: input.registrationWindowId });
      if (!window) throw notFound('Registration window');
      const cohort = await manager.findOneByOrFail(Cohort, { id: window.cohortId });
      if (await manager.existsBy(Participant, { memberId, status: In(OPEN_STATES) })) {
        // ATS-11: one registration per successful application, and one participation at a time.
        const message = 'You already have an ATS participation in progress; a new registration needs it to end and a new successful application';
        throw new DomainError('CONFLICT', message, 'ATS-11', [{ rule: 'ATS-11', condition: 'PARTICIPATION_IN_PROGRESS', message }]);
      }

      const application = await this.ports.applications.findUsableApplication(manager, memberId);
      const expired = application && isAfter(window.opensOn, application.usableForWindowsOpeningBy);
      const violations: Violation[] = [
        ...(expired
          ? [{ rule: 'DEC-A3', condition: 'APPLICATION_EXPIRED' as const, message: `Your successful application can be used for windows opening by ${application.usableForWindowsOpeningBy}; this one opens ${window.opensOn}, so apply again` }]
          : []),
        ...(isWindowOpen(window, today) ? [] : [{ rule: 'ATS-10', condition: 'WINDOW_CLOSED' as const, message: `This registration window is open ${window.opensOn} to ${window.closesOn}` }]),
        ...membershipEligibilityViolations(member, today),
        ...(application ? [] : [{ rule: 'ATS-11', condition: 'NO_SUCCESSFUL_APPLICATION' as const, message: 'Registration needs a successful application not yet used' }]),
        ...(await this.ports.qualifications.qualificationViolations(manager, memberId, cohort.portfolioIssueDate)),
      ];
      assertNoViolations(violations, 'Registration refused');

      const attemptKind = nextAttemptKind(await this.countedEarlierAttempts(manager, memberId));
      const feePence = await this.ports.fees.feeFor(manager, today, attemptKind);
      const participant = manager.create(Participant, {
        memberId,
        applicationId: application!.id,
        registrationWindowId: window.id,
        originalCohortId: cohort.id,
        cohortId: cohort.id,
        attemptKind,
        status: ParticipantStatus.REGISTERED,
        registeredAt: this.clock.now(),
        registrationDate: today,
        feePence,
        paymentPlan: input.paymentPlan,
        deadline: cohort.submissionDeadline,
      });
      await manager.save(participant);
      await this.ports.applications.markUsedForRegistration(manager, application!.id, participant.id);
      await this.ports.accounts.openAccount(manager, {
        participantId: participant.id,
        memberId,
        plan: input.paymentPlan,
        chargePence: feePence,
        registrationDate: today,
        employerName: member.employerName,
      });
      const adjustment = input.reasonableAdjustmentRequest?.trim();
      if (adjustment) {
        await manager.insert(ReasonableAdjustment, { participantId: participant.id, details: adjustment, requestedAt: this.clock.now(), status: AdjustmentStatus.REQUESTED });
      }
      await this.notifications.enqueue(manager, registrationConfirmed(member, participant, cohort));
      return {
        result: participant,
        audit: { action: 'participant.register', targetType: 'participant', targetId: participant.id, detail: { cohortId: cohort.id, attemptKind, feePence, plan: input.paymentPlan } },
      };
    });
  }

  /**
   * ATS-8: successful applicants are invited to register when the next window opens. An idempotent sweep: each
   * successful, unused application is invited once per open window.
   */
  async inviteSuccessfulApplicants(viewer: Viewer): Promise<number> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const windows = (await manager.find(RegistrationWindow)).filter((w) => isWindowOpen(w, today));
      let invited = 0;
      if (windows.length) {
        const applicants: { applicationId: string; memberId: string; email: string; givenName: string; decidedAt: Date }[] = await manager.query(
          `SELECT a.id AS "applicationId", m.id AS "memberId", m.email, m.given_name AS "givenName", a.decided_at AS "decidedAt"
             FROM ats_application a JOIN member m ON m.id = a.member_id
            WHERE a.status = 'SUCCESSFUL' AND a.used_by_participant_id IS NULL`,
        );
        for (const w of windows) {
          const cohort = await manager.findOneByOrFail(Cohort, { id: w.cohortId });
          // DEC-A3: invitations stop for windows opening more than 12 months after the decision.
          for (const a of applicants.filter((x) => !isAfter(w.opensOn, applicationUsableForWindowsOpeningBy(londonDateOf(new Date(x.decidedAt)))))) {
            const queued = await this.notifications.enqueue(manager, {
              recipientMemberId: a.memberId,
              toAddress: a.email,
              template: 'ATS_REGISTRATION_INVITATION',
              subject: 'ATS registration is open',
              body: `Dear ${a.givenName},\n\nRegistration for ATS cohort ${cohort.name} is open from ${w.opensOn} to ${w.closesOn}. Portfolios are issued on ${cohort.portfolioIssueDate}.`,
              rule: 'ATS-8',
              dedupeKey: `ats-invite:${a.applicationId}:${w.id}`,
            });
            if (queued) invited++;
          }
        }
      }
      return { result: invited, audit: { action: 'participant.inviteToRegister', targetType: 'ats_application', detail: { invited, today } } };
    });
  }

  /** ATS-35, ATS-48: earlier attempts that ended without award count towards the restart rule, oldest first. */
  private async countedEarlierAttempts(manager: EntityManager, memberId: string) {
    const earlier = await manager.find(Participant, { where: { memberId }, order: { registeredAt: 'ASC' } });
    // An award ends the counting: only attempts after the member's latest award count (ATS-48, issue 9).
    const lastAward = earlier.map((p) => p.status).lastIndexOf(ParticipantStatus.AWARDED);
    return earlier
      .slice(lastAward + 1)
      .filter((p) => ENDED_WITHOUT_AWARD.includes(p.status) && countsAsEarlierAttempt(p.withdrawalKind))
      .map((p) => p.attemptKind);
  }
}

