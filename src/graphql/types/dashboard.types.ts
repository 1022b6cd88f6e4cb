import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DeadlineKind } from '../../domain/ats/dashboard/dashboard.service';
import { LocalDateScalar } from '../scalars';
import { AtsAwardType, CertificateType, VivaType } from './ats-award.types';
import { AssessmentResultType } from './ats-results.types';
import { MemberType } from './membership.types';
import { ParticipantBalanceType } from './payments.types';
import { ViolationType } from './errors.types';
import { CohortType, ParticipantType } from './programme.types';
import { ProfessionalStatusType } from './status.types';

registerEnumType(DeadlineKind, {
  name: 'DeadlineKind',
  description: 'What the next deadline on the dashboard is for.',
  valuesConfig: {
    SUBMISSION: { description: 'ATS-21: the submission deadline.' },
    RESUBMISSION: { description: 'ATS-31: the individual resubmission deadline.' },
    VIVA: { description: 'ATS-37: the day of the scheduled VIVA.' },
    REACCREDITATION: { description: 'ATS-50: the re-accreditation due date.' },
  },
});

@ObjectType('MemberDashboard', { description: 'Everything a member’s home page needs, in one query with a fixed number of SQL statements.' })
export class MemberDashboardType {
  @Field(() => MemberType, { description: 'The signed-in member.' }) member: unknown;
  @Field(() => ParticipantType, { nullable: true, description: 'The most recent ATS participation.' }) currentParticipation: unknown;
  @Field(() => CohortType, { nullable: true, description: 'Its current cohort.' }) currentCohort: unknown;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The next deadline that matters.' }) nextDeadline: string | null;
  @Field(() => DeadlineKind, { nullable: true, description: 'What the next deadline is for.' }) nextDeadlineKind: DeadlineKind | null;
  @Field(() => [ViolationType], { description: 'ATS-22: what still blocks (re)submission; empty when ready or nothing to submit.' }) submissionBlockers: unknown[];
  @Field(() => ParticipantBalanceType, { nullable: true, description: 'The current participation’s fee balance.' }) balance: unknown;
  @Field(() => [AssessmentResultType], { description: 'DEC-O1: released results of every participation, newest first.' }) releasedResults: unknown[];
  @Field(() => VivaType, { nullable: true, description: 'The current participation’s latest VIVA.' }) viva: unknown;
  @Field(() => [ProfessionalStatusType], { description: 'Statuses held, with due dates and dormancy computed today.' }) statuses: ProfessionalStatusType[];
  @Field(() => [AtsAwardType], { description: 'ATS awards, newest first.' }) awards: unknown[];
  @Field(() => [CertificateType], { description: 'Certificates made.' }) certificates: unknown[];
}
