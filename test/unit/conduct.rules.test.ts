import {
  AppealOutcome,
  AppealStatus,
  AppealedAwardDecision,
  AwardAppealRemedy,
  CaseOutcome,
  ComplaintStatus,
  ConductCaseStatus,
  SanctionKind,
} from '../../src/domain/conduct/conduct.enums';
import {
  assertAppealTransition,
  assertAwardDecisionReceived,
  assertCaseTransition,
  assertComplaintTransition,
  CASE_TRANSITIONS,
  complaintClock,
  conductPanelViolations,
  deciderViolations,
  describeTransitions,
  hashToken,
  newToken,
  remedyFor,
  sanctionRequestViolations,
  statusRowListable,
  stillHoldsSanctionValues,
  suspensionHasEnded,
} from '../../src/domain/conduct/conduct.rules';
import { MemberStatus } from '../../src/domain/membership/membership.enums';
import { assertConductReinstatement } from '../../src/domain/ats/programme/participant-state';
import { ParticipantStatus, WithdrawalKind } from '../../src/domain/ats/programme/programme.enums';
import { DomainError } from '../../src/domain/shared/errors';

const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
const TOMORROW = '2026-11-24';

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

const current = (id: string) => ({ id, status: MemberStatus.ACTIVE, renewalDate: '2027-06-01', suspensionEndsOn: null });
const ctx = { subjectMemberId: 'subject', reporterId: 'reporter', conflictedIds: ['conflicted'] };

describe('conduct rules', () => {
  describe('state machines (COP-6, COP-7)', () => {
    it('allows REPORTED → UNDER_INVESTIGATION and refuses REPORTED → DECIDED with CONFLICT and rule COP-6', () => {
      expect(() => assertCaseTransition(ConductCaseStatus.REPORTED, ConductCaseStatus.UNDER_INVESTIGATION)).not.toThrow();
      const e = domainError(() => assertCaseTransition(ConductCaseStatus.REPORTED, ConductCaseStatus.DECIDED));
      expect([e.code, e.rule]).toEqual(['CONFLICT', 'COP-6']);
    });

    it('refuses deciding a case twice (DECIDED → DECIDED)', () => {
      expect(domainError(() => assertCaseTransition(ConductCaseStatus.DECIDED, ConductCaseStatus.DECIDED)).code).toBe('CONFLICT');
    });

    it('refuses deciding an appeal before its panel is convened', () => {
      expect(domainError(() => assertAppealTransition(AppealStatus.LODGED, AppealStatus.DECIDED)).rule).toBe('COP-6');
    });

    it('refuses escalating a complaint that is not resolved, with rule COP-7', () => {
      const e = domainError(() => assertComplaintTransition(ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.ESCALATED));
      expect([e.code, e.rule]).toEqual(['CONFLICT', 'COP-7']);
      expect(() => assertComplaintTransition(ComplaintStatus.RESOLVED, ComplaintStatus.ESCALATED)).not.toThrow();
    });

    it('publishes every transition in one readable line', () => {
      const text = describeTransitions(CASE_TRANSITIONS);
      expect(text).toContain('REPORTED → UNDER_INVESTIGATION | DISMISSED');
      expect(text).toContain('APPEAL_DECIDED → (final)');
    });
  });

  describe('conductPanelViolations (COP-4, DEC-G1, COP-3)', () => {
    it('accepts a panel with one current member and a staff user', () => {
      expect(conductPanelViolations([{ memberId: 'm1' }, { staffUserId: 's1' }], [current('m1')], ['s1'], ctx, TODAY)).toEqual([]);
    });

    it('refuses a panel of staff only (members take part, COP-4)', () => {
      expect(conductPanelViolations([{ staffUserId: 's1' }], [], ['s1'], ctx, TODAY).map((v) => v.condition)).toEqual(['PANEL_WITHOUT_MEMBER']);
    });

    it('refuses a panel whose only member is not current (suspended)', () => {
      const suspended = { ...current('m1'), status: MemberStatus.SUSPENDED };
      expect(conductPanelViolations([{ memberId: 'm1' }], [suspended], [], ctx, TODAY).map((v) => v.condition)).toEqual(['PANEL_MEMBER_NOT_CURRENT', 'PANEL_WITHOUT_MEMBER']);
    });

    it('refuses the subject, the reporter and a declared conflict, each with DEC-G1', () => {
      const v = conductPanelViolations([{ memberId: 'm1' }, { memberId: 'subject' }, { staffUserId: 'reporter' }, { staffUserId: 'conflicted' }], [current('m1'), current('subject')], ['reporter', 'conflicted'], ctx, TODAY);
      expect(v.filter((x) => x.rule === 'DEC-G1').map((x) => x.condition)).toEqual(['PANEL_INCLUDES_SUBJECT', 'PANEL_INCLUDES_REPORTER', 'PANEL_MEMBER_CONFLICTED']);
    });

    it('refuses an appeal panel that shares anyone with the original one (COP-3)', () => {
      const v = conductPanelViolations([{ memberId: 'm1' }, { memberId: 'm2' }], [current('m1'), current('m2')], [], { ...ctx, originalPanelIds: ['m2'] }, TODAY);
      expect(v.map((x) => [x.rule, x.condition])).toEqual([['COP-3', 'APPEAL_PANEL_NOT_INDEPENDENT']]);
    });
  });

  describe('deciderViolations (DEC-G1)', () => {
    it('refuses the subject deciding their own case, whether by member id or token subject', () => {
      expect(deciderViolations({ subject: 'subject', memberId: 'subject' }, ctx).map((v) => v.condition)).toEqual(['DECIDER_IS_SUBJECT']);
    });
    it('refuses the reporter and a conflicted decider; accepts anyone else', () => {
      expect(deciderViolations({ subject: 'reporter' }, ctx).map((v) => v.condition)).toEqual(['DECIDER_IS_REPORTER']);
      expect(deciderViolations({ subject: 'conflicted' }, ctx).map((v) => v.condition)).toEqual(['DECIDER_CONFLICTED']);
      expect(deciderViolations({ subject: 'someone-else' }, ctx)).toEqual([]);
    });
  });

  describe('sanctionRequestViolations (ATS-56, COP-6)', () => {
    const conds = (...args: Parameters<typeof sanctionRequestViolations>) => sanctionRequestViolations(...args).map((v) => v.condition);
    it('needs at least one sanction for a finding of misconduct, and none without one', () => {
      expect(conds(CaseOutcome.MISCONDUCT_FOUND, [], TODAY, false)).toEqual(['SANCTION_REQUIRED']);
      expect(conds(CaseOutcome.NO_MISCONDUCT_FOUND, [{ kind: SanctionKind.WARNING }], TODAY, false)).toEqual(['SANCTION_NOT_ALLOWED']);
      expect(conds(AppealOutcome.SANCTION_VARIED, [], TODAY, false)).toEqual(['SANCTION_REQUIRED']);
    });
    it('accepts a suspension ending tomorrow and refuses one ending today (DEC-G2)', () => {
      expect(conds(CaseOutcome.MISCONDUCT_FOUND, [{ kind: SanctionKind.MEMBERSHIP_SUSPENSION, endsOn: TOMORROW }], TODAY, false)).toEqual([]);
      expect(conds(CaseOutcome.MISCONDUCT_FOUND, [{ kind: SanctionKind.MEMBERSHIP_SUSPENSION, endsOn: TODAY }], TODAY, false)).toEqual(['END_DATE_NOT_AFTER_TODAY']);
    });
    it('needs a status title for status sanctions and a participation for a programme withdrawal', () => {
      expect(conds(CaseOutcome.MISCONDUCT_FOUND, [{ kind: SanctionKind.STATUS_REMOVAL }], TODAY, false)).toEqual(['STATUS_TITLE_REQUIRED']);
      expect(conds(CaseOutcome.MISCONDUCT_FOUND, [{ kind: SanctionKind.PROGRAMME_WITHDRAWAL }], TODAY, false)).toEqual(['NO_PARTICIPATION']);
      expect(conds(CaseOutcome.MISCONDUCT_FOUND, [{ kind: SanctionKind.PROGRAMME_WITHDRAWAL }], TODAY, true)).toEqual([]);
    });
    it('refuses an end date on an expulsion and suspending and expelling at once', () => {
      expect(conds(CaseOutcome.MISCONDUCT_FOUND, [{ kind: SanctionKind.EXPULSION, endsOn: TOMORROW }], TODAY, false)).toEqual(['END_DATE_NOT_ALLOWED']);
      expect(conds(CaseOutcome.MISCONDUCT_FOUND, [{ kind: SanctionKind.EXPULSION }, { kind: SanctionKind.MEMBERSHIP_SUSPENSION }], TODAY, false)).toEqual(['SANCTIONS_CONTRADICT']);
    });
  });

  describe('suspension end and register listing (DEC-G2)', () => {
    it('a suspension ending today has ended; one ending tomorrow has not; an open-ended one never ends by date', () => {
      expect(suspensionHasEnded(TODAY, TODAY)).toBe(true);
      expect(suspensionHasEnded(TOMORROW, TODAY)).toBe(false);
      expect(suspensionHasEnded(null, TODAY)).toBe(false);
    });
    const row = { removedOn: null, suspendedOn: null, suspensionEndsOn: null, reaccreditationDueOn: null, registerOptOut: false };
    it('lists a row suspended until today but not one suspended until tomorrow', () => {
      expect(statusRowListable({ ...row, suspendedOn: YESTERDAY, suspensionEndsOn: TODAY }, TODAY)).toBe(true);
      expect(statusRowListable({ ...row, suspendedOn: YESTERDAY, suspensionEndsOn: TOMORROW }, TODAY)).toBe(false);
      expect(statusRowListable({ ...row, suspendedOn: YESTERDAY }, TODAY)).toBe(false);
    });
    it('never lists a removed row', () => {
      expect(statusRowListable({ ...row, removedOn: YESTERDAY }, TODAY)).toBe(false);
      expect(statusRowListable(row, TODAY)).toBe(true);
    });
  });

  describe('stillHoldsSanctionValues (restore exactly what was taken)', () => {
    it('restores only while every field still holds what the sanction set', () => {
      expect(stillHoldsSanctionValues({ status: 'SUSPENDED', suspensionEndsOn: '2027-01-01' }, { status: 'SUSPENDED', suspensionEndsOn: '2027-01-01' })).toBe(true);
      expect(stillHoldsSanctionValues({ status: 'ACTIVE', suspensionEndsOn: null }, { status: 'SUSPENDED', suspensionEndsOn: '2027-01-01' })).toBe(false);
      expect(stillHoldsSanctionValues({ withdrawnAt: new Date('2026-11-23T12:00:00Z') }, { withdrawnAt: '2026-11-23T12:00:00.000Z' })).toBe(true);
    });
  });

  describe('complaintClock (COP-7 targets)', () => {
    const targets = { acknowledgeWithinDays: 5, resolveWithinDays: 28 };
    it('is not overdue on the target day and is overdue the day after', () => {
      expect(complaintClock('2026-11-18', false, false, targets, TODAY)).toMatchObject({ ageDays: 5, acknowledgeBy: TODAY, acknowledgementOverdue: false });
      expect(complaintClock('2026-11-17', false, false, targets, TODAY)).toMatchObject({ ageDays: 6, acknowledgementOverdue: true, resolutionOverdue: false });
    });
    it('an acknowledged complaint is never acknowledgement-overdue; resolution runs on', () => {
      expect(complaintClock('2026-10-25', true, false, targets, TODAY)).toMatchObject({ acknowledgementOverdue: false, resolutionOverdue: true, resolveBy: '2026-11-22' });
    });
  });

  describe('assertConductReinstatement (ATS-56)', () => {
    const withdrawn = (kind: WithdrawalKind) => ({ status: ParticipantStatus.WITHDRAWN, withdrawalKind: kind });
    it('reinstates a conduct withdrawal to the state it came from', () => {
      expect(() => assertConductReinstatement(withdrawn(WithdrawalKind.CONDUCT), ParticipantStatus.SUBMITTED)).not.toThrow();
    });
    it('never reinstates any other withdrawal, and never into WITHDRAWN', () => {
      expect(domainError(() => assertConductReinstatement(withdrawn(WithdrawalKind.PARTICIPANT_REQUEST), ParticipantStatus.SUBMITTED)).rule).toBe('ATS-56');
      expect(domainError(() => assertConductReinstatement(withdrawn(WithdrawalKind.CONDUCT), ParticipantStatus.WITHDRAWN)).code).toBe('CONFLICT');
    });
  });

  describe('tokens and award appeal remedies', () => {
    it('stores only a hash that the token maps to', () => {
      const { token, hash } = newToken();
      expect(hash).toBe(hashToken(token));
      expect(hash).not.toContain(token);
    });
    it('a failed resubmission upheld leads to a VIVA, never straight to the award (ATS-37, ATS-40)', () => {
      expect(remedyFor(AppealedAwardDecision.RESUBMISSION_FAILED, undefined)).toBe(AwardAppealRemedy.NEW_VIVA);
      expect(domainError(() => remedyFor(AppealedAwardDecision.RESUBMISSION_FAILED, AwardAppealRemedy.PROCEED_TO_AWARD)).code).toBe('BAD_USER_INPUT');
      expect(remedyFor(AppealedAwardDecision.NOT_AWARDED_AFTER_VIVA, AwardAppealRemedy.PROCEED_TO_AWARD)).toBe(AwardAppealRemedy.PROCEED_TO_AWARD);
    });
  });
  describe('award appeals are against a decision received (COP-7, DEC-V1, ATS-33)', () => {
    const refusal = (fn: () => void) => {
      const e = domainError(fn);
      return [e.code, e.rule];
    };
    it('allows NOT_AWARDED_AFTER_VIVA only for a participant who is NOT_AWARDED', () => {
      expect(() => assertAwardDecisionReceived(AppealedAwardDecision.NOT_AWARDED_AFTER_VIVA, ParticipantStatus.NOT_AWARDED, false)).not.toThrow();
      for (const s of [ParticipantStatus.VIVA_SCHEDULED, ParticipantStatus.RE_VIVA_REQUIRED, ParticipantStatus.RESTART_REQUIRED, ParticipantStatus.AWARDED]) {
        expect(refusal(() => assertAwardDecisionReceived(AppealedAwardDecision.NOT_AWARDED_AFTER_VIVA, s, false))).toEqual(['RULE_VIOLATION', 'COP-7']);
      }
    });
    it('allows RESUBMISSION_FAILED only for RESTART_REQUIRED reached by a failed resubmission', () => {
      expect(() => assertAwardDecisionReceived(AppealedAwardDecision.RESUBMISSION_FAILED, ParticipantStatus.RESTART_REQUIRED, true)).not.toThrow();
      expect(refusal(() => assertAwardDecisionReceived(AppealedAwardDecision.RESUBMISSION_FAILED, ParticipantStatus.RESTART_REQUIRED, false))).toEqual(['RULE_VIOLATION', 'COP-7']);
      expect(refusal(() => assertAwardDecisionReceived(AppealedAwardDecision.RESUBMISSION_FAILED, ParticipantStatus.RESUBMITTED, true))).toEqual(['RULE_VIOLATION', 'COP-7']);
      expect(refusal(() => assertAwardDecisionReceived(AppealedAwardDecision.RESUBMISSION_FAILED, ParticipantStatus.NOT_AWARDED, false))).toEqual(['RULE_VIOLATION', 'COP-7']);
    });
  });
});
