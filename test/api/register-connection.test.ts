import { Client } from 'pg';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';
import { addConferral, createHolder } from '../support/register-factories';

/**
 * Issue 7 item 7 on the public register (issue 10): professionalStatusRegister and overdueCharteredTeacherConferrals
 * are Relay connections (edges with keyset cursors, full pageInfo, first/after and last/before); the College feed
 * stays a forward cursor feed with a complete pageInfo.
 */
const PAGE = `query ($name: String, $membershipNumber: String, $title: StatusTitle, $first: Int, $after: String, $last: Int, $before: String) {
  professionalStatusRegister(name: $name, membershipNumber: $membershipNumber, title: $title, first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { fullName membershipNumber } edges { cursor node { fullName membershipNumber } }
    pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`;

type Node = { fullName: string; membershipNumber: string };
type Conn = {
  totalCount: number;
  nodes: Node[];
  edges: { cursor: string; node: Node }[];
  pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
};

describe('professionalStatusRegister as a Relay connection (ATS-41, issue 7 item 7)', () => {
  let t: TestApp;
  let expected: string[]; // membership numbers in the register's order
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    const ds = t.dataSource;
    const make = async (givenName: string, familyName: string, title: 'ATS' | 'QTLS' = 'ATS') =>
      (await createHolder(ds, { givenName, familyName, statuses: [{ title, awardedOn: '2025-03-01' }] })).membershipNumber;
    // Inserted out of order. Order: surname, forename, membership number. "Pagewright Abbot" and "Pagewrighta Zeller"
    // match through the forename / full name (the second half of the search), the rest through the surname.
    const eve = await make('Eve', 'Pagewright');
    const zeller = await make('Pagewrighta', 'Zeller');
    const ann1 = await make('Ann', 'Pagewright');
    const cal = await make('Cal', 'Pagewright', 'QTLS');
    const abbot = await make('Pagewright', 'Abbot');
    const ann2 = await make('Ann', 'Pagewright');
    const ben = await make('Ben', 'Pagewright');
    const dee = await make('Dee', 'Pagewright');
    expected = [abbot, ann1, ann2, ben, cal, dee, eve, zeller];
  });
  afterAll(() => t.close());

  async function page(variables: Record<string, unknown>): Promise<Conn> {
    const res = await t.gql(PAGE, { name: 'pagewright', ...variables });
    expectNoErrors(res);
    return res.data!.professionalStatusRegister;
  }
  const numbers = (c: Conn) => c.nodes.map((n) => n.membershipNumber);

  it('gives every entry an edge with its cursor, and a pageInfo whose cursors are those of the first and last edges', async () => {
    const all = await page({ first: 100 });
    expect(numbers(all)).toEqual(expected);
    expect(all.totalCount).toBe(8);
    expect(all.edges.map((e) => e.node)).toEqual(all.nodes);
    expect(new Set(all.edges.map((e) => e.cursor)).size).toBe(8);
    expect(all.pageInfo).toEqual({ startCursor: all.edges[0].cursor, endCursor: all.edges[7].cursor, hasNextPage: false, hasPreviousPage: false });

    const first = await page({ first: 3 });
    expect(numbers(first)).toEqual(expected.slice(0, 3));
    expect(first.pageInfo).toEqual({ startCursor: first.edges[0].cursor, endCursor: first.edges[2].cursor, hasNextPage: true, hasPreviousPage: false });
    const second = await page({ first: 3, after: first.pageInfo.endCursor });
    expect(numbers(second)).toEqual(expected.slice(3, 6));
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('pages forward (first/after) from the cursor of any edge', async () => {
    const all = await page({ first: 100 });
    for (let i = 0; i < all.edges.length; i++) {
      const next = await page({ first: 3, after: all.edges[i].cursor });
      expect(numbers(next)).toEqual(expected.slice(i + 1, i + 4));
      expect(next.pageInfo.hasNextPage).toBe(i + 4 < expected.length);
      expect(next.pageInfo.hasPreviousPage).toBe(true);
      expect(next.totalCount).toBe(8);
    }
  });

  it('pages backward (last/before) from the cursor of any edge, in the register order', async () => {
    const all = await page({ first: 100 });
    for (let i = 0; i < all.edges.length; i++) {
      const prev = await page({ last: 3, before: all.edges[i].cursor });
      expect(numbers(prev)).toEqual(expected.slice(Math.max(0, i - 3), i));
      expect(prev.pageInfo.hasPreviousPage).toBe(i > 3);
      expect(prev.pageInfo.hasNextPage).toBe(true);
      expect(prev.totalCount).toBe(8);
      expect(prev.edges.map((e) => e.cursor)).toEqual(all.edges.slice(Math.max(0, i - 3), i).map((e) => e.cursor));
    }
  });

  it('last alone is the end of the register; walking back with before: startCursor visits every entry once', async () => {
    const tail = await page({ last: 3 });
    expect(numbers(tail)).toEqual(expected.slice(5));
    expect(tail.pageInfo).toEqual({ startCursor: tail.edges[0].cursor, endCursor: tail.edges[2].cursor, hasNextPage: false, hasPreviousPage: true });
    let seen = numbers(tail);
    let cursor = tail.pageInfo.startCursor;
    let more = tail.pageInfo.hasPreviousPage;
    while (more) {
      const prev = await page({ last: 3, before: cursor });
      seen = [...numbers(prev), ...seen];
      cursor = prev.pageInfo.startCursor;
      more = prev.pageInfo.hasPreviousPage;
    }
    expect(seen).toEqual(expected);
    // a cursor from a forward page pages backward too
    const fourth = await page({ first: 1, after: (await page({ first: 3 })).pageInfo.endCursor });
    expect(numbers(await page({ last: 2, before: fourth.pageInfo.endCursor }))).toEqual(expected.slice(1, 3));
  });

  it('pages backward within one title (last/before with title: ATS leaves out the QTLS-only holder)', async () => {
    const ats = expected.filter((_, i) => i !== 4);
    const tail = await page({ last: 4, title: 'ATS' });
    expect(numbers(tail)).toEqual(ats.slice(3));
    const prev = await page({ last: 4, before: tail.pageInfo.startCursor, title: 'ATS' });
    expect(numbers(prev)).toEqual(ats.slice(0, 3));
    expect(prev.pageInfo.hasPreviousPage).toBe(false);
    expect(prev.totalCount).toBe(7);
  });

  it('a membership-number search has one edge with its cursor and nothing before or after it', async () => {
    const res = await t.gql(PAGE, { membershipNumber: expected[3] });
    expectNoErrors(res);
    const c: Conn = res.data!.professionalStatusRegister;
    expect(numbers(c)).toEqual([expected[3]]);
    expect(c.pageInfo).toEqual({ startCursor: c.edges[0].cursor, endCursor: c.edges[0].cursor, hasNextPage: false, hasPreviousPage: false });
    const before = await t.gql(PAGE, { membershipNumber: expected[3], last: 5, before: c.edges[0].cursor });
    expectNoErrors(before);
    expect(before.data!.professionalStatusRegister.nodes).toEqual([]);
  });

  it('refuses first with last, and a junk before cursor, as BAD_USER_INPUT naming the argument', async () => {
    const mixed = await t.gql(PAGE, { name: 'pagewright', first: 2, last: 2 });
    expect(errorCode(mixed)).toBe('BAD_USER_INPUT');
    expect(mixed.errors![0].extensions!.field).toBe('last');
    const junk = await t.gql(PAGE, { name: 'pagewright', last: 2, before: 'not-a-cursor' });
    expect(errorCode(junk)).toBe('BAD_USER_INPUT');
    expect(junk.errors![0].extensions!.field).toBe('before');
    const tooMany = await t.gql(PAGE, { name: 'pagewright', last: 101 });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0].extensions!.field).toBe('last');
  });

  it('reads a backward page with exactly one SQL statement, like a forward one', async () => {
    const anchor = (await page({ first: 100 })).edges[7].cursor;
    await page({ last: 5, before: anchor }); // warm up: the prepared statement is parsed once per connection
    const original = Client.prototype.query;
    // Background pollers (outbox, sweeps) share Client.prototype in this process and can only add statements: the
    // fewest seen over three reads is what one backward page costs.
    const counts: number[] = [];
    for (let round = 0; round < 3; round++) {
      let statements = 0;
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
        if (!text?.includes('FROM server_clock')) statements++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      let back: Conn;
      try {
        back = await page({ last: 4, before: anchor });
      } finally {
        Client.prototype.query = original;
      }
      expect(numbers(back)).toEqual(expected.slice(3, 7));
      counts.push(statements);
    }
    expect(Math.min(...counts)).toBe(1);
  });
});

const OVERDUE = `query ($first: Int, $after: String, $last: Int, $before: String) {
  overdueCharteredTeacherConferrals(first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { membershipNumber } edges { cursor node { membershipNumber shareBy } }
    pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`;
const FEED = `query ($first: Int, $after: String) { charteredTeacherConferrals(first: $first, after: $after) {
  nodes { membershipNumber } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`;

describe('overdue conferrals as a Relay connection, and the College feed pageInfo (ATS-49)', () => {
  let t: TestApp;
  let expected: string[];
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    const awards = ['2026-09-20', '2026-09-01', '2026-09-10', '2026-08-25', '2026-09-05']; // share by award + 42 days: all before today
    const made: { n: string; on: string }[] = [];
    for (const [i, on] of awards.entries()) {
      const h = await createHolder(t.dataSource, { givenName: `Late${i}`, familyName: 'Sharer', statuses: [{ title: 'ATS', awardedOn: on }] });
      await addConferral(t.dataSource, h.memberId, h.statusIds.ATS, on);
      made.push({ n: h.membershipNumber, on });
    }
    expected = made.sort((a, b) => (a.on < b.on ? -1 : 1)).map((m) => m.n);
  });
  afterAll(() => t.close());

  async function overdue(variables: Record<string, unknown>) {
    const res = await t.gql(OVERDUE, variables, 'professional-status-team');
    expectNoErrors(res);
    return res.data!.overdueCharteredTeacherConferrals as {
      totalCount: number;
      nodes: { membershipNumber: string }[];
      edges: { cursor: string; node: { membershipNumber: string } }[];
      pageInfo: Conn['pageInfo'];
    };
  }

  it('pages the overdue list forward and backward from any edge, the most overdue first', async () => {
    const all = await overdue({ first: 100 });
    const ours = all.nodes.map((n) => n.membershipNumber).filter((n) => expected.includes(n));
    expect(ours).toEqual(expected);
    const order = all.nodes.map((n) => n.membershipNumber);
    expect(all.edges.map((e) => e.node.membershipNumber)).toEqual(order);
    expect(all.pageInfo).toEqual({ startCursor: all.edges[0].cursor, endCursor: all.edges[order.length - 1].cursor, hasNextPage: false, hasPreviousPage: false });
    for (let i = 0; i < order.length; i++) {
      const next = await overdue({ first: 2, after: all.edges[i].cursor });
      expect(next.nodes.map((n) => n.membershipNumber)).toEqual(order.slice(i + 1, i + 3));
      const prev = await overdue({ last: 2, before: all.edges[i].cursor });
      expect(prev.nodes.map((n) => n.membershipNumber)).toEqual(order.slice(Math.max(0, i - 2), i));
      expect(prev.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: i > 2 });
      expect(prev.totalCount).toBe(order.length);
    }
    const tail = await overdue({ last: 2 });
    expect(tail.nodes.map((n) => n.membershipNumber)).toEqual(order.slice(-2));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: order.length > 2 });
    const junk = await t.gql(OVERDUE, { last: 2, before: 'junk' }, 'professional-status-team');
    expect(errorCode(junk)).toBe('BAD_USER_INPUT');
    expect(junk.errors![0].extensions!.field).toBe('before');
  });

  it('gives the College feed a complete pageInfo: startCursor is the first conferral, and paging after it skips only that one', async () => {
    // The feed holds back conferrals while any older transaction is open (ATS-49 watermark): wait until the five
    // committed in beforeAll are served.
    let p1 = { nodes: [] as unknown[], pageInfo: {} as Conn['pageInfo'] };
    for (let tries = 0; tries < 50 && p1.nodes.length < 3; tries++) {
      if (tries) await new Promise((r) => setTimeout(r, 100));
      const res = await t.gql(FEED, { first: 3 }, 'chartered-college');
      expectNoErrors(res);
      p1 = res.data!.charteredTeacherConferrals;
    }
    expect(p1.nodes).toHaveLength(3);
    expect(p1.pageInfo).toMatchObject({ hasPreviousPage: false });
    expect(typeof p1.pageInfo.startCursor).toBe('string');
    expect(typeof p1.pageInfo.endCursor).toBe('string');
    const fromStart = await t.gql(FEED, { first: 2, after: p1.pageInfo.startCursor }, 'chartered-college');
    expectNoErrors(fromStart);
    expect(fromStart.data!.charteredTeacherConferrals.nodes).toEqual(p1.nodes.slice(1, 3));
    expect(fromStart.data!.charteredTeacherConferrals.pageInfo.hasPreviousPage).toBe(true);
  });
});
