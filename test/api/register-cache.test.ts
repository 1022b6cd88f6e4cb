import { createHash } from 'node:crypto';
import request from 'supertest';
import { createApp, type App } from '../../src/app';
import { createTestApp, expectNoErrors, type TestApp } from '../support/harness';
import { createHolder, REGISTER_QUERY, updateStatus } from '../support/register-factories';

describe('Cache-Control on GraphQL responses (issue 10: CDN caching of the public register only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REGISTER_CACHE_MAX_AGE: '45', APQ_ENABLED: 'true' } });
    await createHolder(t.dataSource, { givenName: 'Cara', familyName: 'Cacheley' });
  });
  afterAll(() => t.close());

  it('marks a public register search and an employer check without a token public with the configured max-age', async () => {
    const res = await t.http().post('/graphql').send({ query: REGISTER_QUERY, variables: { name: 'cacheley' } });
    expect(res.body.data.professionalStatusRegister.totalCount).toBe(1);
    expect(res.headers['cache-control']).toBe('public, max-age=45');
    const check = await t.http().post('/graphql').send({ query: '{ employerCheck(membershipNumbers: ["SET0000001"]) { listed } }' });
    expect(check.headers['cache-control']).toBe('public, max-age=45');
  });

  it('never marks public anything sent with a token, anything else, any mutation, or any error', async () => {
    const cases: [string, string | null, Record<string, unknown>?][] = [
      [REGISTER_QUERY, 'member', { name: 'cacheley' }], // a register search with a token
      ['{ me { id email } }', 'member'],
      ['{ programmeFees { id } }', null], // public, but not the register
      ['{ professionalStatusRegister(name: "cacheley") { totalCount } me { id } }', 'member'],
      ['{ professionalStatusRegister(name: "cacheley") { totalCount } programmeFees { id } }', null],
      [REGISTER_QUERY, null, { name: 'x' }], // an error
      ['mutation { acknowledgeCharteredTeacherConferrals(input: { membershipNumbers: ["SET1"] }) { acknowledged } }', 'chartered-college'],
      ['{ charteredTeacherConferrals(first: 1) { nodes { fullName } } }', 'chartered-college'],
    ];
    for (const [query, auth, variables] of cases) {
      const req = t.http().post('/graphql').send({ query, variables });
      if (auth) req.set('authorization', `Bearer ${t.token(auth)}`);
      const res = await req;
      expect({ query, cacheControl: res.headers['cache-control'] }).toEqual({ query, cacheControl: 'no-store' });
    }
  });

  it('answers a GET with an automatic persisted query (hash only) once registered, cacheable by a CDN', async () => {
    const query = '{ professionalStatusRegister(name: "cacheley") { totalCount nodes { fullName } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }));
    const first = await t.http().get(`/graphql?extensions=${extensions}`).set('apollo-require-preflight', 'true');
    expect(first.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await t.http().get(`/graphql?query=${encodeURIComponent(query)}&extensions=${extensions}`).set('apollo-require-preflight', 'true');
    const res = await t.http().get(`/graphql?extensions=${extensions}`).set('apollo-require-preflight', 'true');
    expect(res.body.data.professionalStatusRegister).toEqual({ totalCount: 1, nodes: [{ fullName: 'Cara Cacheley' }] });
    expect(res.headers['cache-control']).toBe('public, max-age=45');
  });

  it('serves /register and its script as separate same-origin files', async () => {
    const page = await t.http().get('/register');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<script src="/register/register.js" defer></script>');
    expect(page.text).not.toMatch(/<script>|<style>|\son[a-z]+="/); // nothing inline for the CSP to refuse
    const script = await t.http().get('/register/register.js');
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.text).toContain('professionalStatusRegister');
  });
});

describe('the public response cache (REGISTER_RESPONSE_CACHE)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REGISTER_CACHE_MAX_AGE: '3600', REGISTER_RESPONSE_CACHE: 'true' } });
  });
  afterAll(() => t.close());

  it('answers a repeated anonymous register query from memory within max-age, but never a request with a token', async () => {
    const h = await createHolder(t.dataSource, { givenName: 'Rhys', familyName: 'Respcache' });
    const ask = (auth?: string) => {
      const req = t.http().post('/graphql').send({ query: REGISTER_QUERY, variables: { name: 'respcache' } });
      if (auth) req.set('authorization', `Bearer ${t.token(auth)}`);
      return req;
    };
    expect((await ask()).body.data.professionalStatusRegister.totalCount).toBe(1);
    await updateStatus(t.dataSource, h.statusIds.ATS, { register_opt_out: true });
    // Still the cached answer (the promise is: a change shows within max-age), and still marked public.
    const cached = await ask();
    expect(cached.body.data.professionalStatusRegister.totalCount).toBe(1);
    expect(cached.headers['cache-control']).toBe('public, max-age=3600');
    // With a token the request bypasses the cache and sees the change at once.
    const fresh = await ask('member');
    expectNoErrors({ status: fresh.status, data: fresh.body.data, errors: fresh.body.errors });
    expect(fresh.body.data.professionalStatusRegister.totalCount).toBe(0);
  });

  it('says the Age of a hit, so a CDN in front keeps it no longer than max-age after it was made', async () => {
    await createHolder(t.dataSource, { givenName: 'Ada', familyName: 'Agecache' });
    const body = JSON.stringify({ query: REGISTER_QUERY, variables: { name: 'agecache' } });
    const first = await t.http().post('/graphql').set('content-type', 'application/json').send(body);
    expect(first.headers.age).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const hit = await t.http().post('/graphql').set('content-type', 'application/json').send(body);
    expect(hit.text).toBe(first.text);
    expect(Number(hit.headers.age)).toBeGreaterThanOrEqual(1);
    expect(Number(hit.headers.age)).toBeLessThan(3600);
  });

  it('keys on the accept header and the exact body, and keeps fastify\'s JSON checks for everything it does not answer', async () => {
    const h = await createHolder(t.dataSource, { givenName: 'Kai', familyName: 'Keycache' });
    const body = JSON.stringify({ query: REGISTER_QUERY, variables: { name: 'keycache' } });
    const post = (raw: string, headers: Record<string, string> = {}) => {
      const req = t.http().post('/graphql').set('content-type', headers['content-type'] ?? 'application/json');
      for (const [name, value] of Object.entries(headers)) req.set(name, value);
      return req.send(raw);
    };
    expect((await post(body)).body.data.professionalStatusRegister.totalCount).toBe(1);
    await updateStatus(t.dataSource, h.statusIds.ATS, { register_opt_out: true });
    expect((await post(body)).body.data.professionalStatusRegister.totalCount).toBe(1); // the hit
    // Not the same request: answered afresh (and the opt-out shows).
    expect((await post(` ${body}`)).body.data.professionalStatusRegister.totalCount).toBe(0);
    expect((await post(body, { accept: 'application/graphql-response+json' })).body.data.professionalStatusRegister.totalCount).toBe(0);
    expect((await post(body, { 'content-type': 'application/json; charset=utf-8' })).body.data.professionalStatusRegister.totalCount).toBe(1);
    // fastify's own refusals are unchanged: prototype poisoning, bad JSON, an empty body.
    for (const raw of ['{"query": "{ __typename }", "__proto__": {"x": 1}}', '{"query": ', '']) {
      const res = await post(raw);
      expect({ raw, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ raw, status: 400, code: 'BAD_REQUEST' });
    }
  });
});

describe('READ_DATABASE_URL (read scaling)', () => {
  let t: TestApp;
  let replicaApp: App;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    // Both URLs point at the test server: the "replica" is the same database, as streaming replication would make it.
    const url = (t.dataSource.options as { url: string }).url;
    replicaApp = await createApp({ config: { ...t.config, readDatabaseUrl: url }, dataSource: t.dataSource, clock: t.clock, logger: false });
    await replicaApp.server.ready();
  });
  afterAll(async () => {
    await replicaApp.close();
    await t.close();
  });

  it('sends register and employer-check reads to the read server (its own pool), which cannot write; writes stay on the primary', async () => {
    const h = await createHolder(t.dataSource, { givenName: 'Rita', familyName: 'Replicova' });
    const pool = replicaApp.services.register.readPool!;
    expect(pool).not.toBeNull();
    let reads = 0;
    const original = pool.query.bind(pool);
    (pool as { query: unknown }).query = (...args: unknown[]) => {
      reads++;
      return (original as (...a: unknown[]) => unknown)(...args);
    };
    const res = await request(replicaApp.server.server).post('/graphql').send({ query: REGISTER_QUERY, variables: { name: 'replicova' } });
    expect(res.body.data.professionalStatusRegister.nodes[0].membershipNumber).toBe(h.membershipNumber);
    const check = await request(replicaApp.server.server).post('/graphql').send({ query: '{ employerCheck(membershipNumbers: ["SET0000001"]) { listed } }' });
    expect(check.body.data.employerCheck).toEqual([{ listed: false }]);
    expect(reads).toBe(2);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'set-register-read' AND datname = current_database()`);
    expect(n).toBeGreaterThan(0);
    await expect(original('CREATE TABLE must_not_exist (id int)')).rejects.toThrow(/read-only/);
  });
});
