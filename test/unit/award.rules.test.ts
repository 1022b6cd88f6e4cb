import { VivaOutcome } from '../../src/domain/ats/award/award.enums';
import {
  assertCertificateAvailable,
  assertMayDownloadPortfolio,
  assertMayScheduleViva,
  assertVivaOutcomeInput,
  conferralShareBy,
  formalDocumentsDueOn,
  isFormalDocumentsOverdue,
  reaccreditationDueOn,
  signPortfolioLink,
  verifyPortfolioLink,
} from '../../src/domain/ats/award/award.rules';
import { newVerificationCode } from '../../src/domain/ats/award/award.service';
import type { DomainError } from '../../src/domain/shared/errors';

function ruleOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).rule ?? (e as DomainError).code;
  }
  return undefined;
}

describe('VIVA (ATS-37, ATS-38, DEC-V1)', () => {
  it('allows the first VIVA and the one re-VIVA, and refuses a third citing ATS-38', () => {
    expect(ruleOf(() => assertMayScheduleViva(0))).toBeUndefined();
    expect(ruleOf(() => assertMayScheduleViva(1))).toBeUndefined();
    expect(ruleOf(() => assertMayScheduleViva(2))).toBe('ATS-38');
  });
  it('allows RE_VIVA_REQUIRED only on the first VIVA, with what is needed', () => {
    expect(ruleOf(() => assertVivaOutcomeInput(1, VivaOutcome.RE_VIVA_REQUIRED, 'Evidence of impact', null))).toBeUndefined();
    expect(ruleOf(() => assertVivaOutcomeInput(1, VivaOutcome.RE_VIVA_REQUIRED, ' ', null))).toBe('BAD_USER_INPUT');
    expect(ruleOf(() => assertVivaOutcomeInput(2, VivaOutcome.RE_VIVA_REQUIRED, 'More', null))).toBe('ATS-38');
  });
  it('needs reasons for NOT_PASSED', () => {
    expect(ruleOf(() => assertVivaOutcomeInput(2, VivaOutcome.NOT_PASSED, null, ''))).toBe('BAD_USER_INPUT');
    expect(ruleOf(() => assertVivaOutcomeInput(2, VivaOutcome.NOT_PASSED, null, 'Could not explain the evidence'))).toBeUndefined();
  });
});

describe('award dates (ATS-40, 42, 49, 50)', () => {
  it('sets re-accreditation three years on, the College share date 42 days on and the formal documents 56 days on', () => {
    expect(reaccreditationDueOn('2029-03-20')).toBe('2032-03-20');
    expect(reaccreditationDueOn('2028-02-29')).toBe('2031-02-28');
    expect(conferralShareBy('2029-03-20')).toBe('2029-05-01');
    expect(formalDocumentsDueOn('2029-03-20')).toBe('2029-05-15');
  });
  it('counts formal documents overdue on day 57, not day 56, and never once sent', () => {
    expect(isFormalDocumentsOverdue('2029-05-15', null, '2029-05-15')).toBe(false);
    expect(isFormalDocumentsOverdue('2029-05-15', null, '2029-05-16')).toBe(true);
    expect(isFormalDocumentsOverdue('2029-05-15', '2029-05-01', '2029-06-01')).toBe(false);
  });
  it('offers the certificate from the award date (ATS-42)', () => {
    expect(ruleOf(() => assertCertificateAvailable('2029-03-20', '2029-03-19'))).toBe('ATS-42');
    expect(ruleOf(() => assertCertificateAvailable('2029-03-20', '2029-03-20'))).toBeUndefined();
    expect(ruleOf(() => assertCertificateAvailable(null, '2029-03-20'))).toBe('ATS-42');
  });
});

describe('verification codes (DEC-C1)', () => {
  it('are 130 random bits, different every time', () => {
    const codes = new Set(Array.from({ length: 200 }, newVerificationCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){4}-[A-Z2-9]$/);
  });
});

describe('portfolio download (ATS-53)', () => {
  const secret = 'a-test-secret-of-at-least-thirty-two-chars';
  const now = new Date('2029-03-20T12:00:00Z');
  const expires = new Date(now.getTime() + 600_000);
  const link = signPortfolioLink('https://eportfolio.example.org/export', 'p-123', expires, secret);

  it('is refused before the award, citing ATS-53', () => {
    expect(ruleOf(() => assertMayDownloadPortfolio(false))).toBe('ATS-53');
    expect(ruleOf(() => assertMayDownloadPortfolio(true))).toBeUndefined();
  });
  it('signs participant and expiry: the platform accepts it until it expires', () => {
    expect(link.startsWith('https://eportfolio.example.org/export?participant=p-123&expires=')).toBe(true);
    expect(verifyPortfolioLink(link, secret, now)).toBe(true);
    expect(verifyPortfolioLink(link, secret, new Date(expires.getTime() - 1))).toBe(true);
    expect(verifyPortfolioLink(link, secret, expires)).toBe(false);
  });
  it('is refused when tampered with or signed with another secret', () => {
    expect(verifyPortfolioLink(link.replace('participant=p-123', 'participant=p-124'), secret, now)).toBe(false);
    const url = new URL(link);
    url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect(verifyPortfolioLink(url.toString(), secret, now)).toBe(false);
    expect(verifyPortfolioLink(link, 'another-secret-of-at-least-thirty-two-chars', now)).toBe(false);
  });
});
