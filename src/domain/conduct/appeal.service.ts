import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { Member } from '../membership/member.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { londonToday } from '../shared/dates';
import { assertNoViolations, badInput, notFound, ruleViolation } from '../shared/errors';
import { pageByInstant, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import { hasAnyRole, requireNotOwnCase, requireRole, type Viewer } from '../shared/viewer';
import { ConductAppeal } from './appeal.entity';
import { Complaint } from './complaint.entity';
import { CONDUCT_ROLES, conflictedIds, convenePanel } from './conduct-access';
import type { ConductCaseService } from './conduct-case.service';
import { lockCase } from './conduct-case.service';
import { ConductCase } from './conduct-case.entity';
import { AppealOutcome, AppealStatus, AppealSubject, CaseOutcome, ConductCaseStatus, PanelPurpose, SanctionState } from './conduct.enums';
import { appealDecided, appealLodged } from './conduct.notices';
import {
  assertAppealTransition,
  assertCaseTransition,
  assertReasoned,
  deciderViolations,
  newReference,
  sanctionRequestViolations,
  type PanelContext,
  type PanelSeatPerson,
  type SanctionRequest,
} from './conduct.rules';
import { ConductPanel, ConductPanelSeat } from './panel.entity';
import type { SanctionEffects } from './sanction-effects';
import { ConductSanction } from './sanction.entity';

export interface AppealDecisionInput {
  outcome: AppealOutcome;
  reasons: string;
  /** SANCTION_VARIED: the sanctions that replace the original ones. */
  sanctions: SanctionRequest[];
}

export interface AppealFile {
  appeal: ConductAppeal;
  panel: { panel: ConductPanel; seats: ConductPanelSeat[] } | null;
}

/**
 * COP-6, COP-7, COP-3: appeals against conduct decisions (and complaints escalated to an appeal), decided by a panel
 * that shares nobody with the original decision; the outcome undoes or varies the sanctions in the same transaction.
 */
export class ConductAppealService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly effects: SanctionEffects,
    private readonly cases: ConductCaseService,
  ) {}

  /** COP-6: the subject (or the conduct panel on their behalf) appeals a finding of misconduct. */
  async lodge(viewer: Viewer, caseId: string, grounds: string): Promise<ConductAppeal> {
    const text = assertReasoned('grounds', grounds, 'COP-6');
    // Ownership before any lock, and the same answer for someone else's case as for a missing one.
    const peek = await this.dataSource.getRepository(ConductCase).findOne({ where: { id: caseId }, select: { id: true, subjectMemberId: true } });
    const isSubject = !!peek && viewer.memberId === peek.subjectMemberId;
    if (!isSubject && !hasAnyRole(viewer, CONDUCT_ROLES)) throw notFound('Conduct case');
    if (!peek) throw notFound('Conduct case');
    return this.uow.run(viewer, async (manager) => {
      const c = await lockCase(manager, caseId);
      assertCaseTransition(c.status, ConductCaseStatus.UNDER_APPEAL);
      if (c.outcome !== CaseOutcome.MISCONDUCT_FOUND) throw ruleViolation('COP-6', 'Only a finding of misconduct can be appealed');
      const appeal = manager.create(ConductAppeal, {
        reference: newReference('AP'),
        subject: AppealSubject.CONDUCT_DECISION,
        caseId: c.id,
        complaintId: null,
        appellantMemberId: c.subjectMemberId,
        grounds: text,
        lodgedBy: viewer.subject,
        lodgedAt: this.clock.now(),
        status: AppealStatus.LODGED,
        outcome: null,
        reasons: null,
        decidedAt: null,
        decidedBy: null,
      });
      await manager.save(appeal);
      c.status = ConductCaseStatus.UNDER_APPEAL;
      c.updatedAt = this.clock.now();
      await manager.save(c);
      await this.notifications.enqueue(manager, appealLodged(await manager.findOneByOrFail(Member, { id: c.subjectMemberId }), appeal));
      return { result: appeal, audit: { action: 'conductAppeal.lodge', targetType: 'conduct_appeal', targetId: appeal.id, detail: { caseId } } };
    });
  }

  /** COP-3, COP-4, DEC-G1: the appeal panel shares nobody with the original decision. */
  async convenePanel(viewer: Viewer, appealId: string, seats: PanelSeatPerson[]): Promise<ConductAppeal> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    return this.uow.run(viewer, async (manager) => {
      const appeal = await this.lock(manager, appealId);
      if (appeal.appellantMemberId) requireNotOwnCase(viewer, appeal.appellantMemberId);
      assertAppealTransition(appeal.status, AppealStatus.PANEL_CONVENED);
      const ctx = await this.context(manager, appeal);
      await convenePanel(manager, this.clock, viewer.subject, { purpose: PanelPurpose.APPEAL, caseId: appeal.caseId, appealId: appeal.id }, seats, ctx);
      appeal.status = AppealStatus.PANEL_CONVENED;
      await manager.save(appeal);
      return { result: appeal, audit: { action: 'conductAppeal.convenePanel', targetType: 'conduct_appeal', targetId: appeal.id } };
    });
  }

  /**
   * COP-6: UPHELD overturns the decision and restores what its sanctions took; SANCTION_VARIED restores them and
   * imposes the new ones; NOT_UPHELD leaves the decision standing. All in this one transaction.
   */
  async decide(viewer: Viewer, appealId: string, input: AppealDecisionInput): Promise<ConductAppeal> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const reasons = assertReasoned('reasons', input.reasons, 'COP-6');
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const peek = await manager.findOneBy(ConductAppeal, { id: appealId });
      if (!peek) throw notFound('Appeal');
      // Lock order everywhere: case, then appeal.
      const c = peek.caseId ? await lockCase(manager, peek.caseId) : null;
      const appeal = await this.lock(manager, appealId);
      if (appeal.appellantMemberId) requireNotOwnCase(viewer, appeal.appellantMemberId);
      assertAppealTransition(appeal.status, AppealStatus.DECIDED);
      assertNoViolations(deciderViolations(viewer, await this.context(manager, appeal)), 'You cannot decide this appeal');
      if (appeal.subject === AppealSubject.COMPLAINT_OUTCOME && input.outcome === AppealOutcome.SANCTION_VARIED) {
        throw badInput('outcome', 'A complaint appeal is UPHELD or NOT_UPHELD (COP-7)');
      }
      if (input.outcome !== AppealOutcome.SANCTION_VARIED && input.sanctions.length) throw badInput('sanctions', 'Only a SANCTION_VARIED outcome names sanctions');
      let imposed: ConductSanction[] = [];
      if (c) {
        assertCaseTransition(c.status, ConductCaseStatus.APPEAL_DECIDED);
        if (input.outcome === AppealOutcome.SANCTION_VARIED) {
          assertNoViolations(sanctionRequestViolations(input.outcome, input.sanctions, today, !!c.participantId), 'The varied sanction is not valid');
        }
        if (input.outcome !== AppealOutcome.NOT_UPHELD) {
          const inEffect = await manager.find(ConductSanction, { where: { caseId: c.id, state: SanctionState.IN_EFFECT }, order: { position: 'DESC' }, lock: { mode: 'pessimistic_write' } });
          const state = input.outcome === AppealOutcome.UPHELD ? SanctionState.OVERTURNED : SanctionState.VARIED;
          // Newest first: undoing in reverse order of imposition restores each row to exactly what it was.
          for (const s of inEffect) await this.effects.undo(manager, s, state, viewer.subject, `Appeal ${appeal.reference}: ${input.outcome}`);
          for (const s of input.sanctions) imposed.push(await this.effects.impose(manager, c, s, appeal.id));
        }
        c.status = ConductCaseStatus.APPEAL_DECIDED;
        c.updatedAt = this.clock.now();
        await manager.save(c);
      } else imposed = [];
      appeal.status = AppealStatus.DECIDED;
      appeal.outcome = input.outcome;
      appeal.reasons = reasons;
      appeal.decidedAt = this.clock.now();
      appeal.decidedBy = viewer.subject;
      await manager.save(appeal);
      await this.notifyDecision(manager, appeal, imposed);
      return { result: appeal, audit: { action: 'conductAppeal.decide', targetType: 'conduct_appeal', targetId: appeal.id, detail: { outcome: input.outcome, caseId: appeal.caseId, complaintId: appeal.complaintId } } };
    });
  }

  async file(viewer: Viewer, appealId: string): Promise<AppealFile> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const m = this.dataSource.manager;
    const appeal = await m.findOneBy(ConductAppeal, { id: appealId });
    if (!appeal) throw notFound('Appeal');
    if (appeal.appellantMemberId) requireNotOwnCase(viewer, appeal.appellantMemberId);
    const panel = await m.findOneBy(ConductPanel, { appealId });
    await this.audit.recordRead(viewer, { action: 'conductAppeal.read', targetType: 'conduct_appeal', targetId: appealId });
    return { appeal, panel: panel ? { panel, seats: await m.findBy(ConductPanelSeat, { panelId: panel.id }) } : null };
  }

  async list(viewer: Viewer, status: AppealStatus | undefined, request: PageRequest): Promise<Page<ConductAppeal>> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const qb = this.dataSource.getRepository(ConductAppeal).createQueryBuilder('a');
    if (status) qb.andWhere('a.status = :status', { status });
    if (viewer.memberId) qb.andWhere('(a.appellant_member_id IS NULL OR a.appellant_member_id <> :self)', { self: viewer.memberId });
    const page = await pageByInstant(qb, 'a.lodged_at', 'ASC', (r) => r.lodgedAt, request);
    await this.audit.recordRead(viewer, { action: 'conductAppeal.list', targetType: 'conduct_appeal', detail: { returned: page.items.map((a) => a.id) } });
    return page;
  }

  /** Who may not sit on or decide this appeal: the subject, the reporter, anyone conflicted, and the original deciders. */
  private async context(manager: EntityManager, appeal: ConductAppeal): Promise<PanelContext> {
    if (appeal.caseId) {
      const c = await manager.findOneByOrFail(ConductCase, { id: appeal.caseId });
      return { subjectMemberId: c.subjectMemberId, reporterId: c.reportedBy, conflictedIds: await conflictedIds(manager, c.id), originalPanelIds: await this.cases.originalDeciders(manager, c) };
    }
    const complaint = await manager.findOneByOrFail(Complaint, { id: appeal.complaintId! });
    const original = [complaint.assignedTo, complaint.resolvedBy].filter((x): x is string => !!x);
    return { subjectMemberId: complaint.complainantMemberId, reporterId: null, conflictedIds: [], originalPanelIds: original };
  }

  private async notifyDecision(manager: EntityManager, appeal: ConductAppeal, imposed: ConductSanction[]): Promise<void> {
    if (appeal.appellantMemberId) {
      const m = await manager.findOneByOrFail(Member, { id: appeal.appellantMemberId });
      await this.notifications.enqueue(manager, appealDecided({ recipientMemberId: m.id, toAddress: m.email }, m.givenName, appeal, imposed));
      return;
    }
    const complaint = appeal.complaintId ? await manager.findOneBy(Complaint, { id: appeal.complaintId }) : null;
    if (complaint?.contactEmail) await this.notifications.enqueue(manager, appealDecided({ toAddress: complaint.contactEmail }, complaint.complainantName ?? 'complainant', appeal, imposed));
  }

  private async lock(manager: EntityManager, id: string): Promise<ConductAppeal> {
    const appeal = await manager.findOne(ConductAppeal, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!appeal) throw notFound('Appeal');
    return appeal;
  }
}

