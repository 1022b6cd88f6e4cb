import type { DataSource } from 'typeorm';
import type { NotificationService } from '../../notifications/notification.service';
import type { Clock } from '../../shared/clock';
import { isAfter, londonToday, type LocalDate } from '../../shared/dates';
import { assertNoViolations, conflict, DomainError, notFound, ruleViolation } from '../../shared/errors';
import type { AuditService } from '../../audit/audit.service';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../../shared/pagination';
import type { UnitOfWork } from '../../shared/unit-of-work';
import type { WorkingDayCalendar } from '../../shared/working-days';
import { requireRole, type Viewer } from '../../shared/viewer';
import type { CohortService } from './cohort.service';
import { ExtensionRequest } from './extension-request.entity';
import { lockParticipant, PROGRAMME_STAFF_ROLES } from './participant-access';
import { AdjustmentStatus, type ExtensionReason, ExtensionStatus, ParticipantStatus, WithdrawalKind } from './programme.enums';
import { extensionDecided } from './programme.notices';
import { assertReasonsGiven } from '../../membership/membership.rules';
import { assertMembershipActiveForPortfolio, extensionRequestViolations, latestLateRequestDate } from './programme.rules';
import { ReasonableAdjustment } from './reasonable-adjustment.entity';

export interface ExtensionRequestFilter {
  status?: ExtensionStatus;
  /** DEC-W1: only requests still undecided after the ATS-27 late window of their deadline closed. */
  undecidedAfterLateWindow?: boolean;
}

export interface ExtensionRequestInput {
  reason: ExtensionReason;
  evidenceNotes: string;
  technicalIssueIdentifiedOn?: LocalDate | null;
  preventedByUnforeseenEvent?: boolean;
}

/** ATS-25..27: extension requests, decided case by case; a grant moves the participant to the next cohort. */
export class ExtensionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly cohorts: CohortService,
    private readonly audit: AuditService,
  ) {}

  async request(viewer: Viewer, participantId: string, input: ExtensionRequestInput): Promise<ExtensionRequest> {
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const { participant, member } = await lockParticipant(manager, viewer, participantId, []);
      this.assertMayRequest(participant, today);
      assertMembershipActiveForPortfolio(member, today); // ATS-22
      if (await manager.existsBy(ExtensionRequest, { participantId, status: ExtensionStatus.REQUESTED })) {
        throw conflict('An extension request is already awaiting a decision', 'ATS-25');
      }
      const hasAgreedAdjustmentWithExtension = await manager.existsBy(ReasonableAdjustment, { participantId, status: AdjustmentStatus.AGREED, includesExtension: true });
      assertNoViolations(
        extensionRequestViolations(
          {
            reason: input.reason,
            requestedOn: today,
            deadline: participant.deadline,
            preventedByUnforeseenEvent: input.preventedByUnforeseenEvent ?? false,
            technicalIssueIdentifiedOn: input.technicalIssueIdentifiedOn,
            hasAgreedAdjustmentWithExtension,
          },
          this.calendar,
        ),
        'The extension request cannot be accepted',
      );
      const request = manager.create(ExtensionRequest, {
        participantId,
        reason: input.reason,
        evidenceNotes: input.evidenceNotes.trim(),
        technicalIssueIdentifiedOn: input.technicalIssueIdentifiedOn ?? null,
        preventedByUnforeseenEvent: input.preventedByUnforeseenEvent ?? false,
        requestedAt: this.clock.now(),
        requestedOn: today,
        deadlineAtRequest: participant.deadline,
        lateWindowClosesOn: latestLateRequestDate(participant.deadline, this.calendar),
        status: ExtensionStatus.REQUESTED,
      });
      await manager.save(request);
      return { result: request, audit: { action: 'extension.request', targetType: 'participant', targetId: participantId, detail: { reason: input.reason, requestId: request.id } } };
    });
  }

  /**
   * ATS-25, ATS-26, DEC-W1: staff grant or refuse, with reasons. A grant moves the participant to the first later
   * cohort (deadline after theirs) whose deadline is still ahead on the day of the decision (after that day).
   */
  async decide(viewer: Viewer, requestId: string, grant: boolean, reasons: string): Promise<ExtensionRequest> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    const why = assertReasonsGiven(reasons, 'ATS-25');
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const found = await manager.findOneBy(ExtensionRequest, { id: requestId });
      if (!found) throw notFound('Extension request');
      // Participant first (ownership and DEC-G1 checked before any lock), then the request: the same order as
      // submission and withdrawal, so they cannot deadlock.
      const { participant, member } = await lockParticipant(manager, viewer, found.participantId, PROGRAMME_STAFF_ROLES, { decision: true });
      const request = await manager.findOneOrFail(ExtensionRequest, { where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
      if (request.status !== ExtensionStatus.REQUESTED) throw conflict(`This request was already ${request.status.toLowerCase()}`, 'ATS-25');
      if (![ParticipantStatus.REGISTERED, ParticipantStatus.PORTFOLIO_ISSUED].includes(participant.status)) {
        throw conflict(`An extension cannot be decided for a participant who is ${participant.status}`, 'ATS-25');
      }
      let next = null;
      if (grant) {
        next = await this.cohorts.nextCohortAfter(manager, isAfter(today, participant.deadline) ? today : participant.deadline);
        if (!next) throw ruleViolation('ATS-26', 'There is no later cohort whose deadline is still ahead to move this participant to; set one up first');
        participant.cohortId = next.id;
        participant.deadline = next.submissionDeadline;
        await manager.save(participant);
        request.toCohortId = next.id;
        request.newDeadline = next.submissionDeadline;
      }
      request.status = grant ? ExtensionStatus.GRANTED : ExtensionStatus.REFUSED;
      request.decidedAt = this.clock.now();
      request.decidedBy = viewer.subject;
      request.decisionReasons = why;
      await manager.save(request);
      await this.notifications.enqueue(manager, extensionDecided(member, request, next));
      return { result: request, audit: { action: grant ? 'extension.grant' : 'extension.refuse', targetType: 'participant', targetId: participant.id, detail: { requestId, toCohortId: request.toCohortId } } };
    });
  }

  async forParticipant(participantId: string): Promise<ExtensionRequest[]> {
    return this.dataSource.getRepository(ExtensionRequest).find({ where: { participantId }, order: { requestedAt: 'ASC' } });
  }

  /**
   * The staff queue, oldest first (audited: it holds health data, ATS-57). `undecidedAfterLateWindow` is the DEC-W1
   * view: requests still undecided after the ATS-27 late window of their deadline, which hold the deadline sweep.
   */
  async list(viewer: Viewer, filter: ExtensionRequestFilter, request: PageRequest = {}): Promise<Page<ExtensionRequest>> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES, 'ATS-57');
    const size = pageSize(request);
    const qb = this.dataSource.getRepository(ExtensionRequest).createQueryBuilder('r');
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.undecidedAfterLateWindow) qb.andWhere(`r.status = 'REQUESTED' AND r.late_window_closes_on < :today`, { today: londonToday(this.clock) });
    const page = await pageByInstant(qb, 'r.requested_at', 'ASC', (r) => r.requestedAt, sized(request, size));
    await this.audit.recordRead(viewer, { action: 'extensionRequest.list', targetType: 'participant', detail: { returned: page.items.map((r) => r.participantId) } });
    return page;
  }

  /** ATS-25, ATS-27, ATS-44: who may still ask; each refusal names its rule. */
  private assertMayRequest(participant: { status: ParticipantStatus; withdrawalKind: WithdrawalKind | null; deadline: LocalDate }, today: LocalDate): void {
    if (participant.status === ParticipantStatus.REGISTERED || participant.status === ParticipantStatus.PORTFOLIO_ISSUED) return;
    if (participant.status === ParticipantStatus.SUBMITTED) throw ruleViolation('ATS-25', 'The portfolio has been submitted, so there is no deadline left to extend');
    if (participant.withdrawalKind === WithdrawalKind.DEADLINE_PASSED) {
      const closed = latestLateRequestDate(participant.deadline, this.calendar);
      throw new DomainError('RULE_VIOLATION', `The late window for an extension closed on ${closed}, and the participation was withdrawn for the missed deadline`, 'ATS-27', [
        { rule: 'ATS-27', condition: 'LATE_WINDOW_CLOSED', message: `Extension requests are accepted up to five working days after the deadline (by ${closed}); this one came on ${today}` },
      ]);
    }
    throw ruleViolation('ATS-44', 'This participation has been withdrawn, so no extension can be requested');
  }
}
