import net from 'node:net';
import request from 'supertest';
import { applicationInput, SUBMIT } from '../support/factories';
import { createTestApp, type TestApp } from '../support/harness';

function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(6379, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(300, () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
    socket.on('error', () => done(false));
  });
}

/** Issue 7: per-client budgets (token subject, else IP), a stricter one for anonymous mutations, 429 RATE_LIMITED with Retry-After. */
describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_ANON_MUTATION_MAX: '2' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const COHORTS = '{ cohorts { nodes { id } } }';

  it('answers the sixth anonymous request in a window with 429, RATE_LIMITED in a GraphQL-shaped body and a Retry-After header', async () => {
    for (let i = 0; i < 5; i++) expect((await t.gql(COHORTS)).status).toBe(200);
    const res = await t.http().post('/graphql').send({ query: COHORTS });
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ errors: [{ message: expect.stringMatching(/retry/i), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } }] });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.errors[0].extensions.retryAfterSeconds).toBe(Number(res.headers['retry-after']));
  });

  it('keys signed-in callers by their token subject: each has a budget of their own, apart from the anonymous one spent above', async () => {
    for (let i = 0; i < 5; i++) expect((await t.gql(COHORTS, undefined, 'member')).status).toBe(200);
    expect((await t.gql(COHORTS, undefined, 'member')).status).toBe(429);
    expect((await t.gql(COHORTS, undefined, 'fellow')).status).toBe(200);
  });

  it('keys a caller with an invalid token by address, so forged tokens buy no new budget', async () => {
    const res = await t.http().post('/graphql').set('authorization', 'Bearer not.a.token').send({ query: COHORTS });
    expect(res.status).toBe(429);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 8; i++) expect((await t.http().get('/healthz')).status).toBe(200);
  });
});

describe('rate limit on anonymous mutations (the join form, issue 7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_MAX: '100', RATE_LIMIT_ANON_MUTATION_MAX: '2', RATE_LIMIT_ANON_MUTATION_WINDOW_SECONDS: '3600' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes two applications from one address in an hour and refuses the third with RATE_LIMITED, storing nothing', async () => {
    for (let i = 0; i < 2; i++) expect((await t.gql(SUBMIT, { input: applicationInput() })).errors).toBeUndefined();
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM membership_application`);
    const res = await t.http().post('/graphql').send({ query: SUBMIT, variables: { input: applicationInput() } });
    expect(res.status).toBe(429);
    expect(res.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM membership_application`)).toEqual(before);
  });

  it('still answers anonymous queries from that address (only mutations have the strict budget)', async () => {
    expect((await t.gql('{ cohorts { nodes { id } } }')).status).toBe(200);
  });

  it('does not apply the anonymous budget to signed-in staff mutations', async () => {
    const res = await t.gql(`mutation { runSweeps { name } }`, undefined, 'membership-team');
    expect(res.errors).toBeUndefined();
  });
});

describe('rate limits shared through Redis (REDIS_URL; runs only when a Redis answers on 127.0.0.1:6379)', () => {
  it('makes two instances share one budget', async () => {
    if (!(await redisAnswers())) {
      console.warn('no Redis on 127.0.0.1:6379: the shared-budget test is skipped');
      return;
    }
    const env = { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_MAX: '4', RATE_LIMIT_WINDOW_SECONDS: '60', REDIS_URL: `redis://127.0.0.1:6379/${Math.floor(Math.random() * 15) + 1}` };
    const a = await createTestApp({ seed: false, env });
    const b = await createTestApp({ seed: false, env });
    try {
      const token = a.token(`rl-${Date.now()}`, ['ADMIN' as never]);
      const send = (app: TestApp) => request(app.app.server.server).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ cohorts { nodes { id } } }' });
      expect((await send(a)).status).toBe(200);
      expect((await send(b)).status).toBe(200);
      expect((await send(a)).status).toBe(200);
      expect((await send(b)).status).toBe(200);
      const fifth = await send(a);
      expect(fifth.status).toBe(429);
      expect(fifth.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
