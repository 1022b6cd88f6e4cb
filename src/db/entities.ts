import { AuditEntry } from '../domain/audit/audit-entry.entity';
import { ApiClient } from '../domain/identity/api-client.entity';
import { StaffUser } from '../domain/identity/staff-user.entity';
import { CodeAcceptance } from '../domain/membership/code-acceptance.entity';
import { CodeOfPracticeVersion } from '../domain/membership/code-of-practice-version.entity';
import { Member } from '../domain/membership/member.entity';
import { MembershipApplication } from '../domain/membership/membership-application.entity';
import { Notification } from '../domain/notifications/notification.entity';
import { applicationEntities } from '../domain/ats/applications/application.entities';
import { programmeEntities } from '../domain/ats/programme/programme.entities';
import { paymentEntities } from '../domain/payments/payment.entities';
import { registerEntities } from '../domain/register/register.entities';
import { EmailChangeRequest } from '../domain/membership/email-change-request.entity';
import { systemEntities } from '../domain/system/system.entities';
import { resultsEntities } from '../domain/ats/results/results.entities';
import { awardEntities } from '../domain/ats/award/award.entities';
import { statusEntities } from '../domain/register/status/status.entities';
import { conductEntities } from '../domain/conduct/conduct.entities';

/** Every entity, listed explicitly so the data source never depends on file globs. */
export const entities = [
  AuditEntry,
  ApiClient,
  StaffUser,
  CodeAcceptance,
  CodeOfPracticeVersion,
  Member,
  MembershipApplication,
  Notification,
  ...applicationEntities,
  ...programmeEntities,
  ...paymentEntities,
  ...registerEntities,
  EmailChangeRequest,
  ...systemEntities,
  ...resultsEntities,
  ...awardEntities,
  ...statusEntities,
  ...conductEntities,
];
