import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig: the edge (issue 7)', () => {
  it('sets every limit by default, with the documented values', () => {
    const { edge, jwt } = loadConfig({});
    expect(edge.limits).toEqual({ maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxDirectives: 10, maxCost: 5000 });
    expect(edge.rateLimit).toMatchObject({ enabled: true, max: 600, windowMs: 60_000, anonymousMutationMax: 5, anonymousMutationWindowMs: 3_600_000, redisUrl: undefined });
    expect(edge.http).toEqual({ bodyLimitBytes: 262_144, connectionTimeoutMs: 30_000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, trustProxy: false });
    expect(jwt.maxLifetimeSeconds).toBe(86_400);
    expect(jwt.clockSkewSeconds).toBe(30);
    expect(edge.joinConfirmationHours).toBe(72);
    expect(edge.persistedQueries).toBe(false);
  });

  it('allows localhost origins, the landing page and field suggestions in development only', () => {
    const dev = loadConfig({}).edge;
    expect(dev).toMatchObject({ corsAllowLocalhost: true, corsOrigins: [], landingPage: true, fieldSuggestions: true });
    const production = loadConfig({ NODE_ENV: 'production', JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----', JWT_ISSUER: 'https://id.example/', DATABASE_URL: 'postgres://u@h/db' }).edge;
    expect(production).toMatchObject({ corsAllowLocalhost: false, corsOrigins: [], landingPage: false, fieldSuggestions: false });
  });

  it('switches rate limits off by default under NODE_ENV=test only', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).edge.rateLimit.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', RATE_LIMIT_ENABLED: 'true' }).edge.rateLimit.enabled).toBe(true);
  });

  it('reads an origin allowlist and a Redis URL', () => {
    const edge = loadConfig({ CORS_ORIGINS: 'https://app.set.example, https://staff.set.example:8443', REDIS_URL: 'redis://127.0.0.1:6379/0' }).edge;
    expect(edge.corsOrigins).toEqual(['https://app.set.example', 'https://staff.set.example:8443']);
    expect(edge.corsAllowLocalhost).toBe(false);
    expect(edge.rateLimit.redisUrl).toBe('redis://127.0.0.1:6379/0');
  });

  it.each([
    [{ QUERY_MAX_DEPTH: '1' }, 'QUERY_MAX_DEPTH'],
    [{ QUERY_MAX_DEPTH: 'deep' }, 'QUERY_MAX_DEPTH'],
    [{ QUERY_MAX_ALIASES: '-1' }, 'QUERY_MAX_ALIASES'],
    [{ QUERY_MAX_TOKENS: '99' }, 'QUERY_MAX_TOKENS'],
    [{ QUERY_MAX_COST: '0' }, 'QUERY_MAX_COST'],
    [{ QUERY_MAX_DIRECTIVES: '1001' }, 'QUERY_MAX_DIRECTIVES'],
    [{ RATE_LIMIT_MAX: '0' }, 'RATE_LIMIT_MAX'],
    [{ RATE_LIMIT_ENABLED: 'sometimes' }, 'RATE_LIMIT_ENABLED'],
    [{ RATE_LIMIT_ANON_MUTATION_MAX: '0' }, 'RATE_LIMIT_ANON_MUTATION_MAX'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ CORS_ORIGINS: 'https://app.example/path' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '500' }, 'HTTP_HEADERS_TIMEOUT_MS'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }, 'HTTP_HEADERS_TIMEOUT_MS'],
    [{ HTTP_BODY_LIMIT_BYTES: '100' }, 'HTTP_BODY_LIMIT_BYTES'],
    [{ JWT_MAX_LIFETIME_SECONDS: '10' }, 'JWT_MAX_LIFETIME_SECONDS'],
    [{ JWT_CLOCK_SKEW_SECONDS: '3600' }, 'JWT_CLOCK_SKEW_SECONDS'],
    [{ JOIN_CONFIRMATION_HOURS: '0' }, 'JOIN_CONFIRMATION_HOURS'],
    [{ APQ_ENABLED: 'perhaps' }, 'APQ_ENABLED'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });
});
