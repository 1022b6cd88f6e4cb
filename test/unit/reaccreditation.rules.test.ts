import { isDormant, isListedOnRegister, isStatusCurrent } from '../../src/domain/register/listing';
import {
  assertActiveMemberForReaccreditation,
  assertMayApplyToReaccredit,
  isReminderDue,
  nextDueOnAfterReaccreditation,
  reaccreditationWindowOpensOn,
} from '../../src/domain/register/status/reaccreditation.rules';
import { MemberStatus } from '../../src/domain/membership/membership.enums';
import type { DomainError } from '../../src/domain/shared/errors';

function ruleOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).rule ?? (e as DomainError).code;
  }
  return undefined;
}

const status = { removedOn: null, suspendedOn: null, suspensionEndsOn: null, reaccreditationDueOn: '2032-03-20', registerOptOut: false };
const member = { status: MemberStatus.ACTIVE, renewalDate: '2040-01-01', suspensionEndsOn: null };

describe('dormancy (ATS-50, DEC-R1, DEC-R2)', () => {
  it('is not dormant on the due date and is dormant the day after', () => {
    expect(isDormant(status, '2032-03-20')).toBe(false);
    expect(isDormant(status, '2032-03-21')).toBe(true);
    expect(isStatusCurrent(status, '2032-03-20')).toBe(true);
    expect(isStatusCurrent(status, '2032-03-21')).toBe(false);
  });
  it('never makes a QTLS record (no due date) dormant', () => {
    expect(isDormant({ reaccreditationDueOn: null }, '2099-01-01')).toBe(false);
  });
});

describe('register listing condition (ATS-41, ATS-43, DEC-G2)', () => {
  it('lists a current status of a current member who has not opted out', () => {
    expect(isListedOnRegister(status, member, '2030-01-01')).toBe(true);
  });
  it('does not list after opt-out, a lapse, a suspension or dormancy', () => {
    expect(isListedOnRegister({ ...status, registerOptOut: true }, member, '2030-01-01')).toBe(false);
    expect(isListedOnRegister(status, { ...member, renewalDate: '2029-12-31' }, '2030-01-01')).toBe(false);
    expect(isListedOnRegister({ ...status, suspendedOn: '2029-06-01', suspensionEndsOn: '2030-01-02' }, member, '2030-01-01')).toBe(false);
    expect(isListedOnRegister({ ...status, suspendedOn: '2029-06-01', suspensionEndsOn: '2030-01-01' }, member, '2030-01-01')).toBe(true);
    expect(isListedOnRegister(status, member, '2032-03-21')).toBe(false);
  });
});

describe('re-accreditation window (DEC-R2)', () => {
  it('opens six months before the due date: refused the day before, accepted on that day', () => {
    expect(reaccreditationWindowOpensOn('2032-03-20')).toBe('2031-09-20');
    expect(ruleOf(() => assertMayApplyToReaccredit('2032-03-20', '2031-09-19'))).toBe('DEC-R2');
    expect(ruleOf(() => assertMayApplyToReaccredit('2032-03-20', '2031-09-20'))).toBeUndefined();
  });
  it('clamps to month end (31 August due -> 28/29 February opens)', () => {
    expect(reaccreditationWindowOpensOn('2032-08-31')).toBe('2032-02-29');
  });
  it('stays open once dormant', () => {
    expect(ruleOf(() => assertMayApplyToReaccredit('2032-03-20', '2034-01-01'))).toBeUndefined();
  });
  it('is only for active members (ATS-50)', () => {
    expect(ruleOf(() => assertActiveMemberForReaccreditation(false))).toBe('ATS-50');
  });
});

describe('the next due date (DEC-R1)', () => {
  it('continues from the due date when approved on or before it', () => {
    expect(nextDueOnAfterReaccreditation('2032-03-20', '2031-11-01')).toBe('2035-03-20');
    expect(nextDueOnAfterReaccreditation('2032-03-20', '2032-03-20')).toBe('2035-03-20');
  });
  it('runs three years from the approval when approved after it (the holder was dormant)', () => {
    expect(nextDueOnAfterReaccreditation('2032-03-20', '2032-03-21')).toBe('2035-03-21');
  });
});

describe('the reminder (ATS-50)', () => {
  it('is due from 90 days before the due date and not after it', () => {
    expect(isReminderDue('2032-03-20', '2031-12-20')).toBe(false);
    expect(isReminderDue('2032-03-20', '2031-12-21')).toBe(true);
    expect(isReminderDue('2032-03-20', '2032-03-20')).toBe(true);
    expect(isReminderDue('2032-03-20', '2032-03-21')).toBe(false);
  });
});
