import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { AtsOutcome } from '../ats/results/results.entities';
import { AssessmentOutcome, SubmissionRound } from '../ats/results/results.enums';
import { Participant } from '../ats/programme/participant.entity';
import type { AuditService } from '../audit/audit.service';
import { Member } from '../membership/member.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { badInput, notFound } from '../shared/errors';
import { pageByInstant, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import { hasAnyRole, requireMemberId, requireNotOwnCase, requireRole, type Viewer } from '../shared/viewer';
import { AwardAppeal } from './award-appeal.entity';
import type { AwardAppealEffects } from './award-appeal.ports';
import { CONDUCT_ROLES } from './conduct-access';
import { AppealedAwardDecision, AwardAppealOutcome, AwardAppealRemedy, AwardAppealStatus } from './conduct.enums';
import { awardAppealDecided, awardAppealLodged } from './conduct.notices';
import { assertAwardAppealTransition, assertAwardDecisionReceived, assertReasoned, newReference, remedyFor } from './conduct.rules';

/** COP-7: appeals under the QTLS and ATS awards appeals policy against a decision not to award. */
export class AwardAppealService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly effects: AwardAppealEffects,
  ) {}

  /** The participant (or the conduct panel on their behalf) appeals one decision not to award; once per decision. */
  async lodge(viewer: Viewer, participantId: string, decision: AppealedAwardDecision, grounds: string): Promise<AwardAppeal> {
    const text = assertReasoned('grounds', grounds, 'COP-7');
    const participant = await this.dataSource.getRepository(Participant).findOne({ where: { id: participantId }, select: { id: true, memberId: true } });
    const own = !!participant && viewer.memberId === participant.memberId;
    if (!own && !hasAnyRole(viewer, CONDUCT_ROLES)) throw notFound('Participant');
    if (!participant) throw notFound('Participant');
    return this.uow.run(viewer, async (manager) => {
      // COP-7: only a decision the participant received; the row is held (FOR SHARE) so its state cannot move meanwhile.
      const held = await manager.findOneOrFail(Participant, { where: { id: participantId }, select: { id: true, status: true }, lock: { mode: 'pessimistic_read' } });
      const failedResubmission =
        decision === AppealedAwardDecision.RESUBMISSION_FAILED &&
        (await manager.existsBy(AtsOutcome, { participantId, round: SubmissionRound.RESUBMISSION, outcome: AssessmentOutcome.RESTART_REQUIRED, supersededAt: IsNull(), releasedAt: Not(IsNull()) }));
      assertAwardDecisionReceived(decision, held.status, failedResubmission);
      const appeal = manager.create(AwardAppeal, {
        reference: newReference('AA'),
        participantId,
        memberId: participant.memberId,
        decisionAppealed: decision,
        grounds: text,
        lodgedBy: viewer.subject,
        lodgedAt: this.clock.now(),
        status: AwardAppealStatus.LODGED,
        reviewNotes: null,
        reviewer: null,
        reviewStartedAt: null,
        outcome: null,
        reasons: null,
        decidedAt: null,
        decidedBy: null,
        remedy: null,
        remedyAppliedBy: null,
      });
      // A second appeal against the same decision hits the unique index and becomes CONFLICT.
      await manager.save(appeal);
      await this.notifications.enqueue(manager, awardAppealLodged(await manager.findOneByOrFail(Member, { id: participant.memberId }), appeal));
      return { result: appeal, audit: { action: 'awardAppeal.lodge', targetType: 'award_appeal', targetId: appeal.id, detail: { participantId, decision } } };
    });
  }

  /** Staff record the review (DEC-G1: not by the appellant). */
  async startReview(viewer: Viewer, id: string, notes: string): Promise<AwardAppeal> {
    const text = assertReasoned('notes', notes, 'COP-7', 3);
    return this.transition(viewer, id, AwardAppealStatus.UNDER_REVIEW, 'awardAppeal.startReview', async (_m, a) => {
      a.reviewNotes = text;
      a.reviewer = viewer.subject;
      a.reviewStartedAt = this.clock.now();
    });
  }

  /** COP-7: the outcome with reasons; an upheld appeal lets the participant proceed to the blocked step, through the port. */
  async decide(viewer: Viewer, id: string, outcome: AwardAppealOutcome, reasons: string, remedy: AwardAppealRemedy | null | undefined): Promise<AwardAppeal> {
    const why = assertReasoned('reasons', reasons, 'COP-7');
    if (outcome === AwardAppealOutcome.NOT_UPHELD && remedy) throw badInput('remedy', 'Only an upheld appeal grants a next step');
    return this.transition(viewer, id, AwardAppealStatus.DECIDED, 'awardAppeal.decide', async (manager, a) => {
      a.outcome = outcome;
      a.reasons = why;
      a.decidedAt = this.clock.now();
      a.decidedBy = viewer.subject;
      if (outcome === AwardAppealOutcome.UPHELD) {
        a.remedy = remedyFor(a.decisionAppealed, remedy);
        const ctx = { appealId: a.id, decidedBy: viewer.subject, decidedAt: a.decidedAt };
        a.remedyAppliedBy =
          a.remedy === AwardAppealRemedy.PROCEED_TO_AWARD ? await this.effects.proceedToAward(a.participantId, manager, ctx) : await this.effects.allowNewViva(a.participantId, manager, ctx);
      }
      await this.notifications.enqueue(manager, awardAppealDecided(await manager.findOneByOrFail(Member, { id: a.memberId }), a));
    });
  }

  async mine(viewer: Viewer): Promise<AwardAppeal[]> {
    const memberId = requireMemberId(viewer);
    const rows = await this.dataSource.getRepository(AwardAppeal).find({ where: { memberId }, order: { lodgedAt: 'DESC', id: 'DESC' }, take: 100 });
    await this.audit.recordRead(viewer, { action: 'awardAppeal.readOwn', targetType: 'award_appeal', detail: { returned: rows.map((r) => r.id) } });
    return rows;
  }

  async list(viewer: Viewer, status: AwardAppealStatus | undefined, request: PageRequest): Promise<Page<AwardAppeal>> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const qb = this.dataSource.getRepository(AwardAppeal).createQueryBuilder('a');
    if (status) qb.andWhere('a.status = :status', { status });
    // DEC-G1: a panel user never handles (or lists) their own appeal.
    if (viewer.memberId) qb.andWhere('a.member_id <> :self', { self: viewer.memberId });
    const page = await pageByInstant(qb, 'a.lodged_at', 'ASC', (r) => r.lodgedAt, request);
    await this.audit.recordRead(viewer, { action: 'awardAppeal.list', targetType: 'award_appeal', detail: { returned: page.items.map((r) => r.id) } });
    return page;
  }

  private async transition(viewer: Viewer, id: string, to: AwardAppealStatus, action: string, work: (m: EntityManager, a: AwardAppeal) => Promise<void>): Promise<AwardAppeal> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    return this.uow.run(viewer, async (manager) => {
      const a = await manager.findOne(AwardAppeal, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw notFound('Award appeal');
      requireNotOwnCase(viewer, a.memberId);
      const from = a.status;
      assertAwardAppealTransition(a.status, to);
      await work(manager, a);
      a.status = to;
      await manager.save(a);
      return { result: a, audit: { action, targetType: 'award_appeal', targetId: a.id, detail: { from, to, outcome: a.outcome, remedy: a.remedy } } };
    });
  }
}
