import { createTestApp, type TestApp } from '../support/harness';
import { countSql } from '../support/sql-counter';
import { createHolder, EMPLOYER_CHECK_QUERY, REGISTER_QUERY } from '../support/register-factories';

/**
 * Issue 10: anonymous public register queries are answered by a compiled plan before Apollo (register-fast-path.ts).
 * Two instances share one database: `fast` (the default) and `apollo` (REGISTER_FAST_PATH=false). Whatever the fast
 * path answers must be what Apollo answers, byte for byte, with the same status and headers; whatever it must not
 * answer goes to Apollo untouched.
 */
describe('the public register fast path answers exactly as Apollo does', () => {
  let fast: TestApp;
  let apollo: TestApp;
  let numbers: string[];

  beforeAll(async () => {
    fast = await createTestApp({ env: { REGISTER_CACHE_MAX_AGE: '30' } });
    apollo = await createTestApp({ env: { REGISTER_CACHE_MAX_AGE: '30', REGISTER_FAST_PATH: 'false' }, shareDatabase: { url: fast.databaseUrl, clock: fast.clock }, seed: false });
    const holders = [];
    for (const [givenName, familyName] of [['Zoë', "O'Connor-Fastpath"], ['Zack', 'Fastpath'], ['Yusuf', 'Fastpath'], ['Xavier', 'Fastpath'], ['Wren', 'Fastpathe']]) {
      holders.push(await createHolder(fast.dataSource, { givenName, familyName }));
    }
    numbers = holders.map((h) => h.membershipNumber);
  });
  afterAll(async () => {
    await apollo.close();
    await fast.close();
  });

  interface Ask {
    body?: unknown;
    raw?: string;
    method?: 'GET' | 'POST';
    url?: string;
    headers?: Record<string, string>;
  }

  async function answer(t: TestApp, ask: Ask) {
    const method = ask.method ?? 'POST';
    const req = method === 'GET' ? t.http().get(ask.url ?? '/graphql') : t.http().post(ask.url ?? '/graphql').set('content-type', 'application/json');
    for (const [name, value] of Object.entries(ask.headers ?? {})) req.set(name, value);
    const res = method === 'POST' ? await req.send(ask.raw ?? JSON.stringify(ask.body)) : await req;
    // Everything but what differs per response anyway.
    const { date: _date, 'x-request-id': _id, connection: _c, 'keep-alive': _k, ...headers } = res.headers as Record<string, string>;
    return { status: res.status, headers, text: res.text };
  }

  async function bothAnswer(ask: Ask) {
    await answer(fast, ask); // a document is compiled the second time it is seen
    const before = { ...fast.app.registerFastPath!.stats };
    const [a, b] = [await answer(fast, ask), await answer(apollo, ask)];
    expect(a).toEqual(b);
    const after = fast.app.registerFastPath!.stats;
    return { answer: a, answered: after.answered - before.answered, handedOver: after.handedOver - before.handedOver };
  }

  it('answers name and number searches, title filters, paging both ways and employer checks itself, with the same bytes and headers', async () => {
    const page1 = JSON.parse((await answer(apollo, { body: { query: REGISTER_QUERY, variables: { name: 'fastpath', first: 2 } } })).text);
    const after = page1.data.professionalStatusRegister.pageInfo?.endCursor ?? page1.data.professionalStatusRegister.edges?.at(-1)?.cursor;
    const asks: Ask[] = [
      { body: { query: REGISTER_QUERY, variables: { name: 'fastpath' } } },
      { body: { query: REGISTER_QUERY, variables: { name: 'FASTPATH', first: 2 } } },
      { body: { query: REGISTER_QUERY, variables: { name: 'fastpath', first: 2, after } } },
      { body: { query: REGISTER_QUERY, variables: { name: 'zoe', title: 'ATS' } } },
      { body: { query: REGISTER_QUERY, variables: { name: 'oconnor' } } },
      { body: { query: REGISTER_QUERY, variables: { membershipNumber: numbers[0] } } },
      { body: { query: REGISTER_QUERY, variables: { membershipNumber: 'SET9999999' } } },
      { body: { query: '{ professionalStatusRegister(name: "fastpath", last: 2) { totalCount edges { cursor node { fullName } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }' } },
      { body: { query: 'query Check($n: [String!]!) { employerCheck(membershipNumbers: $n) { membershipNumber listed entry { fullName titles } } }', variables: { n: [...numbers, 'NOPE'] }, operationName: 'Check' } },
      { body: { query: EMPLOYER_CHECK_QUERY, variables: { numbers } } },
      { body: { query: '{ __typename a: professionalStatusRegister(name: "fastpath", first: 1) { ...C } b: employerCheck(membershipNumbers: ["X"]) { listed } } fragment C on RegisterEntryConnection { totalCount nodes { fullName membershipStatus grade } }' } },
      { body: { query: 'query A { employerCheck(membershipNumbers: ["X"]) { listed } } query B { professionalStatusRegister(name: "zoe") { totalCount } }', operationName: 'B' } },
      { body: { query: REGISTER_QUERY, variables: { name: 'fastpath' } }, headers: { accept: 'application/json' } },
      { body: { query: REGISTER_QUERY, variables: { name: 'fastpath' } }, headers: { accept: '*/*' } },
      { body: { query: REGISTER_QUERY, variables: { name: 'fastpath' } }, headers: { origin: 'http://localhost:5173' } },
    ];
    let answered = 0;
    for (const ask of asks) {
      const result = await bothAnswer(ask);
      expect({ ask, status: result.answer.status, cacheControl: result.answer.headers['cache-control'] }).toEqual({ ask, status: 200, cacheControl: 'public, max-age=30' });
      answered += result.answered;
    }
    expect(answered).toBe(asks.length);
  });

  it('leaves to Apollo, untouched, whatever it must not answer: tokens, GET, persisted queries, batches, mutations, other fields, invalid documents, other media types', async () => {
    const register = { query: REGISTER_QUERY, variables: { name: 'fastpath' } };
    const asks: Ask[] = [
      { body: register, headers: { authorization: `Bearer ${fast.token('member')}` } },
      { body: register, headers: { authorization: 'Bearer not-a-token' } },
      { method: 'GET', url: `/graphql?query=${encodeURIComponent('{ professionalStatusRegister(name: "fastpath") { totalCount } }')}`, headers: { 'apollo-require-preflight': 'true' } },
      { body: { ...register, extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } } },
      { body: [register, register] },
      { body: { query: 'mutation { acknowledgeCharteredTeacherConferrals(input: { membershipNumbers: ["X"] }) { acknowledged } }' } },
      { body: { query: '{ professionalStatusRegister(name: "fastpath") { totalCount } programmeFees { id } }' } },
      { body: { query: '{ professionalStatusRegister(name: "fastpath") { totalCount email } }' } },
      { body: { query: '{ professionalStatusRegister(name: "fastpath") { totalCount }' } },
      { body: { query: '{ __schema { types { name } } }' } },
      { body: { query: REGISTER_QUERY, variables: { name: 'fastpath', first: 'two' } } },
      { body: { query: REGISTER_QUERY, variables: '{"name":"fastpath"}' } },
      { body: { query: REGISTER_QUERY, variables: { name: 'fastpath' }, operationName: 'Missing' } },
      { body: register, headers: { accept: 'application/graphql-response+json' } },
      { body: register, headers: { accept: 'text/html' } },
      { raw: '{"query": "{ professionalStatusRegister(name: \\"fastpath\\") { totalCount } }", "__proto__": {"x": 1}}' },
    ];
    for (const ask of asks) {
      const result = await bothAnswer(ask);
      // (A variable of the wrong type is tried by the plan, which runs nothing and hands it over: answered stays 0.)
      expect({ ask, answered: result.answered }).toEqual({ ask, answered: 0 });
    }
  });

  it('hands an answer with an error to Apollo, which answers it in its own shape without making the same read twice', async () => {
    // One alias fails its input check (ATS-41: at least two letters), the other reads the register.
    const query = '{ ok: professionalStatusRegister(name: "fastpath") { totalCount } bad: professionalStatusRegister(name: "x") { totalCount } }';
    const result = await bothAnswer({ body: { query } });
    expect(result.handedOver).toBe(1);
    expect(result.answered).toBe(0);
    const body = JSON.parse(result.answer.text);
    expect(body.data).toBeNull(); // both fields are non-null, so one error nulls the answer
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(result.answer.headers['cache-control']).toBe('no-store');

    // The good alias read the register once on the fast path; Apollo's second execution reuses that read.
    const { statements } = await countSql(() => answer(fast, { body: { query } }));
    expect(fast.app.registerFastPath!.stats.handedOver).toBeGreaterThan(result.handedOver);
    expect(statements.filter((s) => /register_entry/.test(s))).toHaveLength(1);
    const { statements: apolloAlone } = await countSql(() => answer(apollo, { body: { query } }));
    expect(apolloAlone.filter((s) => /register_entry/.test(s))).toHaveLength(1);
  });

  it('compiles a document only the second time it is seen: a one-off document goes to Apollo and costs no compilation', async () => {
    const query = `{ professionalStatusRegister(name: "fastpath", first: 3) { totalCount nodes { fullName } } } # ${Date.now()}`;
    const stats = fast.app.registerFastPath!.stats;
    const first = stats.answered;
    const once = await answer(fast, { body: { query } });
    expect(stats.answered).toBe(first);
    const twice = await answer(fast, { body: { query } });
    expect(stats.answered).toBe(first + 1);
    expect(twice).toEqual(once);
  });

  it('applies the edge first: a query over the cost limit is refused before the fast path runs anything', async () => {
    // 14 aliases (within the alias limit) of 100 entries with nodes, edges and pageInfo: 14 × 401 = 5,614 > 5,000.
    const aliases = Array.from({ length: 14 }, (_, i) => `a${i}: professionalStatusRegister(name: "fastpath", first: 100) { nodes { fullName } edges { node { fullName } } pageInfo { hasNextPage } }`).join(' ');
    await answer(fast, { body: { query: `{ ${aliases} }` } });
    const before = fast.app.registerFastPath!.stats.answered;
    const { result, statements } = await countSql(() => answer(fast, { body: { query: `{ ${aliases} }` } }));
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    expect(statements).toHaveLength(0);
    expect(fast.app.registerFastPath!.stats.answered).toBe(before);
  });
});
