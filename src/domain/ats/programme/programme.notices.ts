import type { Member } from '../../membership/member.entity';
import type { Notice } from '../../notifications/notification.service';
import { formatPounds } from '../../shared/money';
import type { Cohort } from './cohort.entity';
import type { ExtensionRequest } from './extension-request.entity';
import type { Participant } from './participant.entity';
import { WithdrawalKind } from './programme.enums';

const to = (m: Member) => ({ recipientMemberId: m.id, toAddress: m.email });

/** ATS-12, ATS-21: registration confirmed, with the cohort's dates. */
export function registrationConfirmed(m: Member, p: Participant, c: Cohort): Notice {
  return {
    ...to(m),
    template: 'ATS_REGISTRATION_CONFIRMED',
    subject: 'Your ATS registration is confirmed',
    body:
      `Dear ${m.givenName},\n\nYou are registered for Advanced Teacher Status in cohort ${c.name}.\n` +
      `Portfolio issue date: ${c.portfolioIssueDate}\nSubmission deadline: ${c.submissionDeadline}\nProvisional results: ${c.provisionalResultsDate}\n` +
      `Fee: ${formatPounds(p.feePence)} (${p.attemptKind === 'RESTART' ? 'restart fee' : 'programme fee'}), paid by ${p.paymentPlan.replace('_', ' ').toLowerCase()}.`,
    rule: 'ATS-12',
  };
}

export function portfolioIssued(m: Member, c: Cohort): Notice {
  return {
    ...to(m),
    template: 'ATS_PORTFOLIO_ISSUED',
    subject: 'Your ATS portfolio has been issued',
    body: `Dear ${m.givenName},\n\nYour portfolio was issued on ${c.portfolioIssueDate}. If you cannot access it, tell us within 14 days (ATS-19). Your submission deadline is ${c.submissionDeadline}.`,
    rule: 'ATS-19',
  };
}

export function withdrawn(m: Member, kind: WithdrawalKind, refundedPence: number, reason: string | null): Notice {
  const why: Record<WithdrawalKind, string> = {
    [WithdrawalKind.COOLING_OFF]: `You withdrew within the cooling-off period; ${formatPounds(refundedPence)} will be refunded and any remaining instalments or invoices are cancelled (ATS-20).`,
    [WithdrawalKind.PARTICIPANT_REQUEST]: 'You asked to withdraw. The usual payment terms still apply (ATS-20).',
    [WithdrawalKind.INELIGIBLE]: `SET has withdrawn you from the programme because you do not meet the eligibility criteria (ATS-45). Reason: ${reason ?? ''}`,
    [WithdrawalKind.DEADLINE_PASSED]: 'Your submission deadline passed without a submission or a granted extension, so your portfolio has been withdrawn (ATS-44).',
    [WithdrawalKind.CONDUCT]: 'SET has withdrawn you from the programme following a conduct decision (ATS-56). You will receive the decision and its reasons separately.',
  };
  return { ...to(m), template: 'ATS_WITHDRAWN', subject: 'You have been withdrawn from ATS', body: `Dear ${m.givenName},\n\n${why[kind]}`, rule: kind === WithdrawalKind.CONDUCT ? 'ATS-56' : kind === WithdrawalKind.INELIGIBLE ? 'ATS-45' : kind === WithdrawalKind.COOLING_OFF ? 'ATS-20' : 'ATS-44' };
}

export function submitted(m: Member, c: Cohort): Notice {
  return {
    ...to(m),
    template: 'ATS_PORTFOLIO_SUBMITTED',
    subject: 'We have received your ATS portfolio',
    body: `Dear ${m.givenName},\n\nYour portfolio has been submitted. Provisional results for cohort ${c.name} are released on ${c.provisionalResultsDate} (ATS-28).`,
    rule: 'ATS-28',
  };
}

export function extensionDecided(m: Member, r: ExtensionRequest, next: Cohort | null): Notice {
  const granted = r.status === 'GRANTED';
  return {
    ...to(m),
    template: granted ? 'ATS_EXTENSION_GRANTED' : 'ATS_EXTENSION_REFUSED',
    subject: granted ? 'Your ATS extension has been granted' : 'Your ATS extension request has been refused',
    body: granted
      ? `Dear ${m.givenName},\n\nYour extension is granted. Your new submission deadline is ${r.newDeadline}, and your portfolio will be reviewed with cohort ${next?.name} (ATS-26).\n\nReasons: ${r.decisionReasons}`
      : `Dear ${m.givenName},\n\nWe are unable to grant your extension request. Your deadline remains ${r.deadlineAtRequest}.\n\nReasons: ${r.decisionReasons}`,
    rule: granted ? 'ATS-26' : 'ATS-25',
  };
}

export function adjustmentDecided(m: Member, agreed: boolean, outcome: string): Notice {
  return {
    ...to(m),
    template: 'ATS_ADJUSTMENT_DECIDED',
    subject: agreed ? 'Your reasonable adjustment has been agreed' : 'Your reasonable adjustment request',
    body: `Dear ${m.givenName},\n\n${agreed ? 'We have agreed the following adjustment' : 'We could not agree the adjustment you asked for'}: ${outcome}`,
    rule: 'ATS-13',
  };
}
