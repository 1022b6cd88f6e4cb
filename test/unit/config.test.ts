import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('runs with no configuration at all in development', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.jwt.algorithm).toBe('HS256');
    expect(config.testClockEnabled).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_ALGORITHM: 'none' }, 'JWT_ALGORITHM'],
    [{ JWT_ALGORITHM: 'RS256' }, 'JWT_PUBLIC_KEY'],
    [{ TEST_CLOCK_ENABLED: 'maybe' }, 'TEST_CLOCK_ENABLED'],
    [{ NODE_ENV: 'production', JWT_ALGORITHM: 'HS256' }, 'JWT_ALGORITHM'],
    [{ NODE_ENV: 'production', JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----x' }, 'JWT_ISSUER'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toContain(variable);
    }
  });

  it('never enables the test clock in production (DEC-T2)', () => {
    const production = { NODE_ENV: 'production', JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----x', JWT_ISSUER: 'https://id', DATABASE_URL: 'postgres://db/x' };
    expect(loadConfig(production).testClockEnabled).toBe(false);
    expect(() => loadConfig({ ...production, TEST_CLOCK_ENABLED: 'true' })).toThrow(/TEST_CLOCK_ENABLED/);
  });
});
