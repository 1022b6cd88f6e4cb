import { isStatusListed, listedTitles, type MemberRow, type StatusRow } from '../../src/domain/register/public/listing.sql';
import { searchKey } from '../../src/domain/register/public/search-key';
import { MemberStatus } from '../../src/domain/membership/membership.enums';
import { StatusTitle } from '../../src/domain/register/register.enums';

const status = (over: Partial<StatusRow> = {}): StatusRow => ({
  awardedOn: '2023-12-01',
  reaccreditationDueOn: '2026-12-01',
  suspendedOn: null,
  suspensionEndsOn: null,
  removedOn: null,
  registerOptOut: false,
  ...over,
});
const member = (over: Partial<MemberRow> = {}): MemberRow => ({ status: MemberStatus.ACTIVE, renewalDate: '2027-06-30', suspensionEndsOn: null, ...over });

describe('register listing (DEC-G2, ATS-41, ATS-50, ATS-56)', () => {
  it('ATS-50: listed on the re-accreditation due date, dormant the day after', () => {
    expect(isStatusListed(status(), '2026-12-01')).toBe(true);
    expect(isStatusListed(status(), '2026-12-02')).toBe(false);
  });

  it('ATS-56 / DEC-G2: suspended from the first day, listed again on the day the suspension ends', () => {
    const s = status({ suspendedOn: '2026-05-01', suspensionEndsOn: '2026-06-01' });
    expect(isStatusListed(s, '2026-04-30')).toBe(true);
    expect(isStatusListed(s, '2026-05-01')).toBe(false);
    expect(isStatusListed(s, '2026-05-31')).toBe(false);
    expect(isStatusListed(s, '2026-06-01')).toBe(true);
    expect(isStatusListed(status({ suspendedOn: '2026-05-01' }), '2026-11-30')).toBe(false); // open-ended
  });

  it('ATS-56 / ATS-41: never listed once removed or opted out', () => {
    expect(isStatusListed(status({ removedOn: '2026-01-01' }), '2025-06-01')).toBe(false);
    expect(isStatusListed(status({ registerOptOut: true }), '2026-01-01')).toBe(false);
  });

  it('ATS-43 / DEC-M1: a holder is listed up to and including the renewal date, not the day after', () => {
    const statuses = { [StatusTitle.ATS]: status(), [StatusTitle.QTLS]: status({ reaccreditationDueOn: null }) };
    expect(listedTitles(member({ renewalDate: '2026-08-31' }), statuses, '2026-08-31')).toEqual(['ATS', 'QTLS']);
    expect(listedTitles(member({ renewalDate: '2026-08-31' }), statuses, '2026-09-01')).toEqual([]);
    expect(listedTitles(member(), statuses, '2026-12-02')).toEqual(['QTLS']);
  });

  it('COP-6 / DEC-G2: a suspended member is listed from the day the membership suspension ends', () => {
    const statuses = { [StatusTitle.ATS]: status() };
    const m = member({ status: MemberStatus.SUSPENDED, suspensionEndsOn: '2026-03-01' });
    expect(listedTitles(m, statuses, '2026-02-28')).toEqual([]);
    expect(listedTitles(m, statuses, '2026-03-01')).toEqual(['ATS']);
    expect(listedTitles(member({ status: MemberStatus.EXPELLED }), statuses, '2026-03-01')).toEqual([]);
  });
});

describe('register search key', () => {
  it('ignores case, accents, apostrophes, hyphens and spaces', () => {
    expect(searchKey('Zoë')).toBe('zoe');
    expect(searchKey("O'Connor")).toBe('oconnor');
    expect(searchKey('O’Connor')).toBe('oconnor');
    expect(searchKey('SMITH')).toBe('smith');
    expect(searchKey('Smith-Jones van der Berg')).toBe('smithjonesvanderberg');
    expect(searchKey('Łukasz Straße')).toBe('lukaszstrasse');
  });
});
