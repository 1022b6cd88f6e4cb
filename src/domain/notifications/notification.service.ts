import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../shared/clock';
import { londonToday } from '../shared/dates';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../shared/pagination';
import { requireMemberId, requireRole, Role, type Viewer } from '../shared/viewer';
import { Notification, NotificationPriority, NotificationStatus } from './notification.entity';

export enum MailDeliveryProblem {
  UNDELIVERABLE = 'UNDELIVERABLE',
  DELAYED = 'DELAYED',
}

/**
 * Issue 8: the delivery order of a template. Transactional notices (payment confirmations, decisions, anything about one
 * person's own case) are the default; reminders wait behind them, and broadcasts to every member (COP-5) go last.
 */
export function priorityOfTemplate(template: string): NotificationPriority {
  if (/REMINDER|INVITATION|OVERDUE/.test(template)) return NotificationPriority.REMINDER;
  if (/BROADCAST|CODE_OF_PRACTICE_CHANGED|NEWSLETTER/.test(template)) return NotificationPriority.BROADCAST;
  return NotificationPriority.TRANSACTIONAL;
}

export interface Notice {
  recipientMemberId?: string | null;
  toAddress: string;
  template: string;
  subject: string;
  body: string;
  rule?: string;
  /** Set by sweeps and retries so the same notice is queued once. */
  dedupeKey?: string;
  /** Delivery order; by default derived from the template (`priorityOfTemplate`). */
  priority?: NotificationPriority;
}

export interface NotificationFilter {
  recipientMemberId?: string;
  template?: string;
  status?: NotificationStatus;
}

/** The outbox. Notices are written with the change that causes them, in the caller's transaction. */
export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Queues a notice; returns false when one with the same dedupe key was already queued (it stays as it is). */
  async enqueue(manager: EntityManager, notice: Notice): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(Notification).values(this.row(notice)).orIgnore().returning('id').execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  /**
   * COP-5: tells every current member of a change, in one statement inside the caller's transaction.
   * `{name}` in the body is replaced with each member's given name.
   */
  async enqueueForActiveMembers(manager: EntityManager, notice: Omit<Notice, 'toAddress' | 'recipientMemberId'>): Promise<number> {
    const result: unknown = await manager.query(
      `INSERT INTO notification (recipient_member_id, to_address, template, subject, body, rule, dedupe_key, status, attempts, created_at, priority)
       SELECT m.id, m.email, $1, $2, replace($3, '{name}', m.given_name), $4,
              CASE WHEN $5::text IS NULL THEN NULL ELSE $5 || ':' || m.id END, 'PENDING', 0, $6, ${notice.priority ?? NotificationPriority.BROADCAST}
         FROM member m WHERE m.status = 'ACTIVE' AND m.renewal_date >= $7
       ON CONFLICT DO NOTHING RETURNING id`,
      // A member whose renewal date has passed is no longer current (DEC-M1), even before the lapse sweep has stored it.
      [notice.template, notice.subject, notice.body, notice.rule ?? null, notice.dedupeKey ?? null, this.clock.now(), londonToday(this.clock)],
    );
    return Array.isArray(result) ? result.length : 0;
  }

  /** The outbox for staff: bodies hold personal data, so MEMBERSHIP_TEAM and ADMIN only (ATS-57). */
  async list(viewer: Viewer, filter: NotificationFilter, request: PageRequest = {}): Promise<Page<Notification>> {
    requireRole(viewer, [Role.MEMBERSHIP_TEAM, Role.ADMIN], 'ATS-57');
    return this.page(filter, request);
  }

  /** The signed-in member's own notices, newest first (DEC-J1 notices included). */
  async mine(viewer: Viewer, request: PageRequest = {}): Promise<Page<Notification>> {
    return this.page({ recipientMemberId: requireMemberId(viewer) }, request);
  }

  private async page(filter: NotificationFilter, request: PageRequest = {}): Promise<Page<Notification>> {
    const size = pageSize(request, 50);
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n');
    if (filter.recipientMemberId) qb.andWhere('n.recipient_member_id = :rid', { rid: filter.recipientMemberId });
    if (filter.template) qb.andWhere('n.template = :template', { template: filter.template });
    if (filter.status) qb.andWhere('n.status = :status', { status: filter.status });
    const page = await pageByInstant(qb, 'n.created_at', 'DESC', (r) => r.createdAt, sized(request, size));
    return page;
  }

  /**
   * Issue 8, for staff: notices given up (UNDELIVERABLE) or still failing long after their first failure (DELAYED),
   * newest first. Delivery runs on real time (not the test clock), so `now` is the real time.
   */
  async deliveryProblems(viewer: Viewer, problem: MailDeliveryProblem, delayedAfterMinutes: number, now: Date, request: PageRequest = {}): Promise<Page<Notification>> {
    requireRole(viewer, [Role.MEMBERSHIP_TEAM, Role.ADMIN]); // bodies hold personal data (ATS-57)
    const size = pageSize(request, 50);
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n');
    if (problem === MailDeliveryProblem.UNDELIVERABLE) qb.andWhere('n.status IN (:...given)', { given: [NotificationStatus.UNDELIVERABLE, NotificationStatus.FAILED] });
    else qb.andWhere('n.status = :pending AND n.first_failed_at <= :since', { pending: NotificationStatus.PENDING, since: new Date(now.getTime() - delayedAfterMinutes * 60_000) });
    return pageByInstant(qb, 'n.created_at', 'DESC', (r) => r.createdAt, sized(request, size));
  }

  private row(notice: Notice): Partial<Notification> {
    return {
      recipientMemberId: notice.recipientMemberId ?? null,
      toAddress: notice.toAddress,
      template: notice.template,
      subject: notice.subject,
      body: notice.body,
      rule: notice.rule ?? null,
      dedupeKey: notice.dedupeKey ?? null,
      status: NotificationStatus.PENDING,
      attempts: 0,
      priority: notice.priority ?? priorityOfTemplate(notice.template),
      createdAt: this.clock.now(),
    };
  }
}
