import { In, type DataSource, type EntityManager } from 'typeorm';
import type { NotificationService } from '../../notifications/notification.service';
import type { Clock } from '../../shared/clock';
import { londonToday } from '../../shared/dates';
import type { UnitOfWork } from '../../shared/unit-of-work';
import type { WorkingDayCalendar } from '../../shared/working-days';
import { requireRole, SYSTEM, type Viewer } from '../../shared/viewer';
import { SweepIncompleteError } from '../../system/sweep.service';
import { cancelPendingExtensions, ExtensionRequest } from './extension-request.entity';
import { lockParticipant, PROGRAMME_STAFF_ROLES, type LockedParticipant } from './participant-access';
import { assertTransition } from './participant-state';
import { Participant } from './participant.entity';
import type { ProgrammePorts } from './ports';
import { ExtensionStatus, ParticipantStatus, WithdrawalKind } from './programme.enums';
import { withdrawn } from './programme.notices';
import { assertWithdrawalReason, isDueForDeadlineWithdrawal, isDueForDeadlineWithdrawalNow, isInCoolingOff } from './programme.rules';

/** ATS-20, ATS-44, ATS-45, DEC-P2: the three ways a participation ends early. */
export class WithdrawalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly ports: ProgrammePorts,
  ) {}

  /**
   * ATS-44: the participant withdraws at any time. A new participant inside the cooling-off period (through issue
   * date + 14 days, and before issue, DEC-P2) gets a full refund and their open instalments and invoices are
   * cancelled (ATS-20); otherwise the payment terms stand.
   */
  async withdrawAtOwnRequest(viewer: Viewer, participantId: string, reason: string | null): Promise<Participant> {
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const locked = await lockParticipant(manager, viewer, participantId, []);
      const coolingOff = isInCoolingOff(locked.participant.attemptKind, locked.originalCohort.portfolioIssueDate, today);
      const kind = coolingOff ? WithdrawalKind.COOLING_OFF : WithdrawalKind.PARTICIPANT_REQUEST;
      const refunded = coolingOff ? await this.ports.accounts.refundInFullAndCancel(manager, participantId, 'Cooling-off withdrawal (ATS-20)') : 0;
      await this.end(manager, locked, kind, reason?.trim() || null, refunded);
      return { result: locked.participant, audit: { action: 'participant.withdraw', targetType: 'participant', targetId: participantId, detail: { kind, refundedPence: refunded } } };
    });
  }

  /**
   * ATS-45: SET withdraws a participant who does not meet the eligibility criteria, with a reason. Inside the
   * cooling-off period it refunds in full exactly as the member's own withdrawal would (ATS-20, DEC-P2); after it,
   * open instalments and invoices stop being collected until FINANCE writes the balance off or keeps it.
   */
  async withdrawAsIneligible(viewer: Viewer, participantId: string, reason: string): Promise<Participant> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    const why = assertWithdrawalReason(reason);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      // DEC-G1: nobody withdraws themselves as ineligible (checked before the row lock).
      const locked = await lockParticipant(manager, viewer, participantId, PROGRAMME_STAFF_ROLES, { decision: true });
      assertTransition(locked.participant.status, ParticipantStatus.WITHDRAWN);
      const coolingOff = isInCoolingOff(locked.participant.attemptKind, locked.originalCohort.portfolioIssueDate, today);
      const refunded = coolingOff ? await this.ports.accounts.refundInFullAndCancel(manager, participantId, 'Withdrawn by SET for ineligibility in the cooling-off period (ATS-45, ATS-20)') : 0;
      if (!coolingOff) await this.ports.accounts.stopCollection(manager, participantId, `Withdrawn by SET for ineligibility (ATS-45): ${why}`);
      await this.end(manager, locked, WithdrawalKind.INELIGIBLE, why, refunded);
      return { result: locked.participant, audit: { action: 'participant.withdrawIneligible', targetType: 'participant', targetId: participantId, detail: { coolingOff, refundedPence: refunded } } };
    });
  }

  /**
   * ATS-44, DEC-W1: withdraws every participant whose deadline has passed with no submission and no granted extension.
   * It acts once the ATS-27 late window has closed (deadline + 5 working days). An undecided extension request holds
   * it for that participant until `extensionHoldEndsOn` (10 more working days, during which staff see the request in
   * `extensionRequests(undecidedAfterLateWindow: true)`); after that the participant is withdrawn and the request
   * cancelled, so no request holds the sweep for ever. Idempotent: a withdrawn participant is never picked again.
   */
  async withdrawPastDeadline(viewer: Viewer = SYSTEM): Promise<number> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    const today = londonToday(this.clock);
    const candidates = await this.dataSource.getRepository(Participant).find({
      where: { status: In([ParticipantStatus.REGISTERED, ParticipantStatus.PORTFOLIO_ISSUED]) },
      select: { id: true, deadline: true },
    });
    const due = candidates.filter((p) => isDueForDeadlineWithdrawal(p.deadline, today, this.calendar));
    let count = 0;
    const failures: string[] = [];
    for (const { id } of due) {
      // One transaction per participant, re-checked under lock; a failure (a lock held elsewhere) is retried next run
      // and does not hold back the others.
      count += await this.uow.run(viewer, async (manager) => {
        const locked = await lockParticipant(manager, viewer, id, PROGRAMME_STAFF_ROLES);
        const p = locked.participant;
        const pending = await manager.existsBy(ExtensionRequest, { participantId: id, status: ExtensionStatus.REQUESTED });
        const stillDue = [ParticipantStatus.REGISTERED, ParticipantStatus.PORTFOLIO_ISSUED].includes(p.status) && isDueForDeadlineWithdrawalNow(p.deadline, today, pending, this.calendar);
        if (!stillDue) return { result: 0, audit: { action: 'participant.deadlineSweepSkipped', targetType: 'participant', targetId: id } };
        await this.end(manager, locked, WithdrawalKind.DEADLINE_PASSED, null, 0);
        return { result: 1, audit: { action: 'participant.withdrawPastDeadline', targetType: 'participant', targetId: id, detail: { deadline: p.deadline } } };
      }).catch(() => {
        failures.push(id);
        return 0;
      });
    }
    if (failures.length) throw new SweepIncompleteError('ats.withdrawPastDeadline', count, failures);
    return count;
  }

  private async end(manager: EntityManager, { participant, member }: LockedParticipant, kind: WithdrawalKind, reason: string | null, refundedPence: number): Promise<void> {
    assertTransition(participant.status, ParticipantStatus.WITHDRAWN);
    participant.status = ParticipantStatus.WITHDRAWN;
    participant.withdrawnAt = this.clock.now();
    participant.withdrawalKind = kind;
    participant.withdrawalReason = reason;
    await manager.save(participant);
    await cancelPendingExtensions(manager, participant.id, 'Participant withdrawn', this.clock.now());
    await this.notifications.enqueue(manager, withdrawn(member, kind, refundedPence, reason));
  }
}
