import { createTestApp, type TestApp } from '../support/harness';

/** Issue 7: browser clients from allowed origins only, security headers, and production's quiet defaults. */
describe('CORS and security headers (development settings)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false, env: { CORS_ORIGINS: 'https://app.set.example,localhost' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a preflight from an allowed origin with the methods and headers a GraphQL client needs', async () => {
    const res = await t.http().options('/graphql').set('origin', 'https://app.set.example').set('access-control-request-method', 'POST').set('access-control-request-headers', 'content-type,authorization');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.set.example');
    expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(res.headers['access-control-allow-headers']).toMatch(/authorization/);
  });

  it('allows any localhost port outside production (CORS_ORIGINS=localhost)', async () => {
    const res = await t.http().post('/graphql').set('origin', 'http://localhost:5173').send({ query: '{ cohorts { nodes { id } } }' });
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('gives an origin outside the allowlist no CORS headers, so the browser withholds the answer', async () => {
    for (const origin of ['https://evil.example', 'https://app.set.example.evil.example', 'http://localhost.evil.example']) {
      const res = await t.http().post('/graphql').set('origin', origin).send({ query: '{ cohorts { nodes { id } } }' });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('sends security headers on every response, with a CSP that lets the development Sandbox load', async () => {
    const res = await t.http().get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['content-security-policy']).toMatch(/frame-src[^;]*sandbox\.embed\.apollographql\.com/);
    expect(res.headers['content-security-policy']).toMatch(/script-src[^;]*embeddable-sandbox\.cdn\.apollographql\.com/);
  });

  it('serves the Sandbox landing page and suggests field names in development', async () => {
    const page = await t.http().get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/apollographql/);
    const res = await t.gql('{ cohort { id } }');
    expect(res.errors![0].message).toMatch(/Did you mean/);
  });
});

describe('production browser settings (landing page, suggestions and localhost off; APQ off unless configured)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false, env: { CORS_ORIGINS: 'https://app.set.example', LANDING_PAGE_ENABLED: 'false', FIELD_SUGGESTIONS_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves no landing page and a CSP that loads nothing', async () => {
    const page = await t.http().get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toMatch(/apollographql/);
    const res = await t.http().get('/healthz');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('does not suggest field names', async () => {
    const res = await t.gql('{ cohort { id } }');
    expect(res.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).not.toMatch(/Did you mean|cohorts/);
  });

  it('refuses localhost origins unless listed', async () => {
    const res = await t.http().post('/graphql').set('origin', 'http://localhost:3000').send({ query: '{ cohorts { nodes { id } } }' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('does not accept automatic persisted queries (APQ_ENABLED unset)', async () => {
    const res = await t.http().post('/graphql').send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});
