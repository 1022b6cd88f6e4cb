import { ConfigError, loadConfig } from '../../src/config';

const PROD = { NODE_ENV: 'production', JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----', JWT_ISSUER: 'https://auth.example/', DATABASE_URL: 'postgres://u:p@db/x', TEST_CLOCK_ENABLED: 'false' };

describe('ATS results and award configuration (ATS-36, ATS-53)', () => {
  it('defaults the objection period to 28 days and accepts another', () => {
    expect(loadConfig({}).ats.objectionPeriodDays).toBe(28);
    expect(loadConfig({ OBJECTION_PERIOD_DAYS: '14' }).ats.objectionPeriodDays).toBe(14);
    expect(() => loadConfig({ OBJECTION_PERIOD_DAYS: '0' })).toThrow(ConfigError);
  });
  it('turns portfolio downloads off in production unless both the export URL and the secret are set', () => {
    expect(loadConfig(PROD).ats).toMatchObject({ portfolioExportUrl: null, portfolioLinkSecret: null });
    expect(() => loadConfig({ ...PROD, EPORTFOLIO_EXPORT_URL: 'https://eportfolio.example.org/export' })).toThrow(/PORTFOLIO_LINK_SECRET/);
    const on = loadConfig({ ...PROD, EPORTFOLIO_EXPORT_URL: 'https://eportfolio.example.org/export', PORTFOLIO_LINK_SECRET: 'x'.repeat(32) });
    expect(on.ats.portfolioLinkSecret).toBe('x'.repeat(32));
  });
  it('refuses a short secret and a non-https export URL', () => {
    expect(() => loadConfig({ PORTFOLIO_LINK_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ EPORTFOLIO_EXPORT_URL: 'http://eportfolio.example.org/export' })).toThrow(/https/);
  });
});
