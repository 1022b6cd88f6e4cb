import { Client } from 'pg';
import { searchKey } from '../../src/domain/register/public/search-key';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';
import { createHolder, EMPLOYER_CHECK_QUERY, REGISTER_QUERY, type Holder } from '../support/register-factories';

type Entry = { fullName: string; membershipNumber: string; membershipStatus: string; grade: string; titles: string[] };

describe('professionalStatusRegister search (ATS-41)', () => {
  let t: TestApp;
  const h: Record<string, Holder> = {};
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    const ds = t.dataSource;
    h.zoe = await createHolder(ds, { givenName: 'Zoë', familyName: 'Wrenfield', grade: 'FELLOW' });
    h.siobhan = await createHolder(ds, { givenName: 'Siobhán', familyName: "O'Connor-Brîght" });
    h.smithA = await createHolder(ds, { givenName: 'Adam', familyName: 'Smith' });
    h.smithB = await createHolder(ds, { givenName: 'Beth', familyName: 'Smith', statuses: [{ title: 'QTLS', awardedOn: '2020-02-02' }] });
    h.smithC = await createHolder(ds, { givenName: 'Beth', familyName: 'Smith', grade: 'ASSOCIATE' });
    h.smithers = await createHolder(ds, { givenName: 'Carl', familyName: 'Smithers' });
    h.goldsmith = await createHolder(ds, { givenName: 'Gwen', familyName: 'Goldsmith' });
    h.smithOpted = await createHolder(ds, { givenName: 'Hidden', familyName: 'Smith', statuses: [{ title: 'ATS', awardedOn: '2024-01-01', registerOptOut: true }] });
  });
  afterAll(() => t.close());

  async function search(variables: Record<string, unknown>): Promise<{ totalCount: number; nodes: Entry[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }> {
    const res = await t.gql(REGISTER_QUERY, variables);
    expectNoErrors(res);
    return res.data!.professionalStatusRegister;
  }
  const names = async (name: string) => (await search({ name })).nodes.map((n) => n.fullName);

  it('"zoe" finds Zoë: accents and case are ignored', async () => {
    expect(await names('zoe')).toEqual(['Zoë Wrenfield']);
    expect(await names('ZOË')).toEqual(['Zoë Wrenfield']);
  });

  it('"oconnor", "o\'connor", "O Connor" and "oconnorbright" find O\'Connor-Brîght: apostrophes, hyphens and spaces are ignored', async () => {
    for (const q of ['oconnor', "o'connor", "O'CONNOR", 'O Connor', 'oconnorbright', 'siobhan oconnor']) expect(await names(q)).toEqual(["Siobhán O'Connor-Brîght"]);
  });

  it('"SMITH" finds every listed Smith (and Smithers, a longer surname), ordered by surname, forename, membership number; never the opted-out one', async () => {
    const res = await search({ name: 'SMITH' });
    expect(res.nodes.map((n) => [n.fullName, n.membershipNumber])).toEqual([
      ['Adam Smith', h.smithA.membershipNumber],
      ['Beth Smith', h.smithB.membershipNumber],
      ['Beth Smith', h.smithC.membershipNumber],
      ['Carl Smithers', h.smithers.membershipNumber],
    ]);
    expect(res.totalCount).toBe(4);
  });

  it('defines partial as a prefix of the surname, the forename or the full name: "mith" (inside a name) matches nobody', async () => {
    expect(await names('smi')).toHaveLength(4);
    expect(await names('beth')).toEqual(['Beth Smith', 'Beth Smith']);
    expect(await names('beth smith')).toEqual(['Beth Smith', 'Beth Smith']);
    expect(await names('gold')).toEqual(['Gwen Goldsmith']);
    expect(await names('mith')).toEqual([]);
  });

  it('finds one holder by exact membership number (case and spaces ignored), never by part of one', async () => {
    const res = await search({ membershipNumber: h.zoe.membershipNumber.toLowerCase() });
    expect(res.nodes).toEqual([{ fullName: 'Zoë Wrenfield', membershipNumber: h.zoe.membershipNumber, membershipStatus: 'ACTIVE', grade: 'FELLOW', titles: ['ATS'] }]);
    expect(res.totalCount).toBe(1);
    expect((await search({ membershipNumber: h.zoe.membershipNumber.slice(0, -1) })).totalCount).toBe(0);
  });

  it('filters by title', async () => {
    expect((await search({ name: 'smith', title: 'QTLS' })).nodes.map((n) => n.membershipNumber)).toEqual([h.smithB.membershipNumber]);
    expect((await search({ name: 'smith', title: 'ATS' })).totalCount).toBe(3);
  });

  it('pages with stable cursors: every entry exactly once, in order, even when a holder is added before the cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let totals = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const page = await search({ name: 'smith', first: 1, after });
      totals.add(page.totalCount);
      seen.push(...page.nodes.map((n) => n.membershipNumber));
      if (i === 1) await createHolder(t.dataSource, { givenName: 'Aaron', familyName: 'Smith' }); // sorts before the cursor
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([h.smithA.membershipNumber, h.smithB.membershipNumber, h.smithC.membershipNumber, h.smithers.membershipNumber]);
    expect([...totals]).toEqual([4, 5]);
    totals = new Set();
  });

  it('refuses a one-letter name, both or neither of name and number, a bad cursor and a page over 100 with BAD_USER_INPUT', async () => {
    expect(errorCode(await t.gql(REGISTER_QUERY, { name: 'z' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REGISTER_QUERY, { name: "'-" }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REGISTER_QUERY, { name: 'smith', membershipNumber: 'SET1' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REGISTER_QUERY, {}))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REGISTER_QUERY, { name: 'smith', after: 'nonsense' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REGISTER_QUERY, { name: 'smith', first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REGISTER_QUERY, { name: 'x'.repeat(101) }))).toBe('BAD_USER_INPUT');
  });

  it('normalises names the same way in SQL (register_search_key) and in TypeScript (searchKey)', async () => {
    const samples = ["O'Connor", 'Zoë', 'Adébáyọ̀', 'Wiśniewski', 'Øyvind', 'Łukasz', 'Straße', 'Æthelstan', 'Smith-Jones', 'van der Berg', 'Nguyễn', 'Çelik', 'Đorđević', 'MÜLLER', 'Þór', 'Siobhán', 'Renée', 'José María', 'İlkay', 'O’Brien', '李', 'Ffion ap Rhys'];
    const rows: { key: string }[] = await t.dataSource.query(`SELECT register_search_key(v) AS key FROM unnest($1::text[]) WITH ORDINALITY AS u(v, i) ORDER BY i`, [samples]);
    expect(rows.map((r) => r.key)).toEqual(samples.map(searchKey));
    expect(samples.map(searchKey).slice(0, 8)).toEqual(['oconnor', 'zoe', 'adebayo', 'wisniewski', 'oyvind', 'lukasz', 'strasse', 'aethelstan']);
  });

  it('reads a page of 50 entries with exactly one SQL statement (no N+1)', async () => {
    for (let i = 0; i < 55; i++) await createHolder(t.dataSource, { givenName: `Person${String(i).padStart(2, '0')}`, familyName: 'Countworthy' });
    await search({ name: 'countworthy', first: 50 }); // warm up: the prepared statement is parsed once per connection
    const original = Client.prototype.query;
    let statements = 0;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      // The shared test clock's read (DEC-T2) happens only where the test clock is enabled, never in production.
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
      if (!text?.includes('FROM server_clock')) statements++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const page = await search({ name: 'countworthy', first: 50 });
      expect(page.nodes).toHaveLength(50);
      expect(page.totalCount).toBe(55);
    } finally {
      Client.prototype.query = original;
    }
    expect(statements).toBe(1);
  });
});

describe('privacy of the public register (ATS-41, ATS-57)', () => {
  let t: TestApp;
  let holder: Holder;
  const MARKERS = {
    email: 'privacy.marker.7f3a@leak.example',
    employerName: 'Leakmarker Employer Ltd',
    employerContactEmail: 'hr.7f3a@leakmarker.example',
    joinedOn: '2001-02-03',
    renewalDate: '2027-09-08',
    awardedOn: '2024-04-05',
    dueOn: '2027-04-06',
  };
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    holder = await createHolder(t.dataSource, {
      givenName: 'Priya',
      familyName: 'Privacyton',
      email: MARKERS.email,
      employerName: MARKERS.employerName,
      employerContactEmail: MARKERS.employerContactEmail,
      joinedOn: MARKERS.joinedOn,
      renewalDate: MARKERS.renewalDate,
      statuses: [{ title: 'ATS', awardedOn: MARKERS.awardedOn, reaccreditationDueOn: MARKERS.dueOn }],
    });
    await t.dataSource.query(`INSERT INTO chartered_teacher_conferral (member_id, professional_status_id, ats_awarded_on, conferred_on, share_by, created_at) VALUES ($1,$2,'2024-04-05','2024-04-05','2024-05-17',now())`, [
      holder.memberId,
      holder.statusIds.ATS,
    ]);
  });
  afterAll(() => t.close());

  it('the entry type has exactly five fields', async () => {
    const res = await t.gql(`{ __type(name: "RegisterEntry") { fields { name } } }`);
    expect(res.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['fullName', 'grade', 'membershipNumber', 'membershipStatus', 'titles']);
  });

  it('no other stored value (email, employer, dates, ids, notes) appears in any register or employer-check response', async () => {
    const stored: { values: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT to_jsonb(m) || jsonb_build_object('status', to_jsonb(s)) AS values FROM member m JOIN professional_status s ON s.member_id = m.id WHERE m.id = $1`,
      [holder.memberId],
    );
    const flat = JSON.stringify(stored[0].values);
    const shown = new Set(['Priya', 'Privacyton', holder.membershipNumber, 'MEMBER', 'ACTIVE', 'ATS']);
    // Every stored value that is not one of the five public things, longer than a flag.
    const secret = [...flat.matchAll(/"([^"]{4,})"/g)].map((m) => m[1]).filter((v) => !shown.has(v) && !/^[a-z_]+$/.test(v));
    expect(secret).toEqual(expect.arrayContaining([MARKERS.email, MARKERS.employerName, MARKERS.joinedOn, MARKERS.awardedOn, holder.memberId, holder.statusIds.ATS]));

    const bodies: string[] = [];
    for (const variables of [{ name: 'privacyton' }, { name: 'priya' }, { membershipNumber: holder.membershipNumber }, { name: 'privacyton', title: 'ATS' }]) {
      const res = await t.http().post('/graphql').send({ query: REGISTER_QUERY, variables });
      expect(res.body.data.professionalStatusRegister.totalCount).toBe(1);
      bodies.push(res.text, JSON.stringify(res.headers));
    }
    const check = await t.http().post('/graphql').send({ query: EMPLOYER_CHECK_QUERY, variables: { numbers: [holder.membershipNumber] } });
    expect(check.body.data.employerCheck[0].listed).toBe(true);
    bodies.push(check.text, JSON.stringify(check.headers));
    const everything = bodies.join('\n');
    for (const value of secret) expect({ value, leaked: everything.includes(value) }).toEqual({ value, leaked: false });
    for (const value of Object.values(MARKERS)) expect(everything).not.toContain(value);
  });
});

describe('employerCheck (ATS-41)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(() => t.close());

  it('answers each of up to 100 numbers in the order asked: listed with the entry, or not listed', async () => {
    const a = await createHolder(t.dataSource, { givenName: 'Ema', familyName: 'Employcheck', statuses: [{ title: 'QTLS', awardedOn: '2021-01-01' }] });
    const b = await createHolder(t.dataSource, { givenName: 'Bo', familyName: 'Employcheck', statuses: [{ title: 'ATS', awardedOn: '2024-01-01', registerOptOut: true }] });
    const numbers = [a.membershipNumber, b.membershipNumber, ...Array.from({ length: 97 }, (_, i) => `SET${9000000 + i}`), a.membershipNumber];
    const res = await t.gql(EMPLOYER_CHECK_QUERY, { numbers });
    expectNoErrors(res);
    const answers = res.data!.employerCheck;
    expect(answers).toHaveLength(100);
    expect(answers[0]).toEqual({ membershipNumber: a.membershipNumber, listed: true, entry: { fullName: 'Ema Employcheck', membershipNumber: a.membershipNumber, membershipStatus: 'ACTIVE', grade: 'MEMBER', titles: ['QTLS'] } });
    expect(answers[1]).toEqual({ membershipNumber: b.membershipNumber, listed: false, entry: null });
    expect(answers.slice(2, 99).every((x: { listed: boolean }) => !x.listed)).toBe(true);
    expect(answers[99].listed).toBe(true);
  });

  it('refuses 101 numbers with BAD_USER_INPUT', async () => {
    const res = await t.gql(EMPLOYER_CHECK_QUERY, { numbers: Array.from({ length: 101 }, (_, i) => `SET${1000000 + i}`) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.data).toBeNull();
  });
});

describe('register search: forename matches whose surname sorts before the query', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(() => t.close());

  it('"zoe" finds Zoë Adams (surname before "zoe") and Zoe Zoeller (surname match) in surname order, across pages', async () => {
    const a = await createHolder(t.dataSource, { givenName: 'Zoë', familyName: 'Adams' });
    const z = await createHolder(t.dataSource, { givenName: 'Zoe', familyName: 'Zoeller' });
    const b = await createHolder(t.dataSource, { givenName: 'Bea', familyName: 'Zoeller' });
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: { data?: any } = await t.gql(REGISTER_QUERY, { name: 'zoe', first: 1, after });
      const page = res.data!.professionalStatusRegister;
      expect(page.totalCount).toBe(3);
      seen.push(...page.nodes.map((n: Entry) => n.membershipNumber));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([a.membershipNumber, b.membershipNumber, z.membershipNumber]);
  });
});
