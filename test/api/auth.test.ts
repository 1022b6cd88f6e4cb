import jwt from 'jsonwebtoken';
import { DEMO_MEMBERS } from '../../src/db/demo-identities';
import { TokenVerifier } from '../../src/graphql/auth';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';

const ME = '{ me { id membershipNumber } }';
const MEMBER_ID = DEMO_MEMBERS[0].id;

/** Base64url of a JSON value, for tokens built by hand. */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe(TokenVerifier.name, () => {
  let t: TestApp;
  /** Claims every good token carries; a test removes or changes one at a time. */
  let sign: (claims?: Record<string, unknown>, options?: jwt.SignOptions, secret?: string) => string;

  beforeAll(async () => {
    t = await createTestApp();
    const { secret, issuer, audience } = t.config.jwt;
    sign = (claims = {}, options = {}, key = secret!) =>
      jwt.sign({ roles: ['MEMBER'], ...claims }, key, { algorithm: 'HS256', subject: MEMBER_ID, issuer, audience, expiresIn: 600, ...options });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Sends `query` with a raw Authorization header and returns status and body. */
  async function call(authorization: string | undefined, query = ME) {
    const req = t.http().post('/graphql').set('content-type', 'application/json');
    if (authorization !== undefined) req.set('authorization', authorization);
    const res = await req.send({ query });
    return { status: res.status, body: res.body as { data?: any; errors?: { message: string; extensions: { code: string } }[] } };
  }

  async function expectRefused(authorization: string) {
    const res = await call(authorization);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
    return res;
  }

  it('accepts a well-formed token and identifies the member (control for the refusals below)', async () => {
    const res = await call(`Bearer ${sign()}`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.me.id).toBe(MEMBER_ID);
  });

  it('refuses a token whose signature has been tampered with', async () => {
    const token = sign();
    const [header, payload, signature] = token.split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await expectRefused(`Bearer ${header}.${payload}.${flipped}`);
  });

  it('refuses a token whose payload was changed after signing (roles escalated to ADMIN)', async () => {
    const [header, , signature] = sign().split('.');
    const forged = b64({ sub: MEMBER_ID, roles: ['ADMIN'], iss: t.config.jwt.issuer, aud: t.config.jwt.audience, exp: Math.floor(Date.now() / 1000) + 600 });
    await expectRefused(`Bearer ${header}.${forged}.${signature}`);
  });

  it('refuses an expired token and says so', async () => {
    const iat = Math.floor(Date.now() / 1000) - 7200;
    const res = await expectRefused(`Bearer ${sign({ iat }, { expiresIn: 3600 })}`);
    expect(res.body.errors?.[0].message).toMatch(/expired/i);
  });

  it('refuses a token issued for another audience', async () => {
    await expectRefused(`Bearer ${sign({}, { audience: 'some-other-api' })}`);
  });

  it('refuses a token from another issuer', async () => {
    await expectRefused(`Bearer ${sign({}, { issuer: 'https://evil.example/' })}`);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const payload = b64({ sub: MEMBER_ID, roles: ['ADMIN'], iss: t.config.jwt.issuer, aud: t.config.jwt.audience, exp: Math.floor(Date.now() / 1000) + 600 });
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`);
  });

  it('refuses an HS256 token signed with a different secret', async () => {
    await expectRefused(`Bearer ${sign({}, {}, 'a-different-secret-that-is-long-enough-0123456789')}`);
  });

  it('refuses a token signed with a pinned-out algorithm (HS512 with the right secret)', async () => {
    await expectRefused(`Bearer ${sign({}, { algorithm: 'HS512' })}`);
  });

  it('refuses a token with no expiry', async () => {
    const { secret, issuer, audience } = t.config.jwt;
    const token = jwt.sign({ roles: ['MEMBER'] }, secret!, { algorithm: 'HS256', subject: MEMBER_ID, issuer, audience });
    expect(jwt.decode(token)).not.toHaveProperty('exp');
    const res = await expectRefused(`Bearer ${token}`);
    expect(res.body.errors?.[0].message).toMatch(/expire/i);
  });

  it('refuses a token with no subject', async () => {
    const { secret, issuer, audience } = t.config.jwt;
    const token = jwt.sign({ roles: ['MEMBER'] }, secret!, { algorithm: 'HS256', issuer, audience, expiresIn: 600 });
    await expectRefused(`Bearer ${token}`);
  });

  it.each([
    ['an unknown role', { roles: ['SUPERUSER'] }],
    ['an empty role list', { roles: [] }],
    ['roles that are not a list', { roles: 'ADMIN' }],
    ['no roles claim', { roles: undefined }],
  ])('refuses a token granting %s', async (_label, claims) => {
    const res = await expectRefused(`Bearer ${sign(claims)}`);
    expect(res.body.errors?.[0].message).toMatch(/role/i);
  });

  it.each([
    ['a Basic credential', 'Basic dXNlcjpwYXNz'],
    ['a bare token without "Bearer"', 'TOKEN_PLACEHOLDER'],
    ['"Bearer" with nothing after it', 'Bearer '],
    ['two tokens', 'Bearer a.b.c d.e.f'],
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
  ])('refuses a malformed Authorization header: %s', async (_label, header) => {
    await expectRefused(header === 'TOKEN_PLACEHOLDER' ? sign() : header);
  });

  it('refuses a bad token even on a public operation, rather than quietly treating the caller as anonymous', async () => {
    const res = await call('Bearer not-a-jwt', '{ serverClock { londonDate } }');
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  describe('with no token', () => {
    it('can call public operations', async () => {
      const res = await t.gql('{ serverClock { londonDate testClockEnabled } currentCodeOfPractice { id version } }');
      expectNoErrors(res);
      expect(res.data!.serverClock.londonDate).toBe('2026-11-23');
      expect(res.data!.currentCodeOfPractice.version).toBe('2024.1');
    });

    it.each([
      ['me', ME],
      ['members', '{ members { nodes { id } } }'],
      ['auditLog', '{ auditLog { nodes { id } } }'],
      ['notifications', '{ notifications { nodes { id } } }'],
      ['runSweeps', 'mutation { runSweeps { name affected } }'],
    ])('gets UNAUTHENTICATED on the protected operation %s', async (_name, query) => {
      const res = await t.gql(query);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    });
  });
});
