import { badInput } from './errors';

/** Keyset pagination: the cursor is an opaque encoding of the sort key and the id that breaks ties. */
export interface PageRequest {
  first: number;
  after?: string;
}

export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount?: number;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => ['string', 'number'].includes(typeof v))) return values;
  } catch {
    /* fall through */
  }
  throw badInput('after', 'The cursor is not valid');
}

export function pageSize(first: number | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  return n;
}

/** Builds a page from rows fetched with limit `size + 1`. */
export function toPage<T>(rows: T[], size: number, cursorOf: (row: T) => (string | number)[]): Page<T> {
  const hasNextPage = rows.length > size;
  const items = hasNextPage ? rows.slice(0, size) : rows;
  return { items, hasNextPage, endCursor: items.length ? encodeCursor(cursorOf(items[items.length - 1])) : null };
}

interface KeysetQuery<T> {
  andWhere(where: string, params: Record<string, unknown>): unknown;
  orderBy(sort: string, order: 'ASC' | 'DESC'): KeysetQuery<T>;
  addOrderBy(sort: string, order: 'ASC' | 'DESC'): KeysetQuery<T>;
  limit(n: number): KeysetQuery<T>;
  getMany(): Promise<T[]>;
}

/**
 * One page of a keyset-paginated list ordered by an instant column and the id that breaks ties (`column` is
 * `alias.column_name`; the alias's `id` column is the tie-breaker). Stable under inserts: never skips or repeats.
 */
export async function pageByInstant<T extends { id: string }>(
  qb: KeysetQuery<T>,
  column: string,
  order: 'ASC' | 'DESC',
  instantOf: (row: T) => Date,
  size: number,
  after?: string,
): Promise<Page<T>> {
  const idColumn = `${column.split('.')[0]}.id`;
  if (after) {
    const [at, id] = decodeCursor(after, 2);
    qb.andWhere(`(${column}, ${idColumn}) ${order === 'ASC' ? '>' : '<'} (:cursorAt, :cursorId)`, { cursorAt: new Date(String(at)), cursorId: id });
  }
  const rows = await qb.orderBy(column, order).addOrderBy(idColumn, order).limit(size + 1).getMany();
  return toPage(rows, size, (r) => [instantOf(r).toISOString(), r.id]);
}
