import { isLocalDate } from './dates';
import { badInput } from './errors';

/**
 * Keyset pagination, Relay style: `first`/`after` pages forward, `last`/`before` pages backward. A cursor is an
 * opaque base64url encoding of the sort key and the id that breaks ties; every cursor is decoded and checked by
 * `decodeCursor`, so a junk cursor is BAD_USER_INPUT naming the argument, never a database error.
 */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Page<T> {
  items: T[];
  /** One cursor per item (same order); `toConnection` turns them into `edges { cursor node }`. */
  cursors?: string[];
  startCursor?: string | null;
  endCursor: string | null;
  hasNextPage: boolean;
  hasPreviousPage?: boolean;
  totalCount?: number;
}

export const MAX_PAGE_SIZE = 100;

/** What a cursor value must be: `instant` an ISO date-time, `date` YYYY-MM-DD, `uuid` an id, `string`/`number` any. */
export type CursorKind = 'string' | 'number' | 'instant' | 'date' | 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Cursor dates come from stored rows, which lie well inside these years. */
const inYears = (value: string) => value.slice(0, 4) >= '1900' && value.slice(0, 4) <= '2200';

function fits(value: unknown, kind: CursorKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.length <= 1000 && !value.includes('\u0000');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'instant':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && isLocalDate(value.slice(0, 10)) && inYears(value) && !Number.isNaN(Date.parse(value));
    case 'date':
      return typeof value === 'string' && DATE.test(value) && isLocalDate(value) && inYears(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
  }
}

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` and checks every value (`kinds` gives the kind of each, or only the number
 * of values for strings/numbers). Anything else is BAD_USER_INPUT naming `field` (`after` or `before`).
 */
export function decodeCursor(cursor: string, kinds: number | CursorKind[], field = 'after'): (string | number)[] {
  const expected: CursorKind[] | null = typeof kinds === 'number' ? null : kinds;
  const arity = expected ? expected.length : (kinds as number);
  try {
    if (cursor.length <= 4096 && /^[A-Za-z0-9_-]*$/.test(cursor)) {
      const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (
        Array.isArray(values) &&
        values.length === arity &&
        values.every((v, i) => (expected ? fits(v, expected[i]) : fits(v, 'string') || fits(v, 'number')))
      ) {
        return values;
      }
    }
  } catch {
    /* fall through */
  }
  throw badInput(field, `The ${field} cursor is not valid: pass a cursor from this list's pageInfo or edges`);
}

/** The page size asked for (`first` or `last`, or a bare number from older callers), between 1 and MAX_PAGE_SIZE. */
export function pageSize(first: number | PageRequest | null | undefined, fallback = 20): number {
  if (first !== null && typeof first === 'object') {
    const request = checkPageRequest(first);
    const backward = isBackward(request);
    return sizeOf(backward ? request.last : request.first, fallback, backward ? 'last' : 'first');
  }
  return sizeOf(first, fallback, 'first');
}

function sizeOf(n: number | null | undefined, fallback: number, field: string): number {
  const size = n ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badInput(field, `${field} must be between 1 and ${MAX_PAGE_SIZE}`);
  return size;
}

/** Refuses mixing directions: `first`/`after` or `last`/`before`, never both. */
export function checkPageRequest(request: PageRequest): PageRequest {
  const forward = request.first != null || request.after != null;
  const backward = request.last != null || request.before != null;
  if (forward && backward) throw badInput(request.last != null ? 'last' : 'before', 'Page with first/after or with last/before, not both');
  return request;
}

export function isBackward(request: PageRequest): boolean {
  return request.last != null || request.before != null;
}

/**
 * Builds a page from rows fetched with limit `size + 1` in the list's own order (forward). For a backward page pass
 * the rows fetched in reverse order and `backward: true`: the page is returned in the list's order.
 */
export function toPage<T>(
  rows: T[],
  size: number,
  cursorOf: (row: T) => (string | number)[],
  direction: { backward?: boolean; hasCursor?: boolean } = {},
): Page<T> {
  const more = rows.length > size;
  const fetched = more ? rows.slice(0, size) : rows;
  const items = direction.backward ? [...fetched].reverse() : fetched;
  const cursors = items.map((item) => encodeCursor(cursorOf(item)));
  return {
    items,
    cursors,
    startCursor: cursors[0] ?? null,
    endCursor: cursors.length ? cursors[cursors.length - 1] : null,
    // Relay: the other direction reports true when a cursor was given (there is at least the cursor's row beyond it).
    hasNextPage: direction.backward ? Boolean(direction.hasCursor) : more,
    hasPreviousPage: direction.backward ? more : Boolean(direction.hasCursor),
  };
}

interface KeysetQuery<T> {
  andWhere(where: string, params: Record<string, unknown>): unknown;
  orderBy(sort: string, order: 'ASC' | 'DESC'): KeysetQuery<T>;
  addOrderBy(sort: string, order: 'ASC' | 'DESC'): KeysetQuery<T>;
  limit(n: number): KeysetQuery<T>;
  getMany(): Promise<T[]>;
}

/** One sort key of a keyset: the SQL column (`alias.column_name`), how to read it from a row, and its cursor kind. */
export interface SortKey<T> {
  column: string;
  of: (row: T) => string | number | Date;
  kind: CursorKind;
}

/**
 * One page of a list ordered by `keys` (the last key must be unique, usually the id), forward or backward.
 * Stable under inserts: never skips or repeats a row.
 */
export async function pageByKeys<T>(qb: KeysetQuery<T>, keys: SortKey<T>[], order: 'ASC' | 'DESC', request: PageRequest): Promise<Page<T>> {
  checkPageRequest(request);
  const backward = isBackward(request);
  const size = pageSize(request);
  const cursor = backward ? request.before : request.after;
  const sqlOrder: 'ASC' | 'DESC' = backward ? (order === 'ASC' ? 'DESC' : 'ASC') : order;
  if (cursor) {
    const values = decodeCursor(cursor, keys.map((k) => k.kind), backward ? 'before' : 'after');
    const params: Record<string, unknown> = {};
    const placeholders = values.map((v, i) => {
      params[`cursor${i}`] = keys[i].kind === 'instant' ? new Date(String(v)) : v;
      return `:cursor${i}`;
    });
    qb.andWhere(`(${keys.map((k) => k.column).join(', ')}) ${sqlOrder === 'ASC' ? '>' : '<'} (${placeholders.join(', ')})`, params);
  }
  let ordered = qb.orderBy(keys[0].column, sqlOrder);
  for (const key of keys.slice(1)) ordered = ordered.addOrderBy(key.column, sqlOrder);
  const rows = await ordered.limit(size + 1).getMany();
  return toPage(rows, size, (r) => keys.map((k) => cursorValue(k.of(r))), { backward, hasCursor: Boolean(cursor) });
}

function cursorValue(value: string | number | Date): string | number {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * One page of a keyset-paginated list ordered by an instant column and the id that breaks ties (`column` is
 * `alias.column_name`; the alias's `id` column is the tie-breaker). Stable under inserts: never skips or repeats.
 * Pass a `PageRequest` (first/after or last/before); the older `(size, after)` form still pages forward.
 */
export async function pageByInstant<T extends { id: string }>(
  qb: KeysetQuery<T>,
  column: string,
  order: 'ASC' | 'DESC',
  instantOf: (row: T) => Date,
  sizeOrRequest: number | PageRequest,
  after?: string,
): Promise<Page<T>> {
  const request: PageRequest = typeof sizeOrRequest === 'number' ? { first: sizeOrRequest, after } : sizeOrRequest;
  const idColumn = `${column.split('.')[0]}.id`;
  return pageByKeys(
    qb,
    [
      { column, of: instantOf, kind: 'instant' },
      { column: idColumn, of: (r) => r.id, kind: 'uuid' },
    ],
    order,
    request,
  );
}

/** The request with its page size made explicit (for lists whose default size is not 20). */
export function sized(request: PageRequest, size: number): PageRequest {
  return isBackward(request) ? { ...request, last: size } : { ...request, first: size };
}
