import type { CodeOfPracticeVersion } from '../../src/domain/membership/code-of-practice-version.entity';
import { MemberStatus } from '../../src/domain/membership/membership.enums';
import {
  assertAcceptsCurrentCode,
  assertMayRenew,
  assertReasonsGiven,
  assertRenewalIsDue,
  effectiveStatus,
  isCurrentMember,
  isPastRenewal,
  panelViolations,
  renewalDateAfterRenewing,
  reviewPanelViolations,
} from '../../src/domain/membership/membership.rules';
import { addMonths } from '../../src/domain/shared/dates';
import { DomainError } from '../../src/domain/shared/errors';

const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
const TOMORROW = '2026-11-24';
const active = (renewalDate: string) => ({ status: MemberStatus.ACTIVE, renewalDate });

/** Runs `fn` and returns the DomainError it throws (failing the test if it throws nothing else). */
function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('membership rules', () => {
  describe('isPastRenewal / isCurrentMember / effectiveStatus (DEC-M1)', () => {
    it('keeps a member current on their renewal date itself', () => {
      expect(isPastRenewal(active(TODAY), TODAY)).toBe(false);
      expect(isCurrentMember(active(TODAY), TODAY)).toBe(true);
      expect(effectiveStatus(active(TODAY), TODAY)).toBe(MemberStatus.ACTIVE);
    });

    it('lapses a member the day after the renewal date (renewal date yesterday)', () => {
      expect(isPastRenewal(active(YESTERDAY), TODAY)).toBe(true);
      expect(isCurrentMember(active(YESTERDAY), TODAY)).toBe(false);
      expect(effectiveStatus(active(YESTERDAY), TODAY)).toBe(MemberStatus.LAPSED);
    });

    it('never counts a suspended, expelled or lapsed member as current, whatever the date', () => {
      for (const status of [MemberStatus.SUSPENDED, MemberStatus.EXPELLED, MemberStatus.LAPSED]) {
        expect(isCurrentMember({ status, renewalDate: TOMORROW }, TODAY)).toBe(false);
      }
    });

    it('keeps SUSPENDED and EXPELLED as they are after the renewal date passes (only ACTIVE reads as LAPSED)', () => {
      expect(effectiveStatus({ status: MemberStatus.SUSPENDED, renewalDate: YESTERDAY }, TODAY)).toBe(MemberStatus.SUSPENDED);
      expect(effectiveStatus({ status: MemberStatus.EXPELLED, renewalDate: YESTERDAY }, TODAY)).toBe(MemberStatus.EXPELLED);
      expect(effectiveStatus({ status: MemberStatus.LAPSED, renewalDate: TOMORROW }, TODAY)).toBe(MemberStatus.LAPSED);
    });
  });

  describe('renewalDateAfterRenewing (DEC-M1)', () => {
    it('runs a year on from the current renewal date while the membership is current (renewal date today)', () => {
      expect(renewalDateAfterRenewing(active(TODAY), TODAY)).toBe('2027-11-23');
      expect(renewalDateAfterRenewing(active('2027-01-10'), TODAY)).toBe('2028-01-10');
    });

    it('runs a year from today once the renewal date has passed (renewal date yesterday), stored status aside', () => {
      expect(renewalDateAfterRenewing(active(YESTERDAY), TODAY)).toBe('2027-11-23');
      expect(renewalDateAfterRenewing({ status: MemberStatus.LAPSED, renewalDate: '2025-03-01' }, TODAY)).toBe('2027-11-23');
    });

    it('clamps a 29 February renewal date to 28 February the next year', () => {
      expect(renewalDateAfterRenewing(active('2028-02-29'), '2028-01-15')).toBe('2029-02-28');
    });
  });

  describe('assertRenewalIsDue (DEC-M1)', () => {
    const earliest = addMonths(TODAY, 3); // 2027-02-23

    it('accepts a renewal exactly three months ahead of the renewal date', () => {
      expect(() => assertRenewalIsDue(active('2027-02-23'), TODAY, earliest)).not.toThrow();
    });

    it('refuses a renewal three months and one day ahead, citing DEC-M1', () => {
      const error = domainError(() => assertRenewalIsDue(active('2027-02-24'), TODAY, earliest));
      expect(error.code).toBe('RULE_VIOLATION');
      expect(error.rule).toBe('DEC-M1');
      expect(error.message).toContain('2027-02-24');
    });

    it('accepts a lapsed membership however far off its stored renewal date is', () => {
      expect(() => assertRenewalIsDue({ status: MemberStatus.LAPSED, renewalDate: '2030-01-01' }, TODAY, earliest)).not.toThrow();
    });
  });

  describe('assertMayRenew (COP-6)', () => {
    it.each([MemberStatus.SUSPENDED, MemberStatus.EXPELLED])('refuses %s', (status) => {
      const error = domainError(() => assertMayRenew({ status, renewalDate: TOMORROW }, TODAY));
      expect(error.code).toBe('RULE_VIOLATION');
      expect(error.rule).toBe('COP-6');
    });

    it.each([MemberStatus.ACTIVE, MemberStatus.LAPSED])('allows %s', (status) => {
      expect(() => assertMayRenew({ status, renewalDate: TOMORROW }, TODAY)).not.toThrow();
    });

    it('refuses a suspension ending tomorrow, and allows one that ended today by its date (DEC-G2)', () => {
      expect(domainError(() => assertMayRenew({ status: MemberStatus.SUSPENDED, renewalDate: TOMORROW, suspensionEndsOn: TOMORROW }, TODAY)).rule).toBe('COP-6');
      expect(() => assertMayRenew({ status: MemberStatus.SUSPENDED, renewalDate: TOMORROW, suspensionEndsOn: TODAY }, TODAY)).not.toThrow();
    });
  });

  describe('assertAcceptsCurrentCode (COP-1)', () => {
    const current = { id: 'v2', version: '2027.1' } as CodeOfPracticeVersion;

    it('accepts the current version', () => {
      expect(() => assertAcceptsCurrentCode('v2', current)).not.toThrow();
    });

    it('refuses any other version, naming the current one', () => {
      const error = domainError(() => assertAcceptsCurrentCode('v1', current));
      expect(error.rule).toBe('COP-1');
      expect(error.message).toContain('2027.1');
    });

    it('refuses when no version is in effect', () => {
      expect(domainError(() => assertAcceptsCurrentCode('v1', null)).rule).toBe('COP-1');
    });
  });

  describe('assertReasonsGiven (COP-2, COP-3)', () => {
    it('accepts ten characters after trimming and returns the trimmed text', () => {
      expect(assertReasonsGiven('  0123456789  ', 'COP-2')).toBe('0123456789');
    });

    it('refuses nine, naming the field', () => {
      const error = domainError(() => assertReasonsGiven('012345678', 'COP-3'));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.field).toBe('reasons');
      expect(error.message).toContain('COP-3');
    });
  });

  describe('panelViolations (COP-4) and reviewPanelViolations (COP-3)', () => {
    it('lists every problem with a panel at once', () => {
      const panel = [
        { id: 'a', ...active(TODAY) },
        { id: 'b', ...active(YESTERDAY) },
      ];
      expect(panelViolations(['a', 'b', 'c'], panel, TODAY)).toEqual([
        expect.objectContaining({ rule: 'COP-4', condition: 'PANEL_MEMBER_NOT_CURRENT', message: expect.stringContaining('b') }),
        expect.objectContaining({ rule: 'COP-4', condition: 'PANEL_MEMBER_UNKNOWN', message: expect.stringContaining('c') }),
      ]);
      expect(panelViolations(['a'], panel, TODAY)).toEqual([]);
    });

    it('refuses an empty panel', () => {
      expect(panelViolations([], [], TODAY)).toEqual([expect.objectContaining({ condition: 'PANEL_EMPTY' })]);
    });

    it('names each review panel member who sat on the original panel', () => {
      expect(reviewPanelViolations(['a', 'b'], ['c', 'b'])).toEqual([expect.objectContaining({ rule: 'COP-3', condition: 'REVIEW_PANEL_NOT_INDEPENDENT', message: expect.stringContaining('b') })]);
      expect(reviewPanelViolations(['a', 'b'], ['c', 'd'])).toEqual([]);
    });
  });
});
