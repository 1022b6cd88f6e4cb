import { registerEnumType } from 'type-graphql';
import { NotificationStatus } from '../../domain/notifications/notification.entity';
import { ReviewOutcome, SuitabilityOutcome } from '../../domain/membership/membership-application.service';
import { MemberGrade, MembershipApplicationStatus, MemberStatus, Sector, SuitabilityReviewStatus, CodeAcceptanceContext } from '../../domain/membership/membership.enums';
import { Role } from '../../domain/shared/viewer';

registerEnumType(Role, { name: 'Role' });
registerEnumType(MemberGrade, { name: 'MemberGrade' });
registerEnumType(MemberStatus, { name: 'MemberStatus', description: 'DEC-M1: an ACTIVE membership whose renewal date has passed reads as LAPSED.' });
registerEnumType(Sector, { name: 'Sector' });
registerEnumType(CodeAcceptanceContext, { name: 'CodeAcceptanceContext' });
registerEnumType(MembershipApplicationStatus, {
  name: 'MembershipApplicationStatus',
  valuesConfig: { CLOSED: { description: 'DEC-J1: closed without a suitability decision; neutral, with no review.' } },
});
registerEnumType(SuitabilityReviewStatus, { name: 'SuitabilityReviewStatus' });
registerEnumType(SuitabilityOutcome, { name: 'SuitabilityOutcome' });
registerEnumType(ReviewOutcome, { name: 'ReviewOutcome' });
registerEnumType(NotificationStatus, { name: 'NotificationStatus' });
