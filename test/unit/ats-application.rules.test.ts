import { AtsApplicationStatus, AuthenticityCheckResult, QualificationList } from '../../src/domain/ats/applications/application.enums';
import {
  assertNoFreshApplicationAfterRefusalThisRound,
  assertCertificateNotInFuture,
  assertCurrentTemplate,
  assertUndecided,
  assertUsableForRegistration,
  assertWithinApplicationWindow,
  certificateDateViolations,
  certificatesAccepted,
  decisionDueOn,
  isCertificateAcceptedFor,
  isDecisionOverdue,
  isWithinApplicationWindow,
  missingListViolations,
  qualificationViolationsAt,
  reliedOnQualificationViolations,
  resubmissionViolations,
  type QualificationFacts,
} from '../../src/domain/ats/applications/ats-application.rules';
import { FixedClock } from '../../src/domain/shared/clock';
import { addDays, londonInstant, londonToday } from '../../src/domain/shared/dates';
import { DomainError } from '../../src/domain/shared/errors';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const qualification = (over: Partial<QualificationFacts> = {}): QualificationFacts => ({
  id: 'q',
  certificateDate: '2020-07-01',
  list: QualificationList.ITT,
  title: 'Cert Ed',
  approvedAndActive: true,
  authenticity: null,
  ...over,
});
const fullSet = (certificateDate = '2020-07-01') => [
  qualification({ id: 'itt', list: QualificationList.ITT, title: 'Cert Ed', certificateDate }),
  qualification({ id: 'eng', list: QualificationList.ENGLISH, title: 'GCSE English', certificateDate }),
  qualification({ id: 'maths', list: QualificationList.MATHS, title: 'GCSE Maths', certificateDate }),
];

describe('ATS-5: the application window, 1 April to 31 August, London time', () => {
  const clock = new FixedClock(new Date(0));
  const todayAt = (date: string, h: number, m: number, s: number, ms = 0) => {
    clock.set(londonInstant(date, h, m, s, ms));
    return londonToday(clock);
  };

  it('accepts 31 August 23:59:59.999 London (22:59 UTC in summer time) and refuses 1 September 00:00 London', () => {
    const lastMoment = todayAt('2027-08-31', 23, 59, 59, 999);
    expect(clock.now().toISOString()).toBe('2027-08-31T22:59:59.999Z');
    expect(isWithinApplicationWindow(lastMoment)).toBe(true);
    expect(() => assertWithinApplicationWindow(lastMoment)).not.toThrow();

    const firstRefused = todayAt('2027-09-01', 0, 0, 0);
    expect(clock.now().toISOString()).toBe('2027-08-31T23:00:00.000Z'); // still 31 August in UTC, but September in London
    expect(isWithinApplicationWindow(firstRefused)).toBe(false);
    const error = caught(() => assertWithinApplicationWindow(firstRefused));
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.rule).toBe('ATS-5');
  });

  it('refuses 31 March (even at 23:59:59 London) and accepts 1 April from 00:00 London', () => {
    expect(caught(() => assertWithinApplicationWindow(todayAt('2027-03-31', 23, 59, 59))).rule).toBe('ATS-5');
    expect(isWithinApplicationWindow(todayAt('2027-04-01', 0, 0, 0))).toBe(true);
    expect(clock.now().toISOString()).toBe('2027-03-31T23:00:00.000Z');
  });

  it('is closed through the winter and open through the summer', () => {
    expect(isWithinApplicationWindow('2027-01-15')).toBe(false);
    expect(isWithinApplicationWindow('2027-12-31')).toBe(false);
    expect(isWithinApplicationWindow('2027-06-15')).toBe(true);
    expect(isWithinApplicationWindow('2028-02-29')).toBe(false);
  });
});

describe('ATS-6: only the current template', () => {
  const current = { id: 'v2', versionLabel: '2027.1' };
  it('accepts the current version and refuses an old one or none', () => {
    expect(() => assertCurrentTemplate('v2', current)).not.toThrow();
    expect(caught(() => assertCurrentTemplate('v1', current)).rule).toBe('ATS-6');
    expect(caught(() => assertCurrentTemplate('v1', null)).rule).toBe('ATS-6');
  });
});

describe('ATS-7, ATS-8: a decision within eight weeks', () => {
  const submittedOn = '2027-05-01';
  it('is due on submission + 56 days', () => {
    expect(decisionDueOn(submittedOn)).toBe('2027-06-26');
  });

  it('is not overdue on day 56 and is overdue on day 57', () => {
    const due = decisionDueOn(submittedOn);
    const application = { status: AtsApplicationStatus.SUBMITTED, decisionDueOn: due };
    expect(isDecisionOverdue(application, addDays(submittedOn, 56))).toBe(false);
    expect(isDecisionOverdue(application, addDays(submittedOn, 57))).toBe(true);
  });

  it('is never overdue once decided', () => {
    expect(isDecisionOverdue({ status: AtsApplicationStatus.SUCCESSFUL, decisionDueOn: '2027-06-26' }, '2027-12-01')).toBe(false);
  });

  it('refuses a second decision with CONFLICT', () => {
    const error = caught(() => assertUndecided({ status: AtsApplicationStatus.UNSUCCESSFUL, reference: 'ATS-000001' }));
    expect(error.code).toBe('CONFLICT');
  });
});

describe('ATS-7: one final resubmission, no more', () => {
  const unsuccessful = { status: AtsApplicationStatus.UNSUCCESSFUL, resubmissionOfId: null, reference: 'ATS-000001' };

  it('allows the first resubmission of an unsuccessful application', () => {
    expect(resubmissionViolations(unsuccessful, false)).toEqual([]);
  });

  it('refuses a second resubmission of the same application', () => {
    expect(resubmissionViolations(unsuccessful, true).map((v) => [v.rule, v.condition])).toEqual([['ATS-7', 'ALREADY_RESUBMITTED']]);
  });

  it('refuses resubmitting an unsuccessful resubmission (that was the final one)', () => {
    const finalOne = { ...unsuccessful, resubmissionOfId: 'first', reference: 'ATS-000002' };
    expect(resubmissionViolations(finalOne, false).map((v) => [v.rule, v.condition])).toEqual([['ATS-7', 'FINAL_RESUBMISSION_USED']]);
  });

  it('refuses resubmitting a successful or undecided application', () => {
    expect(resubmissionViolations({ ...unsuccessful, status: AtsApplicationStatus.SUCCESSFUL }, false).map((v) => v.condition)).toEqual(['NOT_UNSUCCESSFUL']);
    expect(resubmissionViolations({ ...unsuccessful, status: AtsApplicationStatus.SUBMITTED }, false).map((v) => v.rule)).toEqual(['ATS-7']);
  });
});

describe('ATS-2: approved lists for ITT, English and maths', () => {
  it('lists every missing list at once', () => {
    const violations = missingListViolations([qualification({ list: QualificationList.ITT })]);
    expect(violations.map((v) => [v.rule, v.condition])).toEqual([
      ['ATS-2', 'MISSING_ENGLISH'],
      ['ATS-2', 'MISSING_MATHS'],
    ]);
    expect(missingListViolations([]).map((v) => v.condition)).toEqual(['MISSING_ITT', 'MISSING_ENGLISH', 'MISSING_MATHS']);
    expect(missingListViolations(fullSet())).toEqual([]);
  });

  it('does not count an inactive entry or a certificate the awarding body did not verify (ATS-52)', () => {
    const set = fullSet();
    set[1] = { ...set[1], approvedAndActive: false };
    set[2] = { ...set[2], authenticity: AuthenticityCheckResult.NOT_VERIFIED };
    expect(missingListViolations(set).map((v) => v.condition)).toEqual(['MISSING_ENGLISH', 'MISSING_MATHS']);
    expect(reliedOnQualificationViolations(set).map((v) => [v.rule, v.condition])).toEqual([
      ['ATS-2', 'NOT_ON_APPROVED_LIST'],
      ['ATS-52', 'NOT_VERIFIED'],
    ]);
  });

  it('still counts a certificate whose check is pending or verified', () => {
    const set = fullSet().map((q, i) => ({ ...q, authenticity: i ? AuthenticityCheckResult.PENDING : AuthenticityCheckResult.VERIFIED }));
    expect(missingListViolations(set)).toEqual([]);
  });
});

describe('ATS-3: certificates dated after the portfolio issue date are not accepted', () => {
  const issue = '2027-10-01';

  it('accepts a certificate dated on the issue date and refuses one dated the day after', () => {
    expect(isCertificateAcceptedFor(issue, issue)).toBe(true);
    expect(isCertificateAcceptedFor(addDays(issue, 1), issue)).toBe(false);
    expect(certificateDateViolations([qualification({ certificateDate: issue })], issue)).toEqual([]);
    expect(certificateDateViolations([qualification({ certificateDate: addDays(issue, 1) })], issue).map((v) => v.rule)).toEqual(['ATS-3']);
  });

  it('for registration, reports the late certificate and the list it leaves uncovered', () => {
    const set = fullSet(issue);
    set[2] = { ...set[2], certificateDate: addDays(issue, 1) };
    expect(certificatesAccepted(set, issue).map((q) => q.id)).toEqual(['itt', 'eng']);
    expect(qualificationViolationsAt(set, issue).map((v) => [v.rule, v.condition])).toEqual([
      ['ATS-3', 'CERTIFICATE_AFTER_ISSUE_DATE'],
      ['ATS-2', 'MISSING_MATHS'],
    ]);
    expect(qualificationViolationsAt(fullSet(issue), issue)).toEqual([]);
  });

  it('refuses recording a certificate dated in the future, and accepts one dated today', () => {
    const clock = new FixedClock(londonInstant('2027-05-01', 12));
    const today = londonToday(clock);
    expect(() => assertCertificateNotInFuture(today, today)).not.toThrow();
    expect(caught(() => assertCertificateNotInFuture(addDays(today, 1), today)).rule).toBe('ATS-3');
  });
});

describe('ATS-11: a successful application is used for one registration', () => {
  it('refuses an unsuccessful or already used application', () => {
    const successful = { status: AtsApplicationStatus.SUCCESSFUL, usedByParticipantId: null, reference: 'ATS-000001' };
    expect(() => assertUsableForRegistration(successful)).not.toThrow();
    expect(caught(() => assertUsableForRegistration({ ...successful, usedByParticipantId: 'p' })).rule).toBe('ATS-11');
    expect(caught(() => assertUsableForRegistration({ ...successful, status: AtsApplicationStatus.UNSUCCESSFUL })).rule).toBe('ATS-11');
  });
});

describe('assertNoFreshApplicationAfterRefusalThisRound (ATS-7)', () => {
  const refused = { status: AtsApplicationStatus.UNSUCCESSFUL, submittedOn: '2027-04-10', reference: 'ATS-000001' };
  it('refuses a fresh application in the round of an unsuccessful one', () => {
    expect(() => assertNoFreshApplicationAfterRefusalThisRound(refused, '2027-08-31')).toThrow(/ATS-000001/);
  });
  it('allows one in a later round, or after a successful or undecided one', () => {
    expect(() => assertNoFreshApplicationAfterRefusalThisRound(refused, '2028-04-01')).not.toThrow();
    expect(() => assertNoFreshApplicationAfterRefusalThisRound({ ...refused, status: AtsApplicationStatus.SUCCESSFUL }, '2027-08-31')).not.toThrow();
    expect(() => assertNoFreshApplicationAfterRefusalThisRound(null, '2027-08-31')).not.toThrow();
  });
});
