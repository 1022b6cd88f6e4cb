import { countSql } from '../support/sql-counter';
import { createTestApp, type TestApp } from '../support/harness';

/** Each query limit refuses before execution: QUERY_TOO_COMPLEX with `extensions.limit`, HTTP 400, and not one SQL statement. */
describe('query limits at the edge (issue 7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function refused(query: string, variables?: Record<string, unknown>, auth: string | null = 'admin') {
    const { result, statements } = await countSql(() => t.gql(query, variables, auth));
    return { res: result, statements };
  }

  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: cohorts { nodes { id } }`).join(' ')} }`;

  it('allows 15 aliases (the default limit) and refuses 16 before any resolver runs', async () => {
    const ok = await countSql(() => t.gql(aliases(15), undefined, null));
    expect(ok.result.errors).toBeUndefined();
    expect(ok.statements.length).toBeGreaterThan(0); // the counter sees the queries that do run
    const { res, statements } = await refused(aliases(16), undefined, null);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 15 });
    expect(statements).toEqual([]);
  });

  it('applies the same limits to GET requests', async () => {
    const { result, statements } = await countSql(() => t.http().get('/graphql').query({ query: aliases(16) }).set('apollo-require-preflight', 'true'));
    expect(result.status).toBe(400);
    expect(result.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' });
    expect(statements).toEqual([]);
  });

  it('refuses the alias bomb of the hostile check (thousands of aliases of cohorts) by its token count, before parsing it whole', async () => {
    const { res, statements } = await refused(aliases(5000), undefined, null);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 2000 });
    expect(statements).toEqual([]);
  });

  it('refuses a selection nested deeper than 10 levels', async () => {
    const deep = `{ members { nodes { ${'a { '.repeat(10)}id${' }'.repeat(10)} } } }`;
    const { res, statements } = await refused(deep);
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 10 });
    expect(statements).toEqual([]);
  });

  it('refuses more than 10 directives', async () => {
    const query = `{ cohorts ${'@include(if: true) '.repeat(11)}{ nodes { id } } }`;
    const { res, statements } = await refused(query, undefined, null);
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'directives', max: 10 });
    expect(statements).toEqual([]);
  });

  const costly = (first: number) =>
    `query ($first: Int) { ${Array.from({ length: 12 }, (_, i) => `p${i}: participants(first: $first) { nodes { id member { id codeAcceptances { codeVersionId } } sections { key } cohort { id } originalCohort { id } } }`).join(' ')} }`;

  it('prices list fields by their page size: 12 pages of 10 participants pass, 12 pages of 100 are over the budget', async () => {
    const small = await t.gql(costly(10), { first: 10 }, 'admin');
    expect(small.errors).toBeUndefined();
    const { res, statements } = await refused(costly(100), { first: 100 });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 5000 });
    expect(res.errors![0].extensions).toHaveProperty('actual');
    expect((res.errors![0].extensions as unknown as { actual: number }).actual).toBeGreaterThan(5000);
    expect(statements).toEqual([]);
  });

  it('takes the limits from configuration', async () => {
    const strict = await createTestApp({ seed: false, env: { QUERY_MAX_ALIASES: '1', QUERY_MAX_COST: '50' } });
    try {
      expect((await strict.gql(aliases(2), undefined, null)).errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 1 });
      const cost = await strict.gql(`{ members(first: 100) { nodes { id codeAcceptances { codeVersionId } } } }`, undefined, 'admin');
      expect(cost.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 50 });
    } finally {
      await strict.close();
    }
  });

  it('lets the introspection query through (the Sandbox and codegen need it)', async () => {
    const res = await t.gql(`{ __schema { types { name fields { name type { name kind ofType { name kind ofType { name kind ofType { name kind } } } } } } } }`, undefined, null);
    expect(res.errors).toBeUndefined();
  });

  it('sets Node’s header, request and keep-alive timeouts from configuration', () => {
    const http = t.app.server.server;
    expect(http.headersTimeout).toBe(t.config.edge.http.headersTimeoutMs);
    expect(http.requestTimeout).toBe(t.config.edge.http.requestTimeoutMs);
    expect(http.keepAliveTimeout).toBe(t.config.edge.http.keepAliveTimeoutMs);
    expect(http.timeout).toBe(t.config.edge.http.connectionTimeoutMs);
  });
});
