import jwt from 'jsonwebtoken';
import { DEMO_MEMBERS } from '../../src/db/demo-identities';
import { createTestApp, type TestApp } from '../support/harness';

const MEMBER_ID = DEMO_MEMBERS.find((m) => m.alias === 'member')!.id;

/** Issue 7: a token living longer than JWT_MAX_LIFETIME_SECONDS, or issued in the future, is refused (HTTP 401). */
describe('token lifetime', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_MAX_LIFETIME_SECONDS: '3600', JWT_CLOCK_SKEW_SECONDS: '30' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  function sign(iat: number | undefined, exp: number): string {
    const { secret, issuer, audience } = t.config.jwt;
    return jwt.sign({ roles: ['MEMBER'], exp, ...(iat !== undefined ? { iat } : {}) }, secret!, { algorithm: 'HS256', subject: MEMBER_ID, issuer, audience, noTimestamp: iat === undefined });
  }
  async function me(token: string) {
    const res = await t.http().post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ me { id } }' });
    return { status: res.status, body: res.body };
  }

  it('accepts a token living exactly the maximum (control)', async () => {
    const res = await me(sign(now(), now() + 3600));
    expect(res.body.data?.me.id).toBe(MEMBER_ID);
  });

  it('refuses a token living one second longer than JWT_MAX_LIFETIME_SECONDS', async () => {
    const res = await me(sign(now(), now() + 3601));
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toMatch(/lives longer/);
  });

  it('refuses a long-lived token without iat by its remaining life', async () => {
    const res = await me(sign(undefined, now() + 7200));
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a token issued within the clock-skew tolerance ahead of the server (20 s)', async () => {
    const res = await me(sign(now() + 20, now() + 1800));
    expect(res.body.data?.me.id).toBe(MEMBER_ID);
  });

  it('refuses a token issued in the future beyond the clock-skew tolerance (10 minutes ahead)', async () => {
    const res = await me(sign(now() + 600, now() + 1800));
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors[0].message).toMatch(/future/);
  });
});
