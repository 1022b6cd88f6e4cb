import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { groupBy } from '../../shared/batch';
import type { AuditService } from '../../audit/audit.service';
import { Member } from '../../membership/member.entity';
import type { NotificationService } from '../../notifications/notification.service';
import type { Clock } from '../../shared/clock';
import { addDays, londonToday } from '../../shared/dates';
import { assertNoViolations, conflict, notFound, ruleViolation } from '../../shared/errors';
import { pageByInstant, type Page, type PageRequest } from '../../shared/pagination';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { Role, requireNotOwnCase, requireRole, requireSelfOrRole, STAFF_ROLES, SYSTEM, type Viewer } from '../../shared/viewer';
import { SweepIncompleteError } from '../../system/sweep.service';
import { Cohort } from '../programme/cohort.entity';
import { lockParticipant, type LockedParticipant } from '../programme/participant-access';
import { assertTransition, OPEN_STATES } from '../programme/participant-state';
import { Participant } from '../programme/participant.entity';
import type { ParticipantService } from '../programme/participant.service';
import { ParticipantStatus, WithdrawalKind } from '../programme/programme.enums';
import { AtsObjection, AtsOutcome, AtsResubmission } from './results.entities';
import { AssessmentOutcome, ObjectionStatus, ResubmissionOverdueKind, SubmissionRound } from './results.enums';
import { objectionUpdated, resubmitted, resultReleased, withdrawnNoResubmission } from './results.notices';
import {
  assertObjectableOutcome,
  assertOutcomeInput,
  assertReleaseDue,
  assertResubmissionOpen,
  assertWithinObjectionPeriod,
  isDueForResubmissionWithdrawal,
  isReleaseDue,
  resubmissionFeedbackDueOn,
  resubmissionReviewDueOn,
} from './results.rules';

/** Assessors: record outcomes, run VIVAs, award (ATS-28..43). ADMIN may act too. */
export const ASSESSOR_ROLES = [Role.PROFESSIONAL_STATUS_TEAM, Role.ADMIN];
/** Staff who read results and handle objections. */
export const RESULTS_STAFF_ROLES = [Role.PROFESSIONAL_STATUS_TEAM, Role.MEMBERSHIP_TEAM, Role.ADMIN];

export interface RecordOutcomeInput {
  outcome: AssessmentOutcome;
  feedback?: string | null;
  resubmissionDeadline?: string | null;
}

export interface ResultsSettings {
  /** ATS-36: the objection period in days from release (OBJECTION_PERIOD_DAYS, default 28). */
  objectionPeriodDays: number;
}

const STATUS_OF: Record<AssessmentOutcome, ParticipantStatus> = {
  [AssessmentOutcome.PROVISIONALLY_AWARDED]: ParticipantStatus.PROVISIONALLY_AWARDED,
  [AssessmentOutcome.CRITERIA_NOT_MET]: ParticipantStatus.CRITERIA_NOT_MET,
  [AssessmentOutcome.RESTART_REQUIRED]: ParticipantStatus.RESTART_REQUIRED,
};

/** ATS-28..36, DEC-O1: outcomes, their release, resubmission and objections. */
export class ResultsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly participants: ParticipantService,
    private readonly settings: ResultsSettings,
  ) {}

  /**
   * ATS-28..31, 34: the assessor records the outcome of the participant's submission (first, resubmission, or a new
   * outcome after an upheld objection). A first submission's outcome stays hidden until the cohort's results date
   * (DEC-O1); recorded on or after that date it is released at once. A resubmission's outcome is its feedback and is
   * released at once.
   */
  async recordOutcome(viewer: Viewer, participantId: string, input: RecordOutcomeInput): Promise<AtsOutcome> {
    requireRole(viewer, ASSESSOR_ROLES);
    const now = this.clock.now();
    return this.uow.run(viewer, async (manager) => {
      const locked = await lockParticipant(manager, viewer, participantId, ASSESSOR_ROLES);
      const { participant, cohort } = locked;
      requireNotOwnCase(viewer, participant.memberId);
      const s = participant.status;
      let round: SubmissionRound;
      let releaseNow: boolean;
      let objection: AtsObjection | null = null;
      if (s === ParticipantStatus.SUBMITTED || s === ParticipantStatus.ASSESSED) {
        round = SubmissionRound.FIRST;
        releaseNow = isReleaseDue(cohort.provisionalResultsDate, now);
      } else if (s === ParticipantStatus.RESUBMITTED) {
        round = SubmissionRound.RESUBMISSION;
        releaseNow = true;
      } else if (s === ParticipantStatus.CRITERIA_NOT_MET || s === ParticipantStatus.RESTART_REQUIRED) {
        objection = await manager.findOne(AtsObjection, { where: { participantId, status: ObjectionStatus.UPHELD, newOutcomeRecordedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
        if (!objection) throw conflict(`An outcome for a participant who is ${s} can be recorded only after an upheld objection (ATS-36)`, 'ATS-36');
        const objected = await manager.findOneByOrFail(AtsOutcome, { id: objection.outcomeId });
        round = objected.round;
        releaseNow = true;
      } else {
        throw conflict(`A participant who is ${s} has no submission awaiting an outcome`, 'ATS-28');
      }
      const releaseDate = releaseNow ? londonToday(this.clock) : cohort.provisionalResultsDate;
      assertOutcomeInput(round, input.outcome, input.feedback, input.resubmissionDeadline, releaseDate);
      const target = releaseNow ? STATUS_OF[input.outcome] : ParticipantStatus.ASSESSED;
      assertTransition(s, target);
      if (s === ParticipantStatus.RESTART_REQUIRED && (await this.hasOtherOpenParticipation(manager, participant))) {
        throw conflict('The member has since started another participation; this one cannot be reopened', 'ATS-36');
      }

      // One current outcome per round: an earlier unreleased one (a correction) or the objected one is superseded.
      await manager.update(AtsOutcome, { participantId, round, supersededAt: IsNull() }, { supersededAt: now });
      const outcome = manager.create(AtsOutcome, {
        participantId,
        round,
        outcome: input.outcome,
        feedback: input.feedback?.trim() || null,
        resubmissionDeadline: input.outcome === AssessmentOutcome.CRITERIA_NOT_MET ? input.resubmissionDeadline! : null,
        recordedAt: now,
        recordedBy: viewer.subject,
        releasedAt: null,
        supersededAt: null,
      });
      await manager.save(outcome);
      if (round === SubmissionRound.RESUBMISSION) await manager.update(AtsResubmission, { participantId }, { reviewedAt: now });
      if (objection) {
        objection.newOutcomeRecordedAt = now;
        await manager.save(objection);
      }
      participant.status = ParticipantStatus.ASSESSED;
      if (releaseNow) await this.release(manager, locked, outcome);
      else await manager.save(participant);
      return { result: outcome, audit: { action: 'results.recordOutcome', targetType: 'participant', targetId: participantId, detail: { round, outcome: input.outcome, released: releaseNow } } };
    });
  }

  /** DEC-O1: staff release a cohort's results during its results day (or later), never before. */
  async releaseCohort(viewer: Viewer, cohortId: string): Promise<number> {
    requireRole(viewer, ASSESSOR_ROLES);
    const cohort = await this.dataSource.getRepository(Cohort).findOneBy({ id: cohortId });
    if (!cohort) throw notFound('Cohort');
    assertReleaseDue(cohort.provisionalResultsDate, this.clock.now());
    return this.releaseParticipants(viewer, [cohortId]);
  }

  /**
   * DEC-O1, ATS-29: the sweep at the start of the London day releases every assessed participant whose cohort's
   * results date has arrived. The participant's cohort is the one they were moved to by an extension (ATS-26).
   * Idempotent: released participants are no longer ASSESSED, and the email is deduplicated per outcome.
   */
  async releaseDueResults(viewer: Viewer = SYSTEM): Promise<number> {
    const due = await this.dataSource.getRepository(Cohort).createQueryBuilder('c').select('c.id', 'id').where('c.provisional_results_date <= :today', { today: londonToday(this.clock) }).getRawMany<{ id: string }>();
    return due.length ? this.releaseParticipants(viewer, due.map((c) => c.id)) : 0;
  }

  private async releaseParticipants(viewer: Viewer, cohortIds: string[]): Promise<number> {
    const ids = await this.dataSource.getRepository(Participant).find({ where: { cohortId: In(cohortIds), status: ParticipantStatus.ASSESSED }, select: { id: true } });
    let count = 0;
    const failures: string[] = [];
    for (const { id } of ids) {
      count += await this.uow
        .run(viewer, async (manager) => {
          const locked = await lockParticipant(manager, viewer, id, STAFF_ROLES);
          if (locked.participant.status !== ParticipantStatus.ASSESSED || !isReleaseDue(locked.cohort.provisionalResultsDate, this.clock.now())) {
            return { result: 0, audit: { action: 'results.releaseSkipped', targetType: 'participant', targetId: id } };
          }
          const outcome = await manager.findOneByOrFail(AtsOutcome, { participantId: id, round: SubmissionRound.FIRST, supersededAt: IsNull() });
          await this.release(manager, locked, outcome);
          return { result: 1, audit: { action: 'results.release', targetType: 'participant', targetId: id, detail: { outcome: outcome.outcome } } };
        })
        .catch(() => {
          failures.push(id);
          return 0;
        });
    }
    if (failures.length) throw new SweepIncompleteError('ats.releaseResults', count, failures);
    return count;
  }

  private async release(manager: EntityManager, { participant, member }: LockedParticipant, outcome: AtsOutcome): Promise<void> {
    const target = STATUS_OF[outcome.outcome];
    if (participant.status !== ParticipantStatus.ASSESSED) assertTransition(participant.status, target);
    participant.status = target;
    await manager.save(participant);
    outcome.releasedAt = this.clock.now();
    await manager.save(outcome);
    // ATS-29: one email per released outcome (the dedupe key makes a re-run harmless).
    await this.notifications.enqueue(manager, resultReleased(member, outcome, this.settings.objectionPeriodDays));
  }

  /** ATS-31: the participant resubmits before their individual deadline, on ATS-22's conditions. */
  async resubmit(viewer: Viewer, participantId: string): Promise<AtsResubmission> {
    const now = this.clock.now();
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const { participant, member } = await lockParticipant(manager, viewer, participantId, []);
      if (participant.status === ParticipantStatus.RESUBMITTED) throw conflict('This portfolio has already been resubmitted', 'ATS-31');
      if (participant.status !== ParticipantStatus.CRITERIA_NOT_MET) throw conflict(`A participant who is ${participant.status} cannot resubmit`, 'ATS-31');
      const outcome = await manager.findOneByOrFail(AtsOutcome, { participantId, round: SubmissionRound.FIRST, supersededAt: IsNull() });
      assertResubmissionOpen(outcome.resubmissionDeadline!, now);
      assertNoViolations(await this.participants.submissionViolations(manager, participant, member), 'The portfolio cannot be resubmitted yet');
      assertTransition(participant.status, ParticipantStatus.RESUBMITTED);
      participant.status = ParticipantStatus.RESUBMITTED;
      await manager.save(participant);
      const resubmission = manager.create(AtsResubmission, {
        participantId,
        submittedAt: now,
        submittedOn: today,
        deadline: outcome.resubmissionDeadline!,
        reviewDueOn: resubmissionReviewDueOn(today),
        feedbackDueOn: resubmissionFeedbackDueOn(today),
        reviewedAt: null,
      });
      await manager.save(resubmission);
      await this.notifications.enqueue(manager, resubmitted(member, resubmission.reviewDueOn, resubmission.feedbackDueOn));
      return { result: resubmission, audit: { action: 'results.resubmit', targetType: 'participant', targetId: participantId } };
    });
  }

  /**
   * ATS-32, ATS-44: withdraws every participant whose resubmission deadline has passed without a resubmission (from
   * the day after it). A participant with an objection still open is left alone until it is decided.
   */
  async withdrawUnresubmitted(viewer: Viewer = SYSTEM): Promise<number> {
    const today = londonToday(this.clock);
    const rows = await this.dataSource
      .getRepository(AtsOutcome)
      .createQueryBuilder('o')
      .innerJoin(Participant, 'p', 'p.id = o.participant_id')
      .select('o.participant_id', 'participantId')
      .where('p.status = :s', { s: ParticipantStatus.CRITERIA_NOT_MET })
      .andWhere('o.superseded_at IS NULL AND o.round = :r AND o.resubmission_deadline < :today', { r: SubmissionRound.FIRST, today })
      .getRawMany<{ participantId: string }>();
    let count = 0;
    const failures: string[] = [];
    for (const { participantId } of rows) {
      count += await this.uow
        .run(viewer, async (manager) => {
          const { participant, member } = await lockParticipant(manager, viewer, participantId, STAFF_ROLES);
          const outcome = await manager.findOneBy(AtsOutcome, { participantId, round: SubmissionRound.FIRST, supersededAt: IsNull() });
          const openObjection = await manager.existsBy(AtsObjection, { participantId, status: In([ObjectionStatus.RECEIVED, ObjectionStatus.UNDER_REVIEW]) });
          if (participant.status !== ParticipantStatus.CRITERIA_NOT_MET || !outcome?.resubmissionDeadline || !isDueForResubmissionWithdrawal(outcome.resubmissionDeadline, today) || openObjection) {
            return { result: 0, audit: { action: 'results.resubmissionSweepSkipped', targetType: 'participant', targetId: participantId } };
          }
          assertTransition(participant.status, ParticipantStatus.WITHDRAWN);
          participant.status = ParticipantStatus.WITHDRAWN;
          participant.withdrawnAt = this.clock.now();
          participant.withdrawalKind = WithdrawalKind.DEADLINE_PASSED;
          participant.withdrawalReason = `No resubmission by ${outcome.resubmissionDeadline} (ATS-32)`;
          await manager.save(participant);
          await this.notifications.enqueue(manager, withdrawnNoResubmission(member, outcome.resubmissionDeadline));
          return { result: 1, audit: { action: 'results.withdrawUnresubmitted', targetType: 'participant', targetId: participantId } };
        })
        .catch(() => {
          failures.push(participantId);
          return 0;
        });
    }
    if (failures.length) throw new SweepIncompleteError('ats.withdrawUnresubmitted', count, failures);
    return count;
  }

  /**
   * DEC-O1, ATS-57: which outcomes of a participation a viewer may see: the participant only released, current ones;
   * results staff every one. Throws FORBIDDEN for anyone else. Pure: the rows come from `outcomesByParticipantIds`.
   */
  visibleOutcomes(viewer: Viewer, participant: Participant, rows: AtsOutcome[]): AtsOutcome[] {
    // ATS-57: assessment feedback is for the participant and the staff who run results, not finance.
    const staff = requireSelfOrRole(viewer, participant.memberId, RESULTS_STAFF_ROLES);
    return staff ? rows : rows.filter((o) => o.releasedAt !== null && o.supersededAt === null);
  }

  /** Batch read for DataLoaders: every outcome of these participations, oldest first. */
  async outcomesByParticipantIds(ids: readonly string[]): Promise<Map<string, AtsOutcome[]>> {
    const rows = await this.dataSource.getRepository(AtsOutcome).find({ where: { participantId: In([...ids]) }, order: { recordedAt: 'ASC' } });
    return groupBy(rows, (r) => r.participantId);
  }

  async resubmissionsByParticipantIds(ids: readonly string[]): Promise<Map<string, AtsResubmission>> {
    const rows = await this.dataSource.getRepository(AtsResubmission).findBy({ participantId: In([...ids]) });
    return new Map(rows.map((r) => [r.participantId, r]));
  }

  async objectionsByParticipantIds(ids: readonly string[]): Promise<Map<string, AtsObjection[]>> {
    const rows = await this.dataSource.getRepository(AtsObjection).find({ where: { participantId: In([...ids]) }, order: { receivedAt: 'ASC' } });
    return groupBy(rows, (r) => r.participantId);
  }

  /** ATS-36, ATS-57: objections are for the participant and results staff. */
  assertMayReadObjections(viewer: Viewer, participant: Participant): void {
    requireSelfOrRole(viewer, participant.memberId, RESULTS_STAFF_ROLES);
  }

  /** Staff: submissions (first or resubmitted) not yet assessed, for cohorts whose results date is within `withinDays`. */
  async unassessed(viewer: Viewer, withinDays: number, request: PageRequest = {}): Promise<Page<Participant>> {
    requireRole(viewer, RESULTS_STAFF_ROLES);
    const today = londonToday(this.clock);
    const qb = this.dataSource
      .getRepository(Participant)
      .createQueryBuilder('p')
      .innerJoin(Cohort, 'c', 'c.id = p.cohort_id')
      .where(`((p.status = :submitted AND c.provisional_results_date <= :horizon) OR p.status = :resubmitted)`, {
        submitted: ParticipantStatus.SUBMITTED,
        resubmitted: ParticipantStatus.RESUBMITTED,
        horizon: addDays(today, withinDays),
      });
    const page = await pageByInstant(qb, 'p.registered_at', 'ASC', (r) => r.registeredAt, request);
    await this.audit.recordRead(viewer, { action: 'results.unassessed', targetType: 'participant', detail: { returned: page.items.map((p) => p.id) } });
    return page;
  }

  /** ATS-31: resubmissions whose review (42 days) or feedback (56 days) is overdue, oldest first. */
  async overdueResubmissions(viewer: Viewer, kind: ResubmissionOverdueKind, request: PageRequest = {}): Promise<Page<AtsResubmission>> {
    requireRole(viewer, RESULTS_STAFF_ROLES);
    const column = kind === ResubmissionOverdueKind.REVIEW ? 'r.review_due_on' : 'r.feedback_due_on';
    const qb = this.dataSource.getRepository(AtsResubmission).createQueryBuilder('r').where(`r.reviewed_at IS NULL AND ${column} < :today`, { today: londonToday(this.clock) });
    return pageByInstant(qb, 'r.submitted_at', 'ASC', (r) => r.submittedAt, request);
  }

  // ---------------------------------------------------------------- objections (ATS-36)

  /** ATS-36: the participant objects to a released decision not to provisionally award, within the policy's period. */
  async object(viewer: Viewer, participantId: string, grounds: string): Promise<AtsObjection> {
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const { participant } = await lockParticipant(manager, viewer, participantId, []);
      const outcome = await manager
        .getRepository(AtsOutcome)
        .createQueryBuilder('o')
        .where('o.participant_id = :participantId AND o.superseded_at IS NULL AND o.released_at IS NOT NULL', { participantId })
        .orderBy('o.released_at', 'DESC')
        .getOne();
      if (!outcome || STATUS_OF[outcome.outcome] !== participant.status) throw ruleViolation('ATS-36', 'There is no released decision to object to');
      assertObjectableOutcome(outcome.outcome);
      assertWithinObjectionPeriod(outcome.releasedAt!, this.settings.objectionPeriodDays, today);
      if (await manager.existsBy(AtsObjection, { outcomeId: outcome.id })) throw conflict('An objection to this decision has already been made', 'ATS-36');
      const objection = manager.create(AtsObjection, {
        participantId,
        outcomeId: outcome.id,
        grounds: grounds.trim(),
        status: ObjectionStatus.RECEIVED,
        receivedAt: this.clock.now(),
        reviewStartedAt: null,
        decidedAt: null,
        decidedBy: null,
        reasons: null,
        newOutcomeRecordedAt: null,
      });
      await manager.save(objection);
      return { result: objection, audit: { action: 'objection.receive', targetType: 'participant', targetId: participantId } };
    });
  }

  /** ATS-36: RECEIVED -> UNDER_REVIEW. */
  async startObjectionReview(viewer: Viewer, objectionId: string): Promise<AtsObjection> {
    return this.moveObjection(viewer, objectionId, [ObjectionStatus.RECEIVED], ObjectionStatus.UNDER_REVIEW, null);
  }

  /** ATS-36: UNDER_REVIEW (or RECEIVED) -> UPHELD / NOT_UPHELD, with reasons. An upheld one lets staff record a new outcome. */
  async decideObjection(viewer: Viewer, objectionId: string, upheld: boolean, reasons: string): Promise<AtsObjection> {
    return this.moveObjection(viewer, objectionId, [ObjectionStatus.RECEIVED, ObjectionStatus.UNDER_REVIEW], upheld ? ObjectionStatus.UPHELD : ObjectionStatus.NOT_UPHELD, reasons.trim());
  }

  private async moveObjection(viewer: Viewer, objectionId: string, from: ObjectionStatus[], to: ObjectionStatus, reasons: string | null): Promise<AtsObjection> {
    requireRole(viewer, RESULTS_STAFF_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const objection = await manager.findOne(AtsObjection, { where: { id: objectionId }, lock: { mode: 'pessimistic_write' } });
      if (!objection) throw notFound('Objection');
      const participant = await manager.findOneByOrFail(Participant, { id: objection.participantId });
      requireNotOwnCase(viewer, participant.memberId);
      if (!from.includes(objection.status)) throw conflict(`An objection that is ${objection.status} cannot become ${to}`, 'ATS-36');
      const now = this.clock.now();
      objection.status = to;
      if (to === ObjectionStatus.UNDER_REVIEW) objection.reviewStartedAt = now;
      else {
        objection.decidedAt = now;
        objection.decidedBy = viewer.subject;
        objection.reasons = reasons;
      }
      await manager.save(objection);
      const member = await manager.findOneByOrFail(Member, { id: participant.memberId });
      await this.notifications.enqueue(manager, objectionUpdated(member, to, reasons));
      return { result: objection, audit: { action: 'objection.move', targetType: 'participant', targetId: participant.id, detail: { to } } };
    });
  }

  async objections(viewer: Viewer, status: ObjectionStatus | undefined, request: PageRequest = {}): Promise<Page<AtsObjection>> {
    requireRole(viewer, RESULTS_STAFF_ROLES);
    const qb = this.dataSource.getRepository(AtsObjection).createQueryBuilder('x');
    if (status) qb.where('x.status = :status', { status });
    return pageByInstant(qb, 'x.received_at', 'ASC', (r) => r.receivedAt, request);
  }

  private async hasOtherOpenParticipation(manager: EntityManager, participant: Participant): Promise<boolean> {
    const others = await manager.find(Participant, { where: { memberId: participant.memberId, status: In(OPEN_STATES) }, select: { id: true } });
    return others.some((o) => o.id !== participant.id);
  }
}

