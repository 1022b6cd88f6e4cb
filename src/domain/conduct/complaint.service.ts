import { In, LessThan, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { StaffUser } from '../identity/staff-user.entity';
import { Member } from '../membership/member.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { addDays, londonToday } from '../shared/dates';
import { badInput, DomainError, notFound } from '../shared/errors';
import { pageByInstant, type Page, type PageRequest } from '../shared/pagination';
import type { UnitOfWork } from '../shared/unit-of-work';
import { hasAnyRole, requireMemberId, requireNotOwnCase, requireRole, SYSTEM, type Viewer } from '../shared/viewer';
import { ConductAppeal } from './appeal.entity';
import { Complaint } from './complaint.entity';
import { CONDUCT_ROLES } from './conduct-access';
import { AppealStatus, AppealSubject, ComplainantKind, type ComplaintOutcome, ComplaintStatus } from './conduct.enums';
import { complaintConfirmation, complaintProgress, complaintReceived } from './conduct.notices';
import { assertComplaintTransition, assertReasoned, complaintClock, hashToken, newReference, newToken, type ComplaintClock, type ComplaintTargets } from './conduct.rules';

/** COP-7 settings, from config.ts. */
export interface ConductSettings extends ComplaintTargets {
  /** How long a public complaint's confirmation code stays valid. */
  complaintConfirmationHours: number;
  /** The public page that shows a complaint's status; the status token is appended as `?token=`. */
  complaintStatusUrl: string;
  /** At most this many unconfirmed complaints per address per day (so nobody can flood someone's inbox). */
  complaintConfirmationsPerAddressPerDay: number;
}

export const DEFAULT_CONDUCT_SETTINGS: ConductSettings = {
  acknowledgeWithinDays: 5,
  resolveWithinDays: 28,
  complaintConfirmationHours: 48,
  complaintStatusUrl: 'https://set.example/complaints/status',
  complaintConfirmationsPerAddressPerDay: 3,
};

export interface ComplaintInput {
  summary: string;
  details: string;
}

export interface PublicComplaintInput extends ComplaintInput {
  name: string;
  email: string;
}

export type ComplaintWithClock = Complaint & { clock: ComplaintClock | null };

/** COP-7: complaints under the complaints and appeals policy. */
export class ComplaintService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly settings: ConductSettings,
  ) {}

  /** A signed-in member logs a complaint: their account's address is already confirmed, so it is received at once. */
  async logByMember(viewer: Viewer, input: ComplaintInput): Promise<Complaint> {
    const memberId = requireMemberId(viewer);
    const { summary, details } = this.text(input);
    return this.uow.run(viewer, async (manager) => {
      const member = await manager.findOneByOrFail(Member, { id: memberId });
      const now = this.clock.now();
      const complaint = manager.create(Complaint, {
        ...this.blank(now),
        complainantKind: ComplainantKind.MEMBER,
        complainantMemberId: memberId,
        complainantName: `${member.givenName} ${member.familyName}`,
        summary,
        details,
        status: ComplaintStatus.RECEIVED,
        receivedAt: now,
        receivedOn: londonToday(this.clock),
      });
      await manager.save(complaint);
      await this.notifications.enqueue(manager, complaintReceived({ recipientMemberId: memberId, toAddress: member.email }, complaint, null));
      return { result: complaint, audit: { action: 'complaint.log', targetType: 'complaint', targetId: complaint.id } };
    });
  }

  /**
   * COP-7: anyone may complain without an account. The complaint waits, unread by staff, until its contact address is
   * confirmed with the code mailed to it (fixed text, nothing the complainant wrote). The answer is the same whatever
   * the address, so the form reveals nothing.
   */
  async submitPublic(viewer: Viewer, input: PublicComplaintInput): Promise<void> {
    const { summary, details } = this.text(input);
    const name = input.name.trim();
    if (!name) throw badInput('name', 'Give your name');
    const email = input.email.trim().toLowerCase();
    const now = this.clock.now();
    await this.uow.run(viewer, async (manager) => {
      const since = new Date(now.getTime() - 24 * 3600_000);
      const recent = await manager
        .createQueryBuilder(Complaint, 'c')
        .where('c.contact_email = :email AND c.created_at > :since AND c.status = :pending', { email, since, pending: ComplaintStatus.PENDING_CONFIRMATION })
        .getCount();
      // Past the per-address limit the request is taken and dropped silently: no more mail to that inbox.
      if (recent >= this.settings.complaintConfirmationsPerAddressPerDay) return { result: undefined, audit: { action: 'complaint.submitPublicThrottled', targetType: 'complaint' } };
      const { token, hash } = newToken();
      const expiresAt = new Date(now.getTime() + this.settings.complaintConfirmationHours * 3600_000);
      const complaint = manager.create(Complaint, {
        ...this.blank(now),
        complainantKind: ComplainantKind.PUBLIC,
        complainantName: name,
        contactEmail: email,
        summary,
        details,
        status: ComplaintStatus.PENDING_CONFIRMATION,
        confirmationTokenHash: hash,
        confirmationExpiresAt: expiresAt,
      });
      await manager.save(complaint);
      await this.notifications.enqueue(manager, complaintConfirmation(email, token, expiresAt));
      return { result: undefined, audit: { action: 'complaint.submitPublic', targetType: 'complaint', targetId: complaint.id } };
    });
  }

  /** COP-7: the code from the confirmation mail confirms the address; the complaint is then received, and a private status link is mailed. */
  async confirm(viewer: Viewer, token: string): Promise<Complaint> {
    const now = this.clock.now();
    return this.uow.run(viewer, async (manager) => {
      const complaint = await manager.findOne(Complaint, { where: { confirmationTokenHash: hashToken(token) }, lock: { mode: 'pessimistic_write' } });
      if (!complaint || !complaint.confirmationExpiresAt || complaint.confirmationExpiresAt <= now) {
        throw new DomainError('NOT_FOUND', 'This confirmation code is not valid or has expired (COP-7)', 'COP-7');
      }
      assertComplaintTransition(complaint.status, ComplaintStatus.RECEIVED);
      const status = newToken();
      complaint.status = ComplaintStatus.RECEIVED;
      complaint.confirmationTokenHash = null;
      complaint.confirmationExpiresAt = null;
      complaint.statusTokenHash = status.hash;
      complaint.receivedAt = now;
      complaint.receivedOn = londonToday(this.clock);
      await manager.save(complaint);
      await this.notifications.enqueue(manager, complaintReceived({ toAddress: complaint.contactEmail! }, complaint, `${this.settings.complaintStatusUrl}?token=${status.token}`));
      return { result: complaint, audit: { action: 'complaint.confirm', targetType: 'complaint', targetId: complaint.id } };
    });
  }

  /** The public complainant's view through the link mailed to the confirmed address: their complaint's status only. */
  async publicStatus(viewer: Viewer, token: string): Promise<Complaint> {
    const complaint = await this.dataSource.getRepository(Complaint).findOneBy({ statusTokenHash: hashToken(token) });
    if (!complaint) throw new DomainError('NOT_FOUND', 'This status link is not valid (COP-7)', 'COP-7');
    await this.audit.recordRead(viewer, { action: 'complaint.readByLink', targetType: 'complaint', targetId: complaint.id });
    return complaint;
  }

  /** Unconfirmed public complaints are deleted once their code expires (idempotent sweep). */
  async expireUnconfirmed(viewer: Viewer = SYSTEM): Promise<number> {
    const now = this.clock.now();
    return this.uow.run(viewer, async (manager) => {
      const expired = await manager.find(Complaint, { where: { status: ComplaintStatus.PENDING_CONFIRMATION, confirmationExpiresAt: LessThan(now) }, select: { id: true } });
      if (expired.length) await manager.delete(Complaint, { id: In(expired.map((c) => c.id)) });
      return { result: expired.length, audit: { action: 'complaint.expireUnconfirmed', targetType: 'complaint', detail: { deleted: expired.length } } };
    });
  }

  async mine(viewer: Viewer): Promise<ComplaintWithClock[]> {
    const memberId = requireMemberId(viewer);
    const rows = await this.dataSource.getRepository(Complaint).find({ where: { complainantMemberId: memberId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 100 });
    await this.audit.recordRead(viewer, { action: 'complaint.readOwn', targetType: 'complaint', detail: { returned: rows.map((r) => r.id) } });
    return rows.map((r) => this.withClock(r));
  }

  /**
   * COP-7: the open complaints (received, acknowledged or assigned), oldest first, each with its age and the targets it
   * has missed; `overdueOnly` keeps those past either target. Keyset-paged on (received_at, id), so the age order
   * holds across pages in both directions (first/after and last/before).
   */
  async open(viewer: Viewer, overdueOnly: boolean, request: PageRequest): Promise<Page<ComplaintWithClock>> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const today = londonToday(this.clock);
    const qb = this.dataSource.getRepository(Complaint).createQueryBuilder('c').where('c.status IN (:...open)', { open: [ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.ASSIGNED] });
    if (overdueOnly) {
      qb.andWhere(`((c.status = 'RECEIVED' AND c.received_on < :ackFrom) OR c.received_on < :resolveFrom)`, {
        ackFrom: addDays(today, -this.settings.acknowledgeWithinDays),
        resolveFrom: addDays(today, -this.settings.resolveWithinDays),
      });
    }
    const page = await pageByInstant(qb, 'c.received_at', 'ASC', (r) => r.receivedAt!, request);
    await this.audit.recordRead(viewer, { action: 'complaint.listOpen', targetType: 'complaint', detail: { returned: page.items.map((r) => r.id) } });
    return { ...page, items: page.items.map((r) => this.withClock(r)) };
  }

  async get(viewer: Viewer, id: string): Promise<ComplaintWithClock> {
    requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    const row = await this.dataSource.getRepository(Complaint).findOneBy({ id });
    if (!row || row.status === ComplaintStatus.PENDING_CONFIRMATION) throw notFound('Complaint');
    await this.audit.recordRead(viewer, { action: 'complaint.read', targetType: 'complaint', targetId: id });
    return this.withClock(row);
  }

  async acknowledge(viewer: Viewer, id: string): Promise<ComplaintWithClock> {
    return this.transition(viewer, id, ComplaintStatus.ACKNOWLEDGED, 'complaint.acknowledge', async (_m, c) => {
      c.acknowledgedAt = this.clock.now();
      return 'has been acknowledged. We will tell you when it is resolved.';
    });
  }

  async assign(viewer: Viewer, id: string, staffUserId: string): Promise<ComplaintWithClock> {
    return this.transition(viewer, id, ComplaintStatus.ASSIGNED, 'complaint.assign', async (manager, c) => {
      if (!(await manager.existsBy(StaffUser, { id: staffUserId, active: true }))) throw badInput('staffUserId', 'No active staff user has this id');
      c.assignedTo = staffUserId;
      c.assignedAt = this.clock.now();
      return null;
    });
  }

  async resolve(viewer: Viewer, id: string, outcome: ComplaintOutcome, resolution: string): Promise<ComplaintWithClock> {
    const text = assertReasoned('resolution', resolution, 'COP-7');
    return this.transition(viewer, id, ComplaintStatus.RESOLVED, 'complaint.resolve', async (_m, c) => {
      if (c.complainantMemberId) requireNotOwnCase(viewer, c.complainantMemberId);
      c.outcome = outcome;
      c.resolution = text;
      c.resolvedAt = this.clock.now();
      c.resolvedBy = viewer.subject;
      return `has been resolved (${outcome.replace(/_/g, ' ').toLowerCase()}). ${text}\n\nIf you are not satisfied, you may ask for it to be escalated to an appeal.`;
    });
  }

  /** COP-7: a resolved complaint escalated to an appeal, at the complainant's request (a member's own, or staff recording it). */
  async escalate(viewer: Viewer, id: string, grounds: string): Promise<ComplaintWithClock> {
    const text = assertReasoned('grounds', grounds, 'COP-7');
    const peek = await this.dataSource.getRepository(Complaint).findOne({ where: { id }, select: { id: true, complainantMemberId: true } });
    const own = !!peek && !!viewer.memberId && viewer.memberId === peek.complainantMemberId;
    if (!own && !hasAnyRole(viewer, CONDUCT_ROLES)) throw notFound('Complaint');
    return this.transition(viewer, id, ComplaintStatus.ESCALATED, 'complaint.escalate', async (manager, c) => {
      const appeal = manager.create(ConductAppeal, {
        reference: newReference('AP'),
        subject: AppealSubject.COMPLAINT_OUTCOME,
        caseId: null,
        complaintId: c.id,
        appellantMemberId: c.complainantMemberId,
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
      c.escalatedAt = this.clock.now();
      c.appealId = appeal.id;
      return `has been escalated to an appeal (${appeal.reference}), which a panel that took no part in the complaint will decide.`;
    }, true);
  }

  private async transition(viewer: Viewer, id: string, to: ComplaintStatus, action: string, work: (m: EntityManager, c: Complaint) => Promise<string | null>, allowSelf = false): Promise<ComplaintWithClock> {
    if (!allowSelf) requireRole(viewer, CONDUCT_ROLES, 'ATS-57');
    return this.uow.run(viewer, async (manager) => {
      const c = await manager.findOne(Complaint, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c || c.status === ComplaintStatus.PENDING_CONFIRMATION) throw notFound('Complaint');
      const from = c.status;
      assertComplaintTransition(c.status, to);
      const message = await work(manager, c);
      c.status = to;
      await manager.save(c);
      if (message) await this.notifications.enqueue(manager, complaintProgress(await this.addressOf(manager, c), c, message));
      return { result: this.withClock(c), audit: { action, targetType: 'complaint', targetId: c.id, detail: { from, to } } };
    });
  }

  private async addressOf(manager: EntityManager, c: Complaint): Promise<{ recipientMemberId?: string | null; toAddress: string }> {
    if (c.complainantMemberId) {
      const m = await manager.findOneByOrFail(Member, { id: c.complainantMemberId });
      return { recipientMemberId: m.id, toAddress: m.email };
    }
    return { toAddress: c.contactEmail! };
  }

  private withClock(c: Complaint): ComplaintWithClock {
    const open = [ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.ASSIGNED].includes(c.status);
    const clock = c.receivedOn && open ? complaintClock(c.receivedOn, !!c.acknowledgedAt, false, this.settings, londonToday(this.clock)) : null;
    return Object.assign(c, { clock });
  }

  private text(input: ComplaintInput): ComplaintInput {
    const summary = input.summary.trim();
    if (!summary) throw badInput('summary', 'Give a short summary of the complaint');
    return { summary, details: assertReasoned('details', input.details, 'COP-7') };
  }

  private blank(now: Date): Partial<Complaint> {
    return {
      reference: newReference('CP'),
      complainantMemberId: null,
      complainantName: null,
      contactEmail: null,
      createdAt: now,
      confirmationTokenHash: null,
      confirmationExpiresAt: null,
      statusTokenHash: null,
      receivedAt: null,
      receivedOn: null,
      acknowledgedAt: null,
      assignedTo: null,
      assignedAt: null,
      outcome: null,
      resolution: null,
      resolvedAt: null,
      resolvedBy: null,
      escalatedAt: null,
      appealId: null,
    };
  }
}
