import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Clock } from '../shared/clock';
import { pageByInstant, pageSize, sized, type Page, type PageRequest } from '../shared/pagination';
import { primaryRole, requireRole, requireSelfOrRole, Role, type Viewer } from '../shared/viewer';
import { AuditEntry } from './audit-entry.entity';

export interface AuditTarget {
  action: string;
  targetType: string;
  targetId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

/** ATS-57: actor, role, action, target and time of every change and every staff read of another person's data. */
export class AuditService {
  /** Reads already recorded per request (request id + target), so aliases and nested fields audit a target once. */
  private readonly recentReads = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Records inside the caller's transaction, so the entry exists exactly when the change does. */
  async record(manager: EntityManager, viewer: Viewer, target: AuditTarget): Promise<void> {
    await manager.insert(AuditEntry, this.entry(viewer, target));
  }

  /**
   * ATS-57: lets the member themself or staff in `staffRoles` read a record of `memberId` (FORBIDDEN otherwise), and
   * audits the read when it is staff reading someone else's data.
   */
  async authorizeRead(viewer: Viewer, memberId: string, staffRoles: readonly Role[], target: AuditTarget): Promise<void> {
    if (requireSelfOrRole(viewer, memberId, staffRoles)) await this.recordRead(viewer, target);
  }

  /** A staff read of someone else's personal data. */
  async recordRead(viewer: Viewer, target: AuditTarget): Promise<void> {
    if (this.alreadyRecorded(viewer, target)) return;
    await this.dataSource.manager.insert(AuditEntry, this.entry(viewer, target));
  }

  /** Several staff reads in one statement (one request reading many records through nested fields). */
  async recordReads(viewer: Viewer, targets: readonly AuditTarget[]): Promise<void> {
    const fresh = targets.filter((t) => !this.alreadyRecorded(viewer, t));
    if (fresh.length) await this.dataSource.manager.insert(AuditEntry, fresh.map((t) => this.entry(viewer, t)));
  }

  /**
   * ATS-57 audits who read what, once per request and target: the same member read through three aliases, or as
   * Participant.member and member(id) in one request, is one entry. Remembers the last requests' reads only.
   */
  private alreadyRecorded(viewer: Viewer, target: AuditTarget): boolean {
    if (!viewer.requestId || !target.targetId) return false;
    const key = `${viewer.requestId}|${viewer.subject}|${target.action}|${target.targetType}|${target.targetId}`;
    if (this.recentReads.has(key)) return true;
    if (this.recentReads.size >= 20_000) this.recentReads.clear();
    this.recentReads.add(key);
    return false;
  }

  /** ATS-57: the audit log is for ADMIN only. */
  async list(viewer: Viewer, filter: AuditFilter, request: PageRequest = {}): Promise<Page<AuditEntry>> {
    requireRole(viewer, [Role.ADMIN], 'ATS-57');
    const size = pageSize(request, 50);
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.targetType) qb.andWhere('a.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) qb.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) qb.andWhere('a.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.occurred_at < :to', { to: filter.to });
    const page = await pageByInstant(qb, 'a.occurred_at', 'DESC', (r) => r.occurredAt, sized(request, size));
    return page;
  }

  private entry(viewer: Viewer, target: AuditTarget): QueryDeepPartialEntity<AuditEntry> {
    return {
      occurredAt: this.clock.now(),
      actorId: viewer.subject,
      actorRole: primaryRole(viewer),
      action: target.action,
      targetType: target.targetType,
      targetId: target.targetId ?? null,
      requestId: viewer.requestId ?? null,
      detail: (target.detail ?? null) as QueryDeepPartialEntity<AuditEntry>['detail'],
    };
  }
}

