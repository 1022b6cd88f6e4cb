import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../shared/clock';
import { londonToday } from '../shared/dates';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../shared/pagination';
import { Notification, NotificationStatus } from './notification.entity';

export interface Notice {
  recipientMemberId?: string | null;
  toAddress: string;
  template: string;
  subject: string;
  body: string;
  rule?: string;
  /** Set by sweeps and retries so the same notice is queued once. */
  dedupeKey?: string;
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
      `INSERT INTO notification (recipient_member_id, to_address, template, subject, body, rule, dedupe_key, status, attempts, created_at)
       SELECT m.id, m.email, $1, $2, replace($3, '{name}', m.given_name), $4,
              CASE WHEN $5::text IS NULL THEN NULL ELSE $5 || ':' || m.id END, 'PENDING', 0, $6
         FROM member m WHERE m.status = 'ACTIVE' AND m.renewal_date >= $7
       ON CONFLICT DO NOTHING RETURNING id`,
      // A member whose renewal date has passed is no longer current (DEC-M1), even before the lapse sweep has stored it.
      [notice.template, notice.subject, notice.body, notice.rule ?? null, notice.dedupeKey ?? null, this.clock.now(), londonToday(this.clock)],
    );
    return Array.isArray(result) ? result.length : 0;
  }

  async list(filter: NotificationFilter, request: PageRequest = {}): Promise<Page<Notification>> {
    const size = pageSize(request, 50);
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n');
    if (filter.recipientMemberId) qb.andWhere('n.recipient_member_id = :rid', { rid: filter.recipientMemberId });
    if (filter.template) qb.andWhere('n.template = :template', { template: filter.template });
    if (filter.status) qb.andWhere('n.status = :status', { status: filter.status });
    const page = await pageByInstant(qb, 'n.created_at', 'DESC', (r) => r.createdAt, sized(request, size));
    return page;
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
      createdAt: this.clock.now(),
    };
  }
}
