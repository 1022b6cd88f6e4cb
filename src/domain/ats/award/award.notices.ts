import type { Member } from '../../membership/member.entity';
import type { Notice } from '../../notifications/notification.service';

const to = (m: Member) => ({ recipientMemberId: m.id, toAddress: m.email });

export function vivaScheduled(m: Member, when: string, link: string, rescheduled: boolean, attempt: number): Notice {
  return {
    ...to(m),
    template: rescheduled ? 'ATS_VIVA_RESCHEDULED' : 'ATS_VIVA_SCHEDULED',
    subject: rescheduled ? 'Your ATS VIVA has been rescheduled' : attempt > 1 ? 'Your ATS re-VIVA' : 'Your ATS VIVA',
    body: `Dear ${m.givenName},\n\nYour online ${attempt > 1 ? 're-VIVA (your final opportunity, ATS-38)' : 'VIVA (ATS-37)'} is on ${when} (London time). Join here: ${link}\n\nPlease keep the content of the VIVA confidential (ATS-39).`,
    rule: 'DEC-V1',
  };
}

export function reVivaRequired(m: Member, needed: string): Notice {
  return { ...to(m), template: 'ATS_RE_VIVA_REQUIRED', subject: 'Your ATS VIVA: a re-VIVA is needed', body: `Dear ${m.givenName},\n\nThe Professional Status team needs further information: ${needed}\n\nWe will schedule your re-VIVA, your final opportunity (ATS-38).`, rule: 'ATS-38' };
}

export function notAwarded(m: Member, reasons: string): Notice {
  return {
    ...to(m),
    template: 'ATS_NOT_AWARDED',
    subject: 'Your ATS VIVA result',
    body: `Dear ${m.givenName},\n\nWe are sorry: you did not pass the VIVA, so ATS is not awarded on this attempt. Reasons: ${reasons}\n\nYou may appeal under the awards appeals policy (COP-7).`,
    rule: 'DEC-V1',
  };
}

export function awarded(m: Member, awardedOn: string, dueOn: string): Notice {
  return {
    ...to(m),
    template: 'ATS_AWARDED',
    subject: 'Congratulations: you have been awarded Advanced Teacher Status',
    body:
      `Dear ${m.givenName},\n\nYou were awarded ATS on ${awardedOn} (ATS-40). While you remain a member you are listed on the Professional Status Register unless you opt out (ATS-41, ATS-43). ` +
      `You can request your digital certificate from your dashboard (ATS-42) and download your portfolio (ATS-53). Re-accreditation is due by ${dueOn} (ATS-50).`,
    rule: 'ATS-40',
  };
}

export function graduationInvitation(m: Member): Notice {
  return {
    ...to(m),
    template: 'CHARTERED_TEACHER_GRADUATION_INVITATION',
    subject: 'Chartered Teacher Status and your invitation to the graduation',
    body: `Dear ${m.givenName},\n\nWith ATS you are conferred Chartered Teacher Status through the Chartered College of Teaching, and you are invited to the annual Chartered Teacher Graduation (ATS-49).`,
    rule: 'ATS-49',
  };
}
