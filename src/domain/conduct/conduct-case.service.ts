import { In, type DataSource, type EntityManager } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import type { AuditService } from '../audit/audit.service';
import { Member } from '../membership/member.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { isAfter, londonToday, type LocalDate } from '../shared/dates';
import { assertNoViolations, badInput, notFound, ruleViolation } from '../shared/errors';
import { pageByInstant, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import { requireMemberId, requireNotOwnCase, requireRole, type Viewer } from '../shared/viewer';
import { ConductAppeal } from './appeal.entity';
import { CASE_REPORTER_ROLES, CONDUCT_ROLES, conflictedIds, convenePanel, panelPeople } from './conduct-access';
import { ConductCase, ConductCaseNote, ConductConflict, ConductExternalContact } from './conduct-case.entity';
import { CaseOrigin, type CaseOutcome, ConductCaseStatus, type ExternalBodyKind, type MisconductCategory, PanelPurpose, SanctionKind, SanctionState } from './conduct.enums';
import { caseDecided, caseDismissed, sanctionLifted } from './conduct.notices';
import {
  assertCaseTransition,
  assertReasoned,
  conductPanelViolations,
  deciderViolations,
  newReference,
  sanctionRequestViolations,
  suspensionHasEnded,
  type PanelContext,
  type PanelSeatPerson,
  type SanctionRequest,
} from './conduct.rules';
import { ConductPanel, ConductPanelSeat } from './panel.entity';
import type { SanctionEffects } from './sanction-effects';
import { ConductSanction, ConductSanctionEffect } from './sanction.entity';

export interface ReportCaseInput {
  subjectMemberId: string;
  participantId?: string | null;
  category: MisconductCategory;
  description: string;
  evidenceNotes: string;
}

export interface CaseDecisionInput {
  outcome: CaseOutcome;
  reasons: string;
  sanctions: SanctionRequest[];
}

export interface ExternalContactInput {
  contactedOn: LocalDate;
  bodyKind: ExternalBodyKind;
  bodyName: string;
  purpose: string;
}

/** Everything staff see about a case (the reporter and internal notes included). */
export interface CaseFile {
  conductCase: ConductCase;
  notes: ConductCaseNote[];
  externalContacts: ConductExternalContact[];
  conflicts: ConductConflict[];
  panel: { panel: ConductPanel; seats: ConductPanelSeat[] } | null;
  sanctions: (ConductSanction & { effects: ConductSanctionEffect[] })[];
  appeal: ConductAppeal | null;
}

/** What the subject sees of their own case: status, decision, reasons, sanctions, appeal. Never the reporter or notes. */
export interface SubjectCaseView {
  conductCase: ConductCase;
  sanctions: ConductSanction[];
  appeal: ConductAppeal | null;
}

/** ATS-54..56, COP-4, COP-6, DEC-G1: misconduct cases from report to decision, with sanctions that take effect. */
export class ConductCaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly effects: SanctionEffects,
  ) {}

  /** ATS-54: staff report a case against a member, or from a programme (linked to the participation). */
  async report(viewer: Viewer, input: ReportCaseInput): Promise<ConductCase> {
    requireRole(viewer, CASE_REPORTER_ROLES, 'ATS-57');
    requireNotOwnCase(viewer, input.subjectMemberId);
    const description = assertReasoned('description', input.description, 'ATS-54');
    const evidenceNotes = (input.evidenceNotes ?? '').trim();
    return this.uow.run(viewer, async (manager) => {
      if (!(await manager.existsBy(Member, { id: input.subjectMemberId }))) throw badInput('subjectMemberId', 'No member has this id');
      if (input.participantId) {
        const p = await manager.findOneBy(Participant, { id: input.participantId });
        if (!p || p.memberId !== input.subjectMemberId) throw badInput('participantId', 'The participation does not belong to the subject member');
      }
      const now = this.clock.now();
      const row = manager.create(ConductCase, {
        reference: newReference('CC'),
        subjectMemberId: input.subjectMemberId,
        origin: input.participantId ? CaseOrigin.PROGRAMME : CaseOrigin.STAFF_REPORT,
        participantId: input.participantId ?? null,
        category: input.category,
        description,
        evidenceNotes,
        reportedBy: viewer.subject,
        reportedAt: now,
        status: ConductCaseStatus.REPORTED,
        investigationStartedAt: null,
        outcome: null,
        decisionReasons: null,
        decidedAt: null,
        decidedOn: null,
        decidedBy: null,
        dismissedAt: null,
        updatedAt: now,
      });
      await manager.save(row);
      return { result: row, audit: { action: 'conductCase.report', targetType: 'conduct_case', targetId: row.id, detail: { subjectMemberId: row.subjectMemberId, category: row.category, origin: row.origin } } };
    });
  }

  async startInvestigation(viewer: Viewer, id: string): Promise<ConductCase> {
    return this.transition(viewer, id, 'conductCase.startInvestigation', async (manager, c) => {
      assertCaseTransition(c.status, ConductCaseStatus.UNDER_INVESTIGATION);
      c.status = ConductCaseStatus.UNDER_INVESTIGATION;
      c.investigationStartedAt = this.clock.now();
    });
  }

  /** An investigation note with its date (internal). */
  async addNote(viewer: Viewer, id: string, notedOn: LocalDate, note: string): Promise<ConductCaseNote> {
    const text = assertReasoned('note', note, 'ATS-54', 1);
    if (isAfter(notedOn, londonToday(this.clock))) throw badInput('notedOn', 'A note cannot be dated in the future');
    return this.withCase(viewer, id, 'conductCase.addNote', async (manager, c) => {
      if (c.status === ConductCaseStatus.REPORTED) throw ruleViolation('ATS-54', 'Start the investigation before recording its notes');
      return manager.save(manager.create(ConductCaseNote, { caseId: c.id, notedOn, note: text, recordedBy: viewer.subject, recordedAt: this.clock.now() }));
    });
  }

  /** ATS-55: a contact with an external body in suspected fraud or deceit: date, body and purpose. */
  async recordExternalContact(viewer: Viewer, id: string, input: ExternalContactInput): Promise<ConductExternalContact> {
    const purpose = assertReasoned('purpose', input.purpose, 'ATS-55', 3);
    if (isAfter(input.contactedOn, londonToday(this.clock))) throw badInput('contactedOn', 'A contact cannot be dated in the future');
    return this.withCase(viewer, id, 'conductCase.recordExternalContact', async (manager, c) =>
      manager.save(manager.create(ConductExternalContact, { caseId: c.id, contactedOn: input.contactedOn, bodyKind: input.bodyKind, bodyName: input.bodyName.trim(), purpose, recordedBy: viewer.subject, recordedAt: this.clock.now() })),
    );
  }

  /** DEC-G1: a person (member or staff user) declares a conflict of interest; they can then neither sit nor decide. */
  async declareConflict(viewer: Viewer, id: string, personId: string, note: string): Promise<ConductConflict> {
    const text = assertReasoned('note', note, 'DEC-G1', 3);
    return this.withCase(viewer, id, 'conductCase.declareConflict', async (manager, c) => {
      if ([ConductCaseStatus.DISMISSED, ConductCaseStatus.APPEAL_DECIDED].includes(c.status)) throw ruleViolation('DEC-G1', `The case is ${c.status}`);
      return manager.save(manager.create(ConductConflict, { caseId: c.id, personId, note: text, declaredBy: viewer.subject, declaredAt: this.clock.now() }));
    });
  }

  /** COP-4, DEC-G1: the decision panel: at least one current SET member; not the subject, reporter or anyone conflicted. */
  async convenePanel(viewer: Viewer, id: string, seats: PanelSeatPerson[]): Promise<ConductCase> {
    return this.transition(viewer, id, 'conductCase.convenePanel', async (manager, c) => {
      assertCaseTransition(c.status, ConductCaseStatus.PANEL_CONVENED);
      await convenePanel(manager, this.clock, viewer.subject, { purpose: PanelPurpose.DECISION, caseId: c.id, appealId: null }, seats, await this.context(manager, c));
      c.status = ConductCaseStatus.PANEL_CONVENED;
    });
  }

  /** COP-6, ATS-56: the panel's decision with reasons; its sanctions take effect in this same transaction. */
  async decide(viewer: Viewer, id: string, input: CaseDecisionInput): Promise<ConductCase> {
    const reasons = assertReasoned('reasons', input.reasons, 'COP-6');
    const today = londonToday(this.clock);
    return this.withCase(viewer, id, 'conductCase.decide', async (manager, c) => {
      assertCaseTransition(c.status, ConductCaseStatus.DECIDED);
      const ctx = await this.context(manager, c);
      assertNoViolations(deciderViolations(viewer, ctx), 'You cannot decide this case');
      // A conflict declared after the panel sat still disqualifies its seat (DEC-G1).
      const panel = await manager.findOneByOrFail(ConductPanel, { caseId: c.id, purpose: PanelPurpose.DECISION });
      const seats = await manager.findBy(ConductPanelSeat, { panelId: panel.id });
      assertNoViolations(
        conductPanelViolations(seats, [], [], ctx, today).filter((v) => v.rule === 'DEC-G1'),
        'The panel is not valid',
      );
      assertNoViolations(sanctionRequestViolations(input.outcome, input.sanctions, today, !!c.participantId), 'The decision is not valid');
      c.status = ConductCaseStatus.DECIDED;
      c.outcome = input.outcome;
      c.decisionReasons = reasons;
      c.decidedAt = this.clock.now();
      c.decidedOn = today;
      c.decidedBy = viewer.subject;
      const sanctions: ConductSanction[] = [];
      for (const s of input.sanctions) sanctions.push(await this.effects.impose(manager, c, s, null));
      const member = await manager.findOneByOrFail(Member, { id: c.subjectMemberId });
      await this.notifications.enqueue(manager, caseDecided(member, c, sanctions));
      return c;
    }, (c) => ({ outcome: c.outcome }));
  }

  /** COP-6: no case to answer: closed before a panel sits, with reasons. */
  async dismiss(viewer: Viewer, id: string, reasons: string): Promise<ConductCase> {
    const why = assertReasoned('reasons', reasons, 'COP-6');
    return this.withCase(viewer, id, 'conductCase.dismiss', async (manager, c) => {
      assertCaseTransition(c.status, ConductCaseStatus.DISMISSED);
      assertNoViolations(deciderViolations(viewer, await this.context(manager, c)), 'You cannot decide this case');
      c.status = ConductCaseStatus.DISMISSED;
      c.decisionReasons = why;
      c.dismissedAt = this.clock.now();
      c.decidedBy = viewer.subject;
      await this.notifications.enqueue(manager, caseDismissed(await manager.findOneByOrFail(Member, { id: c.subjectMemberId }), c));
      return c;
    });
  }

  /** COP-6: lifting a suspension early restores exactly what it took away, and nothing more. */
  async liftSanction(viewer: Viewer, sanctionId: string, reason: string): Promise<ConductSanction & { effects: ConductSanctionEffect[] }> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const why = assertReasoned('reason', reason, 'COP-6');
    const found = await this.dataSource.getRepository(ConductSanction).findOne({ where: { id: sanctionId }, select: { id: true, caseId: true } });
    if (!found) throw notFound('Sanction');
    return this.withCase(viewer, found.caseId, 'conductSanction.lift', async (manager, c) => {
      const sanction = await manager.findOneOrFail(ConductSanction, { where: { id: sanctionId }, lock: { mode: 'pessimistic_write' } });
      if (![SanctionKind.MEMBERSHIP_SUSPENSION, SanctionKind.STATUS_SUSPENSION].includes(sanction.kind)) throw ruleViolation('COP-6', 'Only a suspension can be lifted early; an appeal can overturn other sanctions');
      if (sanction.state !== SanctionState.IN_EFFECT) throw ruleViolation('COP-6', `This sanction is already ${sanction.state}`);
      if (suspensionHasEnded(sanction.endsOn, londonToday(this.clock))) throw ruleViolation('DEC-G2', `This suspension already ended on ${sanction.endsOn}`);
      if (c.status === ConductCaseStatus.UNDER_APPEAL) throw ruleViolation('COP-6', 'The case is under appeal: the appeal panel decides its sanctions');
      assertNoViolations(deciderViolations(viewer, await this.context(manager, c)), 'You cannot act on this case');
      const effects = await this.effects.undo(manager, sanction, SanctionState.LIFTED, viewer.subject, why);
      await this.notifications.enqueue(manager, sanctionLifted(await manager.findOneByOrFail(Member, { id: c.subjectMemberId }), c, sanction));
      return Object.assign(sanction, { effects });
    }, () => ({ sanctionId }));
  }

  /** The whole file, for the conduct panel (an audited read). */
  async file(viewer: Viewer, id: string): Promise<CaseFile> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const m = this.dataSource.manager;
    const conductCase = await m.findOneBy(ConductCase, { id });
    if (!conductCase) throw notFound('Conduct case');
    // DEC-G1: a panel user who is the subject never sees their own file (the reporter, the notes).
    requireNotOwnCase(viewer, conductCase.subjectMemberId);
    const [notes, externalContacts, conflicts, panel, sanctions, appeal] = [
      await m.find(ConductCaseNote, { where: { caseId: id }, order: { notedOn: 'ASC', recordedAt: 'ASC' } }),
      await m.find(ConductExternalContact, { where: { caseId: id }, order: { contactedOn: 'ASC', recordedAt: 'ASC' } }),
      await m.find(ConductConflict, { where: { caseId: id }, order: { declaredAt: 'ASC' } }),
      await m.findOneBy(ConductPanel, { caseId: id, purpose: PanelPurpose.DECISION }),
      await m.find(ConductSanction, { where: { caseId: id }, order: { position: 'ASC' } }),
      await m.findOneBy(ConductAppeal, { caseId: id }),
    ];
    const effects = sanctions.length ? await m.find(ConductSanctionEffect, { where: { sanctionId: In(sanctions.map((s) => s.id)) }, order: { appliedAt: 'ASC', id: 'ASC' } }) : [];
    await this.audit.recordRead(viewer, { action: 'conductCase.read', targetType: 'conduct_case', targetId: id, detail: { subjectMemberId: conductCase.subjectMemberId } });
    return {
      conductCase,
      notes,
      externalContacts,
      conflicts,
      panel: panel ? { panel, seats: await m.findBy(ConductPanelSeat, { panelId: panel.id }) } : null,
      sanctions: sanctions.map((s) => Object.assign(s, { effects: effects.filter((e) => e.sanctionId === s.id) })),
      appeal,
    };
  }

  /** The conduct panel's list, oldest report first (an audited read). */
  async list(viewer: Viewer, status: ConductCaseStatus | undefined, subjectMemberId: string | undefined, request: PageRequest): Promise<Page<ConductCase>> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const qb = this.dataSource.getRepository(ConductCase).createQueryBuilder('c');
    if (status) qb.andWhere('c.status = :status', { status });
    if (subjectMemberId) qb.andWhere('c.subject_member_id = :subjectMemberId', { subjectMemberId });
    // DEC-G1: nobody sees their own cases in the panel's list.
    const self = [viewer.memberId, viewer.subject].filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x));
    if (self.length) qb.andWhere('c.subject_member_id NOT IN (:...self)', { self });
    const page = await pageByInstant(qb, 'c.reported_at', 'ASC', (r) => r.reportedAt, request);
    await this.audit.recordRead(viewer, { action: 'conductCase.list', targetType: 'conduct_case', detail: { returned: page.items.map((r) => r.id) } });
    return page;
  }

  /** The subject's own cases: status, decision, reasons, sanctions and appeal; never the reporter or the notes. */
  async mine(viewer: Viewer): Promise<SubjectCaseView[]> {
    const memberId = requireMemberId(viewer);
    const m = this.dataSource.manager;
    const cases = await m.find(ConductCase, { where: { subjectMemberId: memberId }, order: { reportedAt: 'DESC', id: 'DESC' }, take: 100 });
    const ids = cases.map((c) => c.id);
    const sanctions = ids.length ? await m.find(ConductSanction, { where: { caseId: In(ids) }, order: { position: 'ASC' } }) : [];
    const appeals = ids.length ? await m.find(ConductAppeal, { where: { caseId: In(ids) } }) : [];
    await this.audit.recordRead(viewer, { action: 'conductCase.readOwn', targetType: 'conduct_case', detail: { returned: ids } });
    return cases.map((c) => ({ conductCase: c, sanctions: sanctions.filter((s) => s.caseId === c.id), appeal: appeals.find((a) => a.caseId === c.id) ?? null }));
  }

  /** DEC-G1 context: who may not sit on or decide this case. */
  async context(manager: EntityManager, c: ConductCase): Promise<PanelContext> {
    return { subjectMemberId: c.subjectMemberId, reporterId: c.reportedBy, conflictedIds: await conflictedIds(manager, c.id) };
  }

  /** Everyone on the decision panel plus whoever recorded the decision: nobody an appeal panel may share (COP-3). */
  async originalDeciders(manager: EntityManager, c: ConductCase): Promise<string[]> {
    const panel = await manager.findOneBy(ConductPanel, { caseId: c.id, purpose: PanelPurpose.DECISION });
    return [...(panel ? await panelPeople(manager, panel.id) : []), ...(c.decidedBy ? [c.decidedBy] : [])];
  }

  /** Role check, then the case under a row lock (so of two concurrent transitions one wins), then the change and its audit. */
  private async withCase<T>(viewer: Viewer, id: string, action: string, work: (manager: EntityManager, c: ConductCase) => Promise<T>, detail?: (c: ConductCase) => Record<string, unknown>): Promise<T> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    return this.uow.run(viewer, async (manager) => {
      const c = await lockCase(manager, id);
      // DEC-G1: nobody acts on a case about themselves (the decision checks add the reporter and declared conflicts).
      requireNotOwnCase(viewer, c.subjectMemberId);
      const before = c.status;
      const result = await work(manager, c);
      c.updatedAt = this.clock.now();
      await manager.save(c);
      return { result, audit: { action, targetType: 'conduct_case', targetId: c.id, detail: { from: before, to: c.status, ...(detail?.(c) ?? {}) } } };
    });
  }

  private transition(viewer: Viewer, id: string, action: string, work: (manager: EntityManager, c: ConductCase) => Promise<void>): Promise<ConductCase> {
    return this.withCase(viewer, id, action, async (manager, c) => {
      await work(manager, c);
      return c;
    });
  }
}

export async function lockCase(manager: EntityManager, id: string): Promise<ConductCase> {
  const c = await manager.findOne(ConductCase, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!c) throw notFound('Conduct case');
  return c;
}
