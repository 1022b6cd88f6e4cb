import { isApplicationUsableForWindow, applicationUsableForWindowsOpeningBy } from '../../src/domain/ats/applications/ats-application.rules';
import { normaliseSections } from '../../src/domain/ats/programme/cohort.service';
import { ExtensionReason } from '../../src/domain/ats/programme/programme.enums';
import {
  assertSetUpStillEditable,
  extensionHoldEndsOn,
  extensionRequestViolations,
  isDueForDeadlineWithdrawalNow,
  isMoreThanWorkingDaysBefore,
  latestLateRequestDate,
} from '../../src/domain/ats/programme/programme.rules';
import { DomainError } from '../../src/domain/shared/errors';
import { WorkingDayCalendar } from '../../src/domain/shared/working-days';

const calendar = new WorkingDayCalendar();

describe('ATS-25.2: "more than five working days before the deadline", one computation for every deadline', () => {
  // Fri 30 June 2028, Sat 1 July, Sun 2 July; Mon 28 August 2028 is the summer bank holiday.
  it.each([
    ['a Friday', '2028-06-30'],
    ['a Saturday', '2028-07-01'],
    ['a Sunday', '2028-07-02'],
  ])('for a deadline on %s: identified Thu 22 June is in time, Fri 23 June is not', (_label, deadline) => {
    expect(isMoreThanWorkingDaysBefore('2028-06-22', deadline, 5, calendar)).toBe(true);
    expect(isMoreThanWorkingDaysBefore('2028-06-23', deadline, 5, calendar)).toBe(false);
  });

  it('for a bank-holiday deadline (Mon 28 Aug 2028) gives the same answer as for the Friday before it', () => {
    for (const deadline of ['2028-08-28', '2028-08-25']) {
      expect(isMoreThanWorkingDaysBefore('2028-08-17', deadline, 5, calendar)).toBe(true);
      expect(isMoreThanWorkingDaysBefore('2028-08-18', deadline, 5, calendar)).toBe(false);
    }
  });

  it('refuses a technical issue identified Fri 23 June for a Saturday deadline and accepts Thu 22 June', () => {
    const facts = { reason: ExtensionReason.TECHNICAL_ISSUES, requestedOn: '2028-05-01', deadline: '2028-07-01', preventedByUnforeseenEvent: false, hasAgreedAdjustmentWithExtension: false };
    // Requested on 1 May, so identified dates in June are after the request: use a request in the late window instead.
    const late = { ...facts, requestedOn: '2028-07-05', preventedByUnforeseenEvent: true };
    expect(extensionRequestViolations({ ...late, technicalIssueIdentifiedOn: '2028-06-22' }, calendar)).toEqual([]);
    expect(extensionRequestViolations({ ...late, technicalIssueIdentifiedOn: '2028-06-23' }, calendar).map((v) => v.condition)).toEqual(['TECHNICAL_ISSUE_TOO_LATE']);
  });

  it('refuses a technical-issue date after the day of the request, citing ATS-25', () => {
    const v = extensionRequestViolations(
      { reason: ExtensionReason.TECHNICAL_ISSUES, requestedOn: '2028-04-01', deadline: '2028-06-30', technicalIssueIdentifiedOn: '2028-04-02', preventedByUnforeseenEvent: false, hasAgreedAdjustmentWithExtension: false },
      calendar,
    );
    expect(v).toEqual([expect.objectContaining({ rule: 'ATS-25', condition: 'TECHNICAL_ISSUE_DATE_INVALID' })]);
  });

  it('refuses a technical-issue date after the deadline even for a late request, citing ATS-25', () => {
    const v = extensionRequestViolations(
      { reason: ExtensionReason.TECHNICAL_ISSUES, requestedOn: '2028-07-05', deadline: '2028-06-30', technicalIssueIdentifiedOn: '2028-07-03', preventedByUnforeseenEvent: true, hasAgreedAdjustmentWithExtension: false },
      calendar,
    );
    expect(v.map((x) => x.condition)).toEqual(['TECHNICAL_ISSUE_DATE_INVALID']);
  });
});

describe('DEC-W1: when the deadline sweep proceeds', () => {
  const deadline = '2028-06-30'; // a Friday
  it('closes the late window five working days after the deadline and ends the hold ten working days later', () => {
    expect(latestLateRequestDate(deadline, calendar)).toBe('2028-07-07');
    expect(extensionHoldEndsOn(deadline, calendar)).toBe('2028-07-21');
  });

  it('withdraws a participant with no undecided request the day after the late window, not on its last day', () => {
    expect(isDueForDeadlineWithdrawalNow(deadline, '2028-07-07', false, calendar)).toBe(false);
    expect(isDueForDeadlineWithdrawalNow(deadline, '2028-07-08', false, calendar)).toBe(true);
  });

  it('holds a participant with an undecided request through the hold, and withdraws the day after it ends', () => {
    expect(isDueForDeadlineWithdrawalNow(deadline, '2028-07-08', true, calendar)).toBe(false);
    expect(isDueForDeadlineWithdrawalNow(deadline, '2028-07-21', true, calendar)).toBe(false);
    expect(isDueForDeadlineWithdrawalNow(deadline, '2028-07-22', true, calendar)).toBe(true);
  });
});

describe('DEC-A3: a successful application serves the windows that open within 12 months of its decision', () => {
  it('accepts a window opening exactly 12 months after the decision and refuses one opening a day later', () => {
    expect(applicationUsableForWindowsOpeningBy('2027-05-10')).toBe('2028-05-10');
    expect(isApplicationUsableForWindow('2027-05-10', '2028-05-10')).toBe(true);
    expect(isApplicationUsableForWindow('2027-05-10', '2028-05-11')).toBe(false);
  });
});

describe('DEC-E1: cohort and window dates can be corrected only before the portfolio issue date', () => {
  it('allows a change the day before the issue date and refuses one on it', () => {
    expect(() => assertSetUpStillEditable('2027-10-01', '2027-09-30', 'cohort')).not.toThrow();
    let error: unknown;
    try {
      assertSetUpStillEditable('2027-10-01', '2027-10-01', 'window');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).rule).toBe('DEC-E1');
  });
});

describe('DEC-S1: a cohort’s list of portfolio sections', () => {
  it('upper-cases keys and keeps order', () => {
    expect(normaliseSections([{ key: 'context', title: ' Context ' }, { key: 'IMPACT', title: 'Impact' }])).toEqual([
      { key: 'CONTEXT', title: 'Context' },
      { key: 'IMPACT', title: 'Impact' },
    ]);
  });
  it('refuses an empty list and a repeated key', () => {
    expect(() => normaliseSections([])).toThrow(DomainError);
    expect(() => normaliseSections([{ key: 'A', title: 'x' }, { key: 'a', title: 'y' }])).toThrow(/once/);
  });
});
