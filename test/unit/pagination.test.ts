import { decodeCursor, encodeCursor, pageSize, toPage } from '../../src/domain/shared/pagination';
import { DomainError } from '../../src/domain/shared/errors';
import { pageOfList, toConnection } from '../../src/graphql/types/common.types';

const ids = Array.from({ length: 7 }, (_, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}` }));

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return error.field;
    throw error;
  }
  return undefined;
}

describe('keyset pagination helpers (issue 7 items 3 and 7)', () => {
  it('decodes only cursors it made, with values of the expected kinds, naming after or before otherwise', () => {
    const good = encodeCursor(['2027-01-01T00:00:00.000Z', ids[0].id]);
    expect(decodeCursor(good, ['instant', 'uuid'])).toEqual(['2027-01-01T00:00:00.000Z', ids[0].id]);
    expect(fieldOf(() => decodeCursor('%%%', ['instant', 'uuid']))).toBe('after');
    expect(fieldOf(() => decodeCursor(encodeCursor(['2027-02-30T00:00:00.000Z', ids[0].id]), ['instant', 'uuid'], 'before'))).toBe('before');
    expect(fieldOf(() => decodeCursor(encodeCursor(['2027-02-30', ids[0].id]), ['date', 'uuid']))).toBe('after');
    expect(fieldOf(() => decodeCursor(encodeCursor(['9999-12-31', ids[0].id]), ['date', 'uuid']))).toBe('after');
    expect(fieldOf(() => decodeCursor(encodeCursor(['x', 'not-a-uuid']), ['string', 'uuid']))).toBe('after');
    expect(fieldOf(() => decodeCursor(encodeCursor(['a']), 2))).toBe('after');
  });

  it('takes first or last between 1 and 100 and refuses both directions at once', () => {
    expect(pageSize({ last: 5 })).toBe(5);
    expect(pageSize({})).toBe(20);
    expect(fieldOf(() => pageSize({ last: 101 }))).toBe('last');
    expect(fieldOf(() => pageSize({ first: 0 }))).toBe('first');
    expect(fieldOf(() => pageSize({ first: 2, before: 'x' }))).toBe('before');
  });

  it('builds a backward page in the list order, with a cursor per item', () => {
    // Rows fetched in reverse order with limit size + 1: 6, 5, 4 (one more than asked).
    const page = toPage([ids[6], ids[5], ids[4]], 2, (r) => [r.id], { backward: true, hasCursor: false });
    expect(page.items).toEqual([ids[5], ids[6]]);
    expect(page.hasPreviousPage).toBe(true);
    expect(page.hasNextPage).toBe(false);
    expect(page.cursors).toEqual([encodeCursor([ids[5].id]), encodeCursor([ids[6].id])]);
    const connection = toConnection(page);
    expect(connection.edges.map((e) => e.node)).toEqual(connection.nodes);
    expect(connection.pageInfo).toEqual({ startCursor: page.cursors![0], endCursor: page.cursors![1], hasNextPage: false, hasPreviousPage: true });
  });

  it('pages a whole list forward and backward with totalCount', () => {
    const first = pageOfList(ids, { first: 3 });
    expect(first.items).toEqual(ids.slice(0, 3));
    expect(first).toMatchObject({ hasNextPage: true, hasPreviousPage: false, totalCount: 7 });
    const next = pageOfList(ids, { first: 3, after: first.endCursor });
    expect(next.items).toEqual(ids.slice(3, 6));
    const back = pageOfList(ids, { last: 2, before: next.startCursor });
    expect(back.items).toEqual(ids.slice(1, 3));
    expect(back).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(pageOfList(ids, { last: 2 }).items).toEqual(ids.slice(5));
    expect(fieldOf(() => pageOfList(ids, { after: encodeCursor(['00000000-0000-4000-8000-999999999999']) }))).toBe('after');
  });
});
