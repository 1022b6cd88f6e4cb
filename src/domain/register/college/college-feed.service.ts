import type { DataSource } from 'typeorm';
import type { AuditService } from '../../audit/audit.service';
import type { Clock } from '../../shared/clock';
import { londonDateOf, type LocalDate } from '../../shared/dates';
import { badInput } from '../../shared/errors';
import { decodeCursor, encodeCursor, isBackward, pageSize, type PageRequest } from '../../shared/pagination';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { requireRole, Role, type Viewer } from '../../shared/viewer';

/** ATS-49 / ATS-57: exactly what the Chartered College needs about a conferral, and nothing else. */
export interface CollegeConferralView {
  fullName: string;
  membershipNumber: string;
  atsAwardedOn: LocalDate;
  conferredOn: LocalDate;
}

export interface CollegeFeedPage {
  items: CollegeConferralView[];
  /** The cursor of the first conferral of the page (null when empty). */
  startCursor: string | null;
  endCursor: string;
  hasNextPage: boolean;
}

export interface OverdueConferralView extends CollegeConferralView {
  shareBy: LocalDate;
}

export interface AcknowledgementResult {
  acknowledged: number;
  alreadyAcknowledged: number;
  unknown: string[];
}

const STAFF = [Role.PROFESSIONAL_STATUS_TEAM, Role.ADMIN] as const;
const START = encodeCursor(['0', 0]);

/**
 * The feed reads conferrals below the transaction-id watermark: `pg_snapshot_xmin` is the oldest transaction still
 * running, so every conferral written by a lower transaction id is already committed (or rolled back, and then never
 * seen). A conferral whose transaction is still open is held back until it commits, and it then sorts after
 * everything already served, because its id is at or above the watermark the earlier pages used. So the cursor
 * (txid, seq) never skips nor repeats a record, however conferrals are written.
 */
export const COLLEGE_FEED_SQL = `
SELECT f.txid::text AS txid, f.seq::text AS seq, m.given_name || ' ' || m.family_name AS full_name, m.membership_number,
       c.ats_awarded_on::text AS ats_awarded_on, c.conferred_on::text AS conferred_on
  FROM college_feed_position f
  JOIN chartered_teacher_conferral c ON c.id = f.conferral_id
  JOIN member m ON m.id = c.member_id
 WHERE f.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
   AND (f.txid, f.seq) > ($1::bigint, $2::bigint)
 ORDER BY f.txid, f.seq
 LIMIT $3`;

/** ATS-49: the Chartered College's pull feed, its acknowledgements, and the staff view of what is overdue. */
export class CollegeFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** ATS-49: conferrals after `after`, oldest first; keep the endCursor and pass it next time (it is never null). */
  async feed(viewer: Viewer, first?: number | null, after?: string | null): Promise<CollegeFeedPage> {
    requireRole(viewer, [Role.CHARTERED_COLLEGE], 'ATS-49');
    const size = pageSize(first ?? undefined, 50);
    const [txid, seq] = decodeCursor(after ?? START, 2);
    if (!/^\d{1,19}$/.test(String(txid)) || !Number.isInteger(seq) || (seq as number) < 0) throw badInput('after', 'The cursor is not valid');
    const rows: { txid: string; seq: string; full_name: string; membership_number: string; ats_awarded_on: string; conferred_on: string }[] =
      await this.dataSource.query(COLLEGE_FEED_SQL, [String(txid), seq, size + 1]);
    const hasNextPage = rows.length > size;
    const page = hasNextPage ? rows.slice(0, size) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ fullName: r.full_name, membershipNumber: r.membership_number, atsAwardedOn: r.ats_awarded_on, conferredOn: r.conferred_on })),
      startCursor: page[0] ? encodeCursor([page[0].txid, Number(page[0].seq)]) : null,
      hasNextPage,
      endCursor: last ? encodeCursor([last.txid, Number(last.seq)]) : encodeCursor([String(txid), seq]),
    };
  }

  /** ATS-49: the College records what it has stored; acknowledging again changes nothing. */
  async acknowledge(viewer: Viewer, membershipNumbers: string[]): Promise<AcknowledgementResult> {
    requireRole(viewer, [Role.CHARTERED_COLLEGE], 'ATS-49');
    if (membershipNumbers.length === 0 || membershipNumbers.length > 100) throw badInput('membershipNumbers', 'Acknowledge between 1 and 100 records at a time');
    if (membershipNumbers.some((n) => n.length > 12)) throw badInput('membershipNumbers', 'A membership number has at most 12 characters');
    const numbers = [...new Set(membershipNumbers)];
    return this.uow.run(viewer, async (manager) => {
      // The UPDATE takes the row locks: of two concurrent acknowledgements, the second finds the rows already done.
      const found: { membership_number: string; newly: boolean }[] = await manager.query(
        `WITH target AS (
           SELECT c.id, m.membership_number, c.acknowledged_at IS NULL AS newly
             FROM chartered_teacher_conferral c JOIN member m ON m.id = c.member_id
            WHERE m.membership_number = ANY($1::text[])
            FOR UPDATE OF c)
         , upd AS (UPDATE chartered_teacher_conferral c SET acknowledged_at = $2 FROM target t WHERE c.id = t.id AND t.newly RETURNING c.id)
         SELECT membership_number, newly FROM target`,
        [numbers, this.clock.now()],
      );
      const seen = new Set(found.map((f) => f.membership_number));
      const result = {
        acknowledged: found.filter((f) => f.newly).length,
        alreadyAcknowledged: found.filter((f) => !f.newly).length,
        unknown: numbers.filter((n) => !seen.has(n)),
      };
      return { result, audit: { action: 'college.acknowledge_conferrals', targetType: 'chartered_teacher_conferral', detail: { acknowledged: result.acknowledged, alreadyAcknowledged: result.alreadyAcknowledged, unknown: result.unknown.length } } };
    });
  }

  /** ATS-49: staff see conferrals the College has not acknowledged six weeks (42 days) after the award; first/after or last/before. */
  async overdue(
    viewer: Viewer,
    request: PageRequest,
  ): Promise<{ items: OverdueConferralView[]; cursors: string[]; startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean; totalCount: number }> {
    requireRole(viewer, STAFF, 'ATS-49');
    const backward = isBackward(request);
    const size = pageSize(request, 50);
    const field = backward ? 'before' : 'after';
    const given = backward ? request.before : request.after;
    const today = londonDateOf(this.clock.now());
    let cursor: (string | number)[] = backward ? ['9999-12-31', 'ffffffff-ffff-ffff-ffff-ffffffffffff'] : ['0001-01-01', '00000000-0000-0000-0000-000000000000'];
    if (given) cursor = decodeCursor(given, ['date', 'uuid'], field);
    const rows: { id: string; full_name: string; membership_number: string; ats_awarded_on: string; conferred_on: string; share_by: string; total: string }[] = await this.dataSource.query(
      // The total comes with the page, even an empty one (past either end): the page is joined to the count.
      `SELECT p.*, t.total FROM
         (SELECT count(*) AS total FROM chartered_teacher_conferral o WHERE o.acknowledged_at IS NULL AND o.share_by < $1::date) t
         LEFT JOIN LATERAL (
           SELECT c.id, m.given_name || ' ' || m.family_name AS full_name, m.membership_number, c.ats_awarded_on::text AS ats_awarded_on,
                  c.conferred_on::text AS conferred_on, c.share_by::text AS share_by
             FROM chartered_teacher_conferral c JOIN member m ON m.id = c.member_id
            WHERE c.acknowledged_at IS NULL AND c.share_by < $1::date AND (c.share_by, c.id) ${backward ? '<' : '>'} ($2::date, $3::uuid)
            ORDER BY c.share_by ${backward ? 'DESC' : 'ASC'}, c.id ${backward ? 'DESC' : 'ASC'}
            LIMIT $4) p ON true
        ORDER BY p.share_by ${backward ? 'DESC' : 'ASC'}, p.id ${backward ? 'DESC' : 'ASC'}`,
      [today, cursor[0], cursor[1], size + 1],
    );
    const found = rows.filter((r) => r.id !== null);
    const more = found.length > size;
    const fetched = found.slice(0, size);
    const page = backward ? fetched.reverse() : fetched;
    await this.audit.recordRead(viewer, { action: 'college.read_overdue_conferrals', targetType: 'chartered_teacher_conferral', detail: { count: page.length } });
    const cursors = page.map((r) => encodeCursor([r.share_by, r.id]));
    return {
      items: page.map((r) => ({ fullName: r.full_name, membershipNumber: r.membership_number, atsAwardedOn: r.ats_awarded_on, conferredOn: r.conferred_on, shareBy: r.share_by })),
      cursors,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.length ? cursors[cursors.length - 1] : null,
      hasNextPage: backward ? Boolean(given) : more,
      hasPreviousPage: backward ? more : Boolean(given),
      totalCount: Number(rows[0]?.total ?? 0),
    };
  }
}
