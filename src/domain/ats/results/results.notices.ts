import type { Member } from '../../membership/member.entity';
import type { Notice } from '../../notifications/notification.service';
import type { AtsOutcome } from './results.entities';
import { AssessmentOutcome } from './results.enums';

const to = (m: Member) => ({ recipientMemberId: m.id, toAddress: m.email });

/** ATS-29: provisional results released by email; ATS-30/31 feedback and the resubmission deadline; ATS-34 restart. */
export function resultReleased(m: Member, o: AtsOutcome, objectionDays: number): Notice {
  const text: Record<AssessmentOutcome, string> = {
    [AssessmentOutcome.PROVISIONALLY_AWARDED]: 'Congratulations: your portfolio has been provisionally awarded. We will invite you to an online VIVA (ATS-37).',
    [AssessmentOutcome.CRITERIA_NOT_MET]: `Your portfolio does not yet meet the criteria for ATS. Feedback: ${o.feedback}\n\nPlease resubmit by ${o.resubmissionDeadline} (ATS-31).`,
    [AssessmentOutcome.RESTART_REQUIRED]: `Your portfolio showed significant areas for development, so you will need to apply to restart with a new portfolio (ATS-33, ATS-34). Feedback: ${o.feedback}`,
  };
  const objection = o.outcome === AssessmentOutcome.PROVISIONALLY_AWARDED ? '' : `\n\nIf you disagree with this decision you may object within ${objectionDays} days under the SET Objections Policy (ATS-36).`;
  return { ...to(m), template: 'ATS_RESULT_RELEASED', subject: 'Your ATS provisional result', body: `Dear ${m.givenName},\n\n${text[o.outcome]}${objection}`, rule: 'ATS-29', dedupeKey: `ats-result:${o.id}` };
}

export function resubmitted(m: Member, reviewDueOn: string, feedbackDueOn: string): Notice {
  return {
    ...to(m),
    template: 'ATS_PORTFOLIO_RESUBMITTED',
    subject: 'We have received your resubmitted portfolio',
    body: `Dear ${m.givenName},\n\nYour resubmission will be reviewed by ${reviewDueOn}, with feedback by ${feedbackDueOn} (ATS-31).`,
    rule: 'ATS-31',
  };
}

export function withdrawnNoResubmission(m: Member, deadline: string): Notice {
  return {
    ...to(m),
    template: 'ATS_WITHDRAWN',
    subject: 'You have been withdrawn from ATS',
    body: `Dear ${m.givenName},\n\nNo resubmission reached us by your deadline (${deadline}), so your portfolio has been withdrawn (ATS-44). To continue, submit a new application to restart in a future cohort (ATS-32).`,
    rule: 'ATS-32',
  };
}

export function objectionUpdated(m: Member, status: string, reasons: string | null): Notice {
  return {
    ...to(m),
    template: 'ATS_OBJECTION_UPDATED',
    subject: 'Your objection to your ATS result',
    body: `Dear ${m.givenName},\n\nYour objection is now ${status.replace('_', ' ').toLowerCase()}.${reasons ? `\n\nReasons: ${reasons}` : ''}`,
    rule: 'ATS-36',
  };
}
