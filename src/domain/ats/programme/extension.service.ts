import type { DataSource } from 'typeorm';
import type { NotificationService } from '../../notifications/notification.service';
import type { Clock } from '../../shared/clock';
import { londonToday, type LocalDate } from '../../shared/dates';
import { assertNoViolations, conflict, notFound, ruleViolation } from '../../shared/errors';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../../shared/pagination';
import type { UnitOfWork } from '../../shared/unit-of-work';
import type { WorkingDayCalendar } from '../../shared/working-days';
import type { Viewer } from '../../shared/viewer';
import type { CohortService } from './cohort.service';
import { ExtensionRequest } from './extension-request.entity';
import { lockParticipant, PROGRAMME_STAFF_ROLES } from './participant-access';
import { AdjustmentStatus, type ExtensionReason, ExtensionStatus, ParticipantStatus } from './programme.enums';
import { extensionDecided } from './programme.notices';
import { assertReasonsGiven } from '../../membership/membership.rules';
import { extensionRequestViolations } from './programme.rules';
import { ReasonableAdjustment } from './reasonable-adjustment.entity';

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
  ) {}

  async request(viewer: Viewer, participantId: string, input: ExtensionRequestInput): Promise<ExtensionRequest> {
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const { participant } = await lockParticipant(manager, viewer, participantId, []);
      if (![ParticipantStatus.REGISTERED, ParticipantStatus.PORTFOLIO_ISSUED].includes(participant.status)) {
        throw conflict(`An extension cannot be requested by a participant who is ${participant.status}`);
      }
      if (await manager.existsBy(ExtensionRequest, { participantId, status: ExtensionStatus.REQUESTED })) {
        throw conflict('An extension request is already awaiting a decision');
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
        status: ExtensionStatus.REQUESTED,
      });
      await manager.save(request);
      return { result: request, audit: { action: 'extension.request', targetType: 'participant', targetId: participantId, detail: { reason: input.reason, requestId: request.id } } };
    });
  }

  /** ATS-25, ATS-26: staff grant (moving the participant to the next cohort's deadline and review) or refuse, with reasons. */
  async decide(viewer: Viewer, requestId: string, grant: boolean, reasons: string): Promise<ExtensionRequest> {
    const why = assertReasonsGiven(reasons, 'ATS-25');
    return this.uow.run(viewer, async (manager) => {
      const found = await manager.findOneBy(ExtensionRequest, { id: requestId });
      if (!found) throw notFound('Extension request');
      // Participant first, then the request: the same order as submission and withdrawal, so they cannot deadlock.
      const { participant, member } = await lockParticipant(manager, viewer, found.participantId, PROGRAMME_STAFF_ROLES);
      const request = await manager.findOneOrFail(ExtensionRequest, { where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
      if (request.status !== ExtensionStatus.REQUESTED) throw conflict(`This request was already ${request.status.toLowerCase()}`);
      if (![ParticipantStatus.REGISTERED, ParticipantStatus.PORTFOLIO_ISSUED].includes(participant.status)) {
        throw conflict(`An extension cannot be decided for a participant who is ${participant.status}`);
      }
      let next = null;
      if (grant) {
        next = await this.cohorts.nextCohortAfter(manager, participant.deadline);
        if (!next) throw ruleViolation('ATS-26', 'There is no later cohort yet to move this participant to; set one up first');
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

  /** The staff queue, oldest first. */
  async list(status: ExtensionStatus | undefined, request: PageRequest = {}): Promise<Page<ExtensionRequest>> {
    const size = pageSize(request);
    const qb = this.dataSource.getRepository(ExtensionRequest).createQueryBuilder('r');
    if (status) qb.andWhere('r.status = :status', { status });
    const page = await pageByInstant(qb, 'r.requested_at', 'ASC', (r) => r.requestedAt, sized(request, size));
    return page;
  }
}
