import { registerEnumType } from 'type-graphql';
import { NotificationStatus } from '../../domain/notifications/notification.entity';
import { ReviewOutcome, SuitabilityOutcome } from '../../domain/membership/membership-application.service';
import { MemberGrade, MembershipApplicationStatus, MemberStatus, Sector, SuitabilityReviewStatus, CodeAcceptanceContext } from '../../domain/membership/membership.enums';
import { Role } from '../../domain/shared/viewer';

registerEnumType(Role, { name: 'Role' });
registerEnumType(MemberGrade, {
  name: 'MemberGrade',
  description: 'Membership grades.',
  valuesConfig: { ASSOCIATE: { description: 'Associate member; may apply for ATS but not register (ATS-9).' }, MEMBER: { description: 'Member.' }, FELLOW: { description: 'Fellow.' } },
});
registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'DEC-M1: an ACTIVE membership whose renewal date has passed reads as LAPSED.',
  valuesConfig: { ACTIVE: { description: 'A current member.' }, LAPSED: { description: 'DEC-M1: the renewal date passed unrenewed.' }, SUSPENDED: { description: 'Suspended (COP-6); current again once a suspension with an end date has ended.' }, EXPELLED: { description: 'Membership ended (COP-6).' } },
});
registerEnumType(Sector, {
  name: 'Sector',
  description: 'The education sector a member works in.',
  valuesConfig: { FURTHER_EDUCATION: { description: 'Further education colleges.' }, ADULT_AND_COMMUNITY: { description: 'Adult and community learning.' }, WORK_BASED_LEARNING: { description: 'Work-based learning and apprenticeships.' }, SCHOOLS: { description: 'Schools (also bound by the DfE Teachers’ Standards).' }, HIGHER_EDUCATION: { description: 'Higher education.' }, PRISON_EDUCATION: { description: 'Prison education.' }, OTHER: { description: 'Any other sector.' } },
});
registerEnumType(CodeAcceptanceContext, {
  name: 'CodeAcceptanceContext',
  description: 'COP-1: when the Code was accepted.',
  valuesConfig: { JOIN: { description: 'On joining.' }, RENEWAL: { description: 'On renewing.' } },
});
registerEnumType(MembershipApplicationStatus, {
  name: 'MembershipApplicationStatus',
  description: 'COP-2: where an application to join stands.',
  valuesConfig: { SUBMITTED: { description: 'Awaiting the panel.' }, APPROVED: { description: 'Approved; the membership exists.' }, REFUSED: { description: 'Refused; a review may be asked for (COP-3).' }, CLOSED: { description: 'DEC-J1: closed without a suitability decision; neutral, with no review.' } },
});
registerEnumType(SuitabilityReviewStatus, {
  name: 'SuitabilityReviewStatus',
  description: 'COP-3: the review of a refusal.',
  valuesConfig: { NOT_REQUESTED: { description: 'No review asked for.' }, REQUESTED: { description: 'Asked for; awaiting the review panel.' }, UPHELD: { description: 'The refusal stands.' }, OVERTURNED: { description: 'The refusal was overturned and the membership created.' } },
});
registerEnumType(SuitabilityOutcome, {
  name: 'SuitabilityOutcome',
  description: 'COP-2: the panel’s decision.',
  valuesConfig: { APPROVE: { description: 'Approve the application.' }, REFUSE: { description: 'Refuse it, with reasons.' } },
});
registerEnumType(ReviewOutcome, {
  name: 'ReviewOutcome',
  description: 'COP-3: the review panel’s decision.',
  valuesConfig: { UPHOLD: { description: 'The refusal stands.' }, OVERTURN: { description: 'The refusal is overturned.' } },
});
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  description: 'Delivery state of an email notice.',
  valuesConfig: { PENDING: { description: 'Waiting to be delivered.' }, SENT: { description: 'Delivered.' }, FAILED: { description: 'Before issue 8: given up after five attempts; no longer written, kept so old notices read.' }, UNDELIVERABLE: { description: 'Issue 8: the mail relay refused it permanently, or it kept failing for the whole retry period (MAIL_RETRY_HOURS).' } },
});
