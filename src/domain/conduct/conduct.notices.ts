import type { Member } from '../membership/member.entity';
import type { Notice } from '../notifications/notification.service';
import type { ConductAppeal } from './appeal.entity';
import type { AwardAppeal } from './award-appeal.entity';
import type { Complaint } from './complaint.entity';
import type { ConductCase } from './conduct-case.entity';
import { AppealOutcome, AwardAppealOutcome, CaseOutcome, SanctionKind } from './conduct.enums';
import type { ConductSanction } from './sanction.entity';

const to = (m: Member) => ({ recipientMemberId: m.id, toAddress: m.email });

function describeSanction(s: ConductSanction): string {
  const until = s.endsOn ? ` until ${s.endsOn} (it ends by itself on that date)` : ' with no end date';
  switch (s.kind) {
    case SanctionKind.WARNING:
      return 'a formal warning';
    case SanctionKind.MEMBERSHIP_SUSPENSION:
      return `suspension of your membership from ${s.startsOn}${until}`;
    case SanctionKind.EXPULSION:
      return `the end of your membership from ${s.startsOn}`;
    case SanctionKind.STATUS_SUSPENSION:
      return `suspension of your professional status from ${s.startsOn}${until}`;
    case SanctionKind.STATUS_REMOVAL:
      return `removal of your professional status from ${s.startsOn}`;
    case SanctionKind.PROGRAMME_WITHDRAWAL:
      return 'withdrawal from the ATS programme';
  }
}

/** COP-6: the subject is told the decision, its reasons and its sanctions (never who reported the case). */
export function caseDecided(m: Member, c: ConductCase, sanctions: ConductSanction[]): Notice {
  const found = c.outcome === CaseOutcome.MISCONDUCT_FOUND;
  return {
    ...to(m),
    template: 'CONDUCT_CASE_DECIDED',
    subject: `The decision in conduct case ${c.reference}`,
    body:
      `Dear ${m.givenName},\n\nA panel has decided conduct case ${c.reference}: ${found ? 'misconduct was found' : 'no misconduct was found'}.\n\nReasons: ${c.decisionReasons}\n` +
      (sanctions.length ? `\nSanctions: ${sanctions.map(describeSanction).join('; ')}.\n` : '') +
      (found ? '\nYou may appeal against this decision under the SET actions against members policy.' : ''),
    rule: 'COP-6',
  };
}

export function caseDismissed(m: Member, c: ConductCase): Notice {
  return { ...to(m), template: 'CONDUCT_CASE_DISMISSED', subject: `Conduct case ${c.reference} is closed`, body: `Dear ${m.givenName},\n\nConduct case ${c.reference} has been closed with no further action.\n\nReasons: ${c.decisionReasons}`, rule: 'COP-6' };
}

export function sanctionLifted(m: Member, c: ConductCase, s: ConductSanction): Notice {
  return { ...to(m), template: 'CONDUCT_SANCTION_LIFTED', subject: `A sanction in conduct case ${c.reference} has been lifted`, body: `Dear ${m.givenName},\n\nThe ${describeSanction(s)} has been lifted early.\n\nReasons: ${s.undoneReason}`, rule: 'COP-6' };
}

export function appealLodged(m: Member, a: ConductAppeal): Notice {
  return { ...to(m), template: 'CONDUCT_APPEAL_LODGED', subject: `Your appeal ${a.reference} has been received`, body: `Dear ${m.givenName},\n\nWe have received your appeal ${a.reference}. A panel that took no part in the original decision will decide it.`, rule: 'COP-6' };
}

export function appealDecided(address: { recipientMemberId?: string | null; toAddress: string }, name: string, a: ConductAppeal, sanctions: ConductSanction[]): Notice {
  const text: Record<AppealOutcome, string> = {
    [AppealOutcome.UPHELD]: 'Your appeal is upheld: the decision is overturned and anything it changed has been restored.',
    [AppealOutcome.NOT_UPHELD]: 'Your appeal is not upheld: the decision stands.',
    [AppealOutcome.SANCTION_VARIED]: `The panel has varied the sanction. It is now: ${sanctions.map(describeSanction).join('; ')}.`,
  };
  return { ...address, template: 'CONDUCT_APPEAL_DECIDED', subject: `The decision on appeal ${a.reference}`, body: `Dear ${name},\n\n${text[a.outcome!]}\n\nReasons: ${a.reasons}`, rule: 'COP-6' };
}

/**
 * COP-7 / ATS-57: the confirmation mail for a public complaint is fixed text plus the token: nothing the complainant
 * wrote is in it, so the form cannot be used to send someone else arbitrary text.
 */
export function complaintConfirmation(email: string, token: string, expiresAt: Date): Notice {
  return {
    toAddress: email,
    template: 'COMPLAINT_CONFIRM_EMAIL',
    subject: 'Confirm your email address for a complaint to SET',
    body:
      'Someone (we hope you) used this email address to make a complaint to the Society for Education and Training.\n\n' +
      `To confirm the address and send the complaint, use this confirmation code: ${token}\n\n` +
      `The code expires at ${expiresAt.toISOString()}. If you did not make a complaint, ignore this email: the complaint will be deleted unread.`,
    rule: 'COP-7',
  };
}

export function complaintReceived(address: { recipientMemberId?: string | null; toAddress: string }, c: Complaint, statusLink: string | null): Notice {
  return {
    ...address,
    template: 'COMPLAINT_RECEIVED',
    subject: `Your complaint ${c.reference} has been received`,
    body:
      `Thank you. Your complaint ${c.reference} has been received on ${c.receivedOn} and will be handled under the SET complaints and appeals policy.` +
      (statusLink ? `\n\nYou can follow its status here (keep this link private): ${statusLink}` : ''),
    rule: 'COP-7',
  };
}

export function complaintProgress(address: { recipientMemberId?: string | null; toAddress: string }, c: Complaint, what: string): Notice {
  return { ...address, template: `COMPLAINT_${c.status}`, subject: `Your complaint ${c.reference}: ${c.status.toLowerCase()}`, body: `Your complaint ${c.reference} ${what}`, rule: 'COP-7' };
}

export function awardAppealLodged(m: Member, a: AwardAppeal): Notice {
  return { ...to(m), template: 'AWARD_APPEAL_LODGED', subject: `Your award appeal ${a.reference} has been received`, body: `Dear ${m.givenName},\n\nWe have received your appeal ${a.reference} under the QTLS and ATS awards appeals policy.`, rule: 'COP-7' };
}

export function awardAppealDecided(m: Member, a: AwardAppeal): Notice {
  const upheld = a.outcome === AwardAppealOutcome.UPHELD;
  const next = a.remedy === 'PROCEED_TO_AWARD' ? 'You may now proceed to the award.' : 'You may now proceed to a new VIVA; we will be in touch to arrange it.';
  return {
    ...to(m),
    template: 'AWARD_APPEAL_DECIDED',
    subject: `The decision on your award appeal ${a.reference}`,
    body: `Dear ${m.givenName},\n\nYour appeal is ${upheld ? 'upheld' : 'not upheld'}. ${upheld ? next : ''}\n\nReasons: ${a.reasons}`,
    rule: 'COP-7',
  };
}
