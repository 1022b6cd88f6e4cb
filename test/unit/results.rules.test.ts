import { canTransition, FINAL_PARTICIPANT_STATES, OPEN_STATES } from '../../src/domain/ats/programme/participant-state';
import { ParticipantStatus as S } from '../../src/domain/ats/programme/programme.enums';
import { AssessmentOutcome, SubmissionRound } from '../../src/domain/ats/results/results.enums';
import {
  assertObjectableOutcome,
  assertOutcomeInput,
  assertResubmissionOpen,
  assertWithinObjectionPeriod,
  isDueForResubmissionWithdrawal,
  isOverdue,
  isReleaseDue,
  isPastResubmissionDeadline,
  objectionDeadline,
  resubmissionFeedbackDueOn,
  resubmissionReviewDueOn,
} from '../../src/domain/ats/results/results.rules';
import { londonInstant } from '../../src/domain/shared/dates';
import { type DomainError } from '../../src/domain/shared/errors';

function ruleOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).rule ?? (e as DomainError).code;
  }
  return undefined;
}

describe('release of provisional results (DEC-O1, ATS-28, ATS-29)', () => {
  it('is not due at 23:59 London time on the day before the results date', () => {
    expect(isReleaseDue('2028-09-15', londonInstant('2028-09-14', 23, 59, 59, 999))).toBe(false);
  });
  it('is due at 00:00 London time on the results date (summer time: 23:00 UTC the day before)', () => {
    const midnight = londonInstant('2028-09-15', 0, 0);
    expect(midnight.toISOString()).toBe('2028-09-14T23:00:00.000Z');
    expect(isReleaseDue('2028-09-15', midnight)).toBe(true);
  });
  it('is due at 00:00 London time in winter (00:00 UTC)', () => {
    expect(isReleaseDue('2029-01-15', new Date('2029-01-14T23:59:59.999Z'))).toBe(false);
    expect(isReleaseDue('2029-01-15', new Date('2029-01-15T00:00:00.000Z'))).toBe(true);
  });
});

describe('outcomes (ATS-30, ATS-31, ATS-33, ATS-34)', () => {
  it('needs a resubmission deadline after the release date for CRITERIA_NOT_MET', () => {
    expect(ruleOf(() => assertOutcomeInput(SubmissionRound.FIRST, AssessmentOutcome.CRITERIA_NOT_MET, 'More evidence', '2028-09-15', '2028-09-15'))).toBe('ATS-31');
    expect(ruleOf(() => assertOutcomeInput(SubmissionRound.FIRST, AssessmentOutcome.CRITERIA_NOT_MET, 'More evidence', '2028-09-16', '2028-09-15'))).toBeUndefined();
    expect(ruleOf(() => assertOutcomeInput(SubmissionRound.FIRST, AssessmentOutcome.CRITERIA_NOT_MET, 'More evidence', null, '2028-09-15'))).toBe('BAD_USER_INPUT');
  });
  it('needs feedback unless provisionally awarded', () => {
    expect(ruleOf(() => assertOutcomeInput(SubmissionRound.FIRST, AssessmentOutcome.RESTART_REQUIRED, '  ', null, '2028-09-15'))).toBe('BAD_USER_INPUT');
    expect(ruleOf(() => assertOutcomeInput(SubmissionRound.FIRST, AssessmentOutcome.PROVISIONALLY_AWARDED, null, null, '2028-09-15'))).toBeUndefined();
  });
  it('refuses CRITERIA_NOT_MET for a resubmission: it must restart (ATS-33)', () => {
    expect(ruleOf(() => assertOutcomeInput(SubmissionRound.RESUBMISSION, AssessmentOutcome.CRITERIA_NOT_MET, 'Still short', '2029-01-01', '2028-10-01'))).toBe('ATS-33');
    expect(ruleOf(() => assertOutcomeInput(SubmissionRound.RESUBMISSION, AssessmentOutcome.RESTART_REQUIRED, 'Still short', null, '2028-10-01'))).toBeUndefined();
  });
});

describe('resubmission (ATS-31, ATS-32, ATS-44)', () => {
  it('accepts a resubmission at 23:59 London time on the deadline day', () => {
    expect(isPastResubmissionDeadline('2028-11-30', londonInstant('2028-11-30', 23, 59, 59, 999))).toBe(false);
    expect(ruleOf(() => assertResubmissionOpen('2028-11-30', londonInstant('2028-11-30', 23, 59)))).toBeUndefined();
  });
  it('refuses one at 00:00 the day after, citing ATS-32', () => {
    expect(isPastResubmissionDeadline('2028-11-30', londonInstant('2028-12-01', 0, 0))).toBe(true);
    expect(ruleOf(() => assertResubmissionOpen('2028-11-30', londonInstant('2028-12-01', 0, 0)))).toBe('ATS-32');
  });
  it('withdraws by sweep from the day after the deadline, not on it', () => {
    expect(isDueForResubmissionWithdrawal('2028-11-30', '2028-11-30')).toBe(false);
    expect(isDueForResubmissionWithdrawal('2028-11-30', '2028-12-01')).toBe(true);
  });
  it('makes the review due 42 days and the feedback 56 days after the resubmission', () => {
    expect(resubmissionReviewDueOn('2028-11-01')).toBe('2028-12-13');
    expect(resubmissionFeedbackDueOn('2028-11-01')).toBe('2028-12-27');
  });
  it('counts a review overdue on day 43, not day 42; feedback on day 57, not 56', () => {
    expect(isOverdue(resubmissionReviewDueOn('2028-11-01'), '2028-12-13')).toBe(false);
    expect(isOverdue(resubmissionReviewDueOn('2028-11-01'), '2028-12-14')).toBe(true);
    expect(isOverdue(resubmissionFeedbackDueOn('2028-11-01'), '2028-12-27')).toBe(false);
    expect(isOverdue(resubmissionFeedbackDueOn('2028-11-01'), '2028-12-28')).toBe(true);
  });
});

describe('objections (ATS-36)', () => {
  const released = londonInstant('2028-09-15', 0, 5);
  it('accepts an objection on day 28 after release and refuses it on day 29', () => {
    expect(objectionDeadline(released, 28)).toBe('2028-10-13');
    expect(ruleOf(() => assertWithinObjectionPeriod(released, 28, '2028-10-13'))).toBeUndefined();
    expect(ruleOf(() => assertWithinObjectionPeriod(released, 28, '2028-10-14'))).toBe('ATS-36');
  });
  it('follows a configured period', () => {
    expect(ruleOf(() => assertWithinObjectionPeriod(released, 10, '2028-09-26'))).toBe('ATS-36');
  });
  it('objects only to a decision not to provisionally award', () => {
    expect(ruleOf(() => assertObjectableOutcome(AssessmentOutcome.PROVISIONALLY_AWARDED))).toBe('ATS-36');
    expect(ruleOf(() => assertObjectableOutcome(AssessmentOutcome.CRITERIA_NOT_MET))).toBeUndefined();
  });
});

describe('the participant state machine', () => {
  it('moves a submission through assessment, release, resubmission, VIVA and award', () => {
    const path = [S.REGISTERED, S.PORTFOLIO_ISSUED, S.SUBMITTED, S.ASSESSED, S.CRITERIA_NOT_MET, S.RESUBMITTED, S.PROVISIONALLY_AWARDED, S.VIVA_SCHEDULED, S.RE_VIVA_REQUIRED, S.VIVA_SCHEDULED, S.AWARDED];
    for (let i = 1; i < path.length; i++) expect([path[i - 1], path[i], canTransition(path[i - 1], path[i])]).toEqual([path[i - 1], path[i], true]);
  });
  it('refuses a resubmission from RESUBMITTED to CRITERIA_NOT_MET (ATS-33) and any move out of AWARDED or WITHDRAWN', () => {
    expect(canTransition(S.RESUBMITTED, S.CRITERIA_NOT_MET)).toBe(false);
    expect(Object.values(S).some((to) => canTransition(S.AWARDED, to) || canTransition(S.WITHDRAWN, to))).toBe(false);
    expect(canTransition(S.SUBMITTED, S.PROVISIONALLY_AWARDED)).toBe(false);
  });
  it('names the final states once: withdrawn, restart required, awarded, not awarded', () => {
    expect([...FINAL_PARTICIPANT_STATES].sort()).toEqual([S.AWARDED, S.NOT_AWARDED, S.RESTART_REQUIRED, S.WITHDRAWN].sort());
    expect(OPEN_STATES.some((s) => FINAL_PARTICIPANT_STATES.includes(s))).toBe(false);
    expect(OPEN_STATES.length + FINAL_PARTICIPANT_STATES.length).toBe(Object.values(S).length);
  });
});
