import type { Pool, QueryResult } from 'pg';
import type { Clock } from '../../shared/clock';
import { londonDateOf } from '../../shared/dates';
import { badInput } from '../../shared/errors';
import { decodeCursor, encodeCursor, isBackward, pageSize } from '../../shared/pagination';
import type { MemberGrade, MemberStatus } from '../../membership/membership.enums';
import { StatusTitle } from '../register.enums';
import { entryListedSql, entryTitlesSql } from './listing.sql';
import { searchKey } from './search-key';

/**
 * ATS-41 / ATS-57: the five things a register entry shows, and nothing else. Every read below selects exactly these
 * (plus the sort keys for the cursor, which never leave this file).
 */
export interface RegisterEntryView {
  fullName: string;
  membershipNumber: string;
  membershipStatus: MemberStatus;
  grade: MemberGrade;
  titles: StatusTitle[];
}

export interface RegisterPage {
  items: RegisterEntryView[];
  totalCount: number;
  endCursor: string | null;
  /** The cursor of the first entry of the page (null when empty). */
  startCursor?: string | null;
  /** The keyset cursor of each entry, in the page's order (edges). */
  cursors?: string[];
  hasNextPage: boolean;
  hasPreviousPage?: boolean;
}

export interface RegisterSearchInput {
  name?: string | null;
  membershipNumber?: string | null;
  title?: StatusTitle | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface EmployerCheckItem {
  membershipNumber: string;
  listed: boolean;
  entry: RegisterEntryView | null;
}

/** Employer check: at most this many membership numbers per request (ATS-41). */
export const EMPLOYER_CHECK_MAX = 100;
const MAX_NAME_LENGTH = 100;
const NUMBER_PATTERN = /^[A-Z0-9]{1,12}$/;

/** Something that runs one statement: a pg Pool (the primary's, or the READ_DATABASE_URL replica's). */
export type Queryable = Pick<Pool, 'query'>;

const D = '$1::date';
const COLUMNS = `e.full_name, e.membership_number, e.grade, ${entryTitlesSql('e', D)} AS titles, e.surname_key, e.forename_key`;
const ORDER = 'e.surname_key, e.forename_key, e.membership_number';
// Name search: $2 = the title asked ('ANY', 'ATS', 'QTLS': one statement per value), $3 = key, $4 = key || '~' (upper
// bound of the prefix range: '~' sorts after [a-z0-9] in "C"), $5 = the key's first two characters, $6..$8 = cursor
// (surname key, forename key, number) raised to at least (key, '', '') for the surname half, $9 = page size + 1,
// $10..$12 = the cursor as given ('', '', '' at the start).
const SURNAME_MATCH = `e.surname_key >= $3 AND e.surname_key < $4`;
const FULL_NAME_MATCH = `e.fs_bucket = $5 AND e.fs_key >= $3 AND e.fs_key < $4 AND NOT (${SURNAME_MATCH})`;
// The same set for counting (the bucket is implied by the prefix), so the narrow fs_key index can count it.
const FULL_NAME_COUNT = `e.fs_key >= $3 AND e.fs_key < $4 AND NOT (${SURNAME_MATCH})`;
// Never-listed entries (opted out, removed, expelled...) are left out of the narrow count indexes.
const EVER_LISTED = `e.listed_on <> '{}'::datemultirange`;
const AFTER = `(e.surname_key, e.forename_key, e.membership_number) > ($6::text, $7::text, $8::text)`;
const AFTER_RAW = `(e.surname_key, e.forename_key, e.membership_number) > ($10::text, $11::text, $12::text)`;
// The page's surname half starts from the cursor alone, which the service never lets fall below (key, '', ''): with
// the range's lower bound as well, btree would start at whichever bound it prefers and may walk the index from the start.
const SURNAME_PAGE = `e.surname_key < $4`;

/**
 * One statement per page: the page and its total together. The two halves are disjoint (surname prefix; forename or
 * full-name prefix whose surname does not match), each read in the page's order from its covering index and stopped
 * after one page, then merged. One statement per title filter, so each compares one stored date set per row.
 */
export function nameSearchSql(title: StatusTitle | 'ANY'): string {
  const listed = entryListedSql('e', D, title);
  return `
SELECT p.full_name, p.membership_number, p.grade, p.titles, p.surname_key, p.forename_key, t.total, $2::text AS title FROM
  (SELECT (SELECT count(*) FROM register_entry e WHERE ${SURNAME_MATCH} AND ${EVER_LISTED} AND ${listed})
        + (SELECT count(*) FROM register_entry e WHERE ${FULL_NAME_COUNT} AND ${EVER_LISTED} AND ${listed}) AS total) t
  LEFT JOIN LATERAL (
    SELECT * FROM (
      (SELECT ${COLUMNS} FROM register_entry e WHERE ${SURNAME_PAGE} AND ${listed} AND ${AFTER} ORDER BY ${ORDER} LIMIT $9)
      UNION ALL
      (SELECT ${COLUMNS} FROM register_entry e WHERE ${FULL_NAME_MATCH} AND ${listed} AND ${AFTER_RAW} ORDER BY ${ORDER} LIMIT $9)
    ) u ORDER BY u.surname_key, u.forename_key, u.membership_number LIMIT $9
  ) p ON true
ORDER BY p.surname_key, p.forename_key, p.membership_number`;
}
export const NAME_SEARCH_SQL = nameSearchSql('ANY');
const NAME_SEARCH = { ANY: NAME_SEARCH_SQL, ATS: nameSearchSql(StatusTitle.ATS), QTLS: nameSearchSql(StatusTitle.QTLS) } as const;

// Backward (last/before): the same parameters, except $6..$8 = the `before` cursor lowered to at most (key || '~', '', '')
// for the surname half (the upper end of the prefix range), and $10..$12 = `before` as given (('~', '', '') at the end).
const BEFORE = `(e.surname_key, e.forename_key, e.membership_number) < ($6::text, $7::text, $8::text)`;
const BEFORE_RAW = `(e.surname_key, e.forename_key, e.membership_number) < ($10::text, $11::text, $12::text)`;
// The surname half's upper bound is the cursor alone (never above the prefix range's end); its lower bound the key.
const SURNAME_PAGE_BACK = `e.surname_key >= $3`;
const ORDER_DESC = 'e.surname_key DESC, e.forename_key DESC, e.membership_number DESC';

/**
 * The name search read backward, still one statement per page: each half walks the same covering index as forward
 * but descending from the `before` cursor and stops after one page; the merged page comes out in descending order
 * and the service reverses it. The total is the same count as forward.
 */
export function nameSearchBackwardSql(title: StatusTitle | 'ANY'): string {
  const listed = entryListedSql('e', D, title);
  return `
SELECT p.full_name, p.membership_number, p.grade, p.titles, p.surname_key, p.forename_key, t.total, $2::text AS title FROM
  (SELECT (SELECT count(*) FROM register_entry e WHERE ${SURNAME_MATCH} AND ${EVER_LISTED} AND ${listed})
        + (SELECT count(*) FROM register_entry e WHERE ${FULL_NAME_COUNT} AND ${EVER_LISTED} AND ${listed}) AS total) t
  LEFT JOIN LATERAL (
    SELECT * FROM (
      (SELECT ${COLUMNS} FROM register_entry e WHERE ${SURNAME_PAGE_BACK} AND ${listed} AND ${BEFORE} ORDER BY ${ORDER_DESC} LIMIT $9)
      UNION ALL
      (SELECT ${COLUMNS} FROM register_entry e WHERE ${FULL_NAME_MATCH} AND ${listed} AND ${BEFORE_RAW} ORDER BY ${ORDER_DESC} LIMIT $9)
    ) u ORDER BY u.surname_key DESC, u.forename_key DESC, u.membership_number DESC LIMIT $9
  ) p ON true
ORDER BY p.surname_key DESC, p.forename_key DESC, p.membership_number DESC`;
}
export const NAME_SEARCH_BACKWARD_SQL = nameSearchBackwardSql('ANY');
const NAME_SEARCH_BACKWARD = { ANY: NAME_SEARCH_BACKWARD_SQL, ATS: nameSearchBackwardSql(StatusTitle.ATS), QTLS: nameSearchBackwardSql(StatusTitle.QTLS) } as const;

/** Exact membership number ($3); the listing condition is the same. */
export function numberSearchSql(title: StatusTitle | 'ANY'): string {
  return `SELECT ${COLUMNS}, 1 AS total, $2::text AS title FROM register_entry e WHERE e.membership_number = $3 AND ${entryListedSql('e', D, title)}`;
}
export const NUMBER_SEARCH_SQL = numberSearchSql('ANY');
const NUMBER_SEARCH = { ANY: NUMBER_SEARCH_SQL, ATS: numberSearchSql(StatusTitle.ATS), QTLS: numberSearchSql(StatusTitle.QTLS) } as const;

/** Employer check: one row per number asked, in the order asked. */
export const EMPLOYER_CHECK_SQL = `
SELECT n.num AS asked, e.full_name, e.membership_number, e.grade, ${entryTitlesSql('e', D)} AS titles
  FROM unnest($2::text[]) WITH ORDINALITY AS n(num, i)
  LEFT JOIN register_entry e ON e.membership_number = n.num AND ${entryListedSql('e', D)}
 ORDER BY n.i`;

interface EntryRow {
  full_name: string;
  membership_number: string;
  grade: MemberGrade;
  titles: StatusTitle[];
  surname_key?: string;
  forename_key?: string;
  total?: string | number;
}

function toView(row: EntryRow): RegisterEntryView {
  // A listed holder is a current member, so their membership status is ACTIVE (DEC-G2).
  return { fullName: row.full_name, membershipNumber: row.membership_number, membershipStatus: 'ACTIVE' as MemberStatus, grade: row.grade, titles: row.titles };
}

/**
 * ATS-41 / DEC-G2: the public Professional Status Register and the employer check. Reads go through named prepared
 * statements on a plain pg pool (the replica's when READ_DATABASE_URL is set), selecting only the public columns:
 * no TypeORM query building or entity hydration on this hot path.
 *
 * "Partial" name matching: the query's search key (accents removed, lower case, letters and digits only) is a
 * prefix of the holder's surname key, or of their forename key, or of forename+surname ("zoe", "zoesm", "smi" and
 * "oconnor" all match Zoë O'Connor-Smith... ). Infix matches ("connor" for O'Connor) are not matches.
 */
export class RegisterSearchService {
  constructor(
    private readonly pool: Queryable,
    private readonly clock: Clock,
  ) {}

  async search(input: RegisterSearchInput): Promise<RegisterPage> {
    const request = { first: input.first, after: input.after, last: input.last, before: input.before };
    const backward = isBackward(request);
    const size = pageSize(request, 20); // refuses first/after mixed with last/before (BAD_USER_INPUT)
    const field = backward ? 'before' : 'after';
    const given = backward ? input.before : input.after;
    const today = londonDateOf(this.clock.now());
    const title = input.title ?? 'ANY';
    const hasName = input.name !== undefined && input.name !== null;
    const hasNumber = input.membershipNumber !== undefined && input.membershipNumber !== null;
    if (hasName === hasNumber) throw badInput('name', 'Search by name or by membership number (one of the two) (ATS-41)');

    if (hasNumber) {
      const number = normaliseNumber(input.membershipNumber!, 'membershipNumber');
      // At most one entry: nothing lies after or before it.
      if (given) return { items: [], cursors: [], totalCount: 0, startCursor: null, endCursor: null, hasNextPage: backward, hasPreviousPage: !backward };
      const res = number ? await this.run(`register_number_${title}_v2`, NUMBER_SEARCH[title], [today, title, number]) : { rows: [] };
      const items = (res.rows as EntryRow[]).map(toView);
      const cursors = items.map((i) => encodeCursor(['#', '', i.membershipNumber]));
      return { items, cursors, totalCount: items.length, startCursor: cursors[0] ?? null, endCursor: cursors[0] ?? null, hasNextPage: false, hasPreviousPage: false };
    }

    if (input.name!.length > MAX_NAME_LENGTH) throw badInput('name', `A name has at most ${MAX_NAME_LENGTH} characters`);
    const key = searchKey(input.name!);
    if (key.length < 2) throw badInput('name', 'Enter at least two letters of a name (ATS-41)');
    let raw: string[] | null = null;
    if (given) {
      const decoded = decodeCursor(given, 3, field);
      if (!decoded.every((v) => typeof v === 'string' && /^[A-Za-z0-9]{0,120}$/.test(v))) throw badInput(field, `The ${field} cursor is not valid`);
      raw = decoded as string[];
    }
    let res: QueryResult;
    if (!backward) {
      // The first page starts just before (key, '', ''); a later one after its cursor, never below that start (so the
      // surname half can use the cursor alone as its lower bound: membership numbers are never empty).
      let cursor: string[] = [key, '', ''];
      const from = raw ?? ['', '', ''];
      if (compareKeys(from, cursor) > 0) cursor = from;
      res = await this.run(`register_name_${title}_v2`, NAME_SEARCH[title], [today, title, key, `${key}~`, key.slice(0, 2), cursor[0], cursor[1], cursor[2], size + 1, from[0], from[1], from[2]]);
    } else {
      // The last page ends just before (key || '~', '', ''); an earlier one before its cursor, never above that end (so
      // the surname half can use the cursor alone as its upper bound). '~' sorts after every key character in "C".
      let cursor: string[] = [`${key}~`, '', ''];
      const from = raw ?? ['~', '', ''];
      if (compareKeys(from, cursor) < 0) cursor = from;
      res = await this.run(`register_name_back_${title}_v2`, NAME_SEARCH_BACKWARD[title], [today, title, key, `${key}~`, key.slice(0, 2), cursor[0], cursor[1], cursor[2], size + 1, from[0], from[1], from[2]]);
    }
    const rows = (res.rows as EntryRow[]).filter((r) => r.membership_number !== null);
    const totalCount = Number(res.rows[0]?.total ?? 0);
    const more = rows.length > size;
    const fetched = more ? rows.slice(0, size) : rows;
    const page = backward ? fetched.reverse() : fetched;
    const cursors = page.map((r) => encodeCursor([r.surname_key!, r.forename_key!, r.membership_number]));
    return {
      items: page.map(toView),
      cursors,
      totalCount,
      // Relay: forward, items precede whenever `after` was given; backward, items follow whenever `before` was given.
      hasNextPage: backward ? Boolean(given) : more,
      hasPreviousPage: backward ? more : Boolean(given),
      startCursor: cursors[0] ?? null,
      endCursor: cursors.length ? cursors[cursors.length - 1] : null,
    };
  }

  /** ATS-41: for each membership number asked (at most 100), whether a current entry exists, and the entry. */
  async employerCheck(numbers: string[]): Promise<EmployerCheckItem[]> {
    if (numbers.length === 0) throw badInput('membershipNumbers', 'Give at least one membership number');
    if (numbers.length > EMPLOYER_CHECK_MAX) throw badInput('membershipNumbers', `At most ${EMPLOYER_CHECK_MAX} membership numbers per check`);
    const today = londonDateOf(this.clock.now());
    // A malformed number is simply not listed: the answer is the same whatever the reason (ATS-41).
    const asked = numbers.map((n) => normaliseNumber(n, 'membershipNumbers') ?? '');
    const res = await this.run('register_employer_check_v2', EMPLOYER_CHECK_SQL, [today, asked]);
    return (res.rows as (EntryRow & { asked: string })[]).map((row, i) => ({
      membershipNumber: numbers[i],
      listed: row.membership_number !== null,
      entry: row.membership_number !== null ? toView(row) : null,
    }));
  }

  private run(name: string, text: string, values: unknown[]): Promise<QueryResult> {
    return this.pool.query({ name, text, values });
  }
}

/** Byte order of [A-Za-z0-9] strings, as PostgreSQL's "C" collation compares them. */
function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** Upper case, spaces removed; null when it cannot be a membership number (still answered "not listed"). */
function normaliseNumber(raw: string, field: string): string | null {
  if (raw.length > 40) throw badInput(field, 'A membership number has at most 12 characters');
  const n = raw.replace(/\s+/g, '').toUpperCase();
  return NUMBER_PATTERN.test(n) ? n : null;
}
