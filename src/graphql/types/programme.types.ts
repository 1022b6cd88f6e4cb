import { IsBoolean, IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  AdjustmentStatus,
  AttemptKind,
  ExtensionReason,
  ExtensionStatus,
  ParticipantStatus,
  PaymentPlan,
  WithdrawalKind,
} from '../../domain/ats/programme/programme.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

registerEnumType(PaymentPlan, { name: 'PaymentPlan', description: 'ATS-15 payment plans.' });
registerEnumType(AttemptKind, { name: 'AttemptKind', description: 'ATS-20, 35, 48: NEW (full fee, cooling off) or the one RESTART (£50).' });
registerEnumType(ParticipantStatus, { name: 'ParticipantStatus' });
registerEnumType(WithdrawalKind, { name: 'WithdrawalKind' });
registerEnumType(AdjustmentStatus, { name: 'AdjustmentStatus' });
registerEnumType(ExtensionReason, { name: 'ExtensionReason', description: 'ATS-25: the six reasons an extension may be asked for.' });
registerEnumType(ExtensionStatus, { name: 'ExtensionStatus' });

@ObjectType('Cohort', { description: 'Portfolios issued together (ATS-19), one deadline (ATS-21) and one results date (ATS-28).' })
export class CohortType {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => LocalDateScalar) portfolioIssueDate: string;
  @Field(() => LocalDateScalar) submissionDeadline: string;
  @Field(() => LocalDateScalar) provisionalResultsDate: string;
}

@ObjectType('RegistrationWindow', { description: 'ATS-10: registrations are taken only while a window is open; each feeds one cohort.' })
export class RegistrationWindowType {
  @Field(() => ID) id: string;
  @Field(() => ID) cohortId: string;
  @Field(() => LocalDateScalar) opensOn: string;
  @Field(() => LocalDateScalar) closesOn: string;
}

@ObjectType('PortfolioSection')
export class PortfolioSectionType {
  @Field(() => ID) id: string;
  @Field() key: string;
  @Field() title: string;
  @Field(() => Int) position: number;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
}

@ObjectType('ReasonableAdjustment', { description: 'ATS-13: a request made during registration and its agreed outcome.' })
export class ReasonableAdjustmentType {
  @Field(() => ID) id: string;
  @Field(() => ID) participantId: string;
  @Field() details: string;
  @Field() requestedAt: Date;
  @Field(() => AdjustmentStatus) status: AdjustmentStatus;
  @Field(() => String, { nullable: true }) agreedOutcome: string | null;
  @Field({ description: 'ATS-25.1: the agreed adjustment includes an extension.' }) includesExtension: boolean;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
}

@ObjectType('PortfolioAccessReport', { description: 'ATS-19: a portfolio access problem; late when reported after 14 days.' })
export class PortfolioAccessReportType {
  @Field(() => ID) id: string;
  @Field(() => ID) participantId: string;
  @Field() description: string;
  @Field() reportedAt: Date;
  @Field(() => LocalDateScalar) reportedOn: string;
  @Field() late: boolean;
  @Field(() => Date, { nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true }) resolution: string | null;
}

@ObjectType('ExtensionRequest', { description: 'ATS-25..27: a request to extend the submission deadline.' })
export class ExtensionRequestType {
  @Field(() => ID) id: string;
  @Field(() => ID) participantId: string;
  @Field(() => ExtensionReason) reason: ExtensionReason;
  @Field() evidenceNotes: string;
  @Field(() => LocalDateScalar, { nullable: true }) technicalIssueIdentifiedOn: string | null;
  @Field() preventedByUnforeseenEvent: boolean;
  @Field() requestedAt: Date;
  @Field(() => LocalDateScalar) deadlineAtRequest: string;
  @Field(() => ExtensionStatus) status: ExtensionStatus;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decisionReasons: string | null;
  @Field(() => ID, { nullable: true }) toCohortId: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) newDeadline: string | null;
}
export const ExtensionRequestConnection = Connection(ExtensionRequestType, 'ExtensionRequest');
export const CohortConnection = Connection(CohortType, 'Cohort', { totalCount: true });
export const RegistrationWindowConnection = Connection(RegistrationWindowType, 'RegistrationWindow', { totalCount: true });

@ObjectType('Violation', { description: 'One failed condition of a rule.' })
export class ViolationType {
  @Field() rule: string;
  @Field(() => String, { nullable: true }) condition?: string;
  @Field() message: string;
}

@ObjectType('SubmissionReadiness', { description: 'ATS-22: every condition that still stands between the participant and submission.' })
export class SubmissionReadinessType {
  @Field() ready: boolean;
  @Field(() => [ViolationType]) violations: ViolationType[];
}

@ObjectType('Participant', { description: 'One attempt at ATS by a member, from registration to submission.' })
export class ParticipantType {
  @Field(() => ID) id: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) applicationId: string;
  @Field(() => AttemptKind) attemptKind: AttemptKind;
  @Field(() => ParticipantStatus) status: ParticipantStatus;
  @Field() registeredAt: Date;
  @Field(() => LocalDateScalar) registrationDate: string;
  @Field(() => Int, { description: 'ATS-14: the fee fixed at registration, in pence.' }) feePence: number;
  @Field(() => PaymentPlan) paymentPlan: PaymentPlan;
  @Field(() => LocalDateScalar, { description: 'The participant’s submission deadline (the cohort’s, or a later one after an extension).' }) deadline: string;
  @Field(() => Date, { nullable: true }) portfolioIssuedAt: Date | null;
  @Field(() => Date, { nullable: true }) supportingStatementObtainedAt: Date | null;
  @Field(() => Date, { nullable: true }) sharedWithSetAt: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
  @Field(() => WithdrawalKind, { nullable: true }) withdrawalKind: WithdrawalKind | null;
  @Field(() => String, { nullable: true }) withdrawalReason: string | null;
}
export const ParticipantConnection = Connection(ParticipantType, 'Participant');

@InputType()
export class CreateCohortInput {
  @Field() @Length(1, 40) name: string;
  @Field(() => LocalDateScalar) portfolioIssueDate: string;
  @Field(() => LocalDateScalar) submissionDeadline: string;
  @Field(() => LocalDateScalar) provisionalResultsDate: string;
}

@InputType()
export class CreateRegistrationWindowInput {
  @Field(() => ID) @IsUUID() cohortId: string;
  @Field(() => LocalDateScalar) opensOn: string;
  @Field(() => LocalDateScalar) closesOn: string;
}

@InputType()
export class RegisterForAtsInput {
  @Field(() => ID) @IsUUID() registrationWindowId: string;
  @Field(() => PaymentPlan) @IsEnum(PaymentPlan) paymentPlan: PaymentPlan;
  @Field(() => String, { nullable: true, description: 'ATS-13: any reasonable adjustment you need.' })
  @IsOptional()
  @MaxLength(5000)
  reasonableAdjustmentRequest?: string | null;
}

@InputType()
export class ParticipantFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() cohortId?: string;
  @Field(() => ParticipantStatus, { nullable: true }) @IsOptional() @IsEnum(ParticipantStatus) status?: ParticipantStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() memberId?: string;
}

@InputType()
export class ExtensionRequestInput {
  @Field(() => ExtensionReason) @IsEnum(ExtensionReason) reason: ExtensionReason;
  @Field() @Length(10, 5000) evidenceNotes: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-25.2: when the technical issue was identified.' })
  @IsOptional()
  technicalIssueIdentifiedOn?: string | null;
  @Field({ nullable: true, description: 'ATS-27: the same unforeseen event prevented a request six weeks ahead.' })
  @IsOptional()
  @IsBoolean()
  preventedByUnforeseenEvent?: boolean;
}

@InputType()
export class AdjustmentDecisionInput {
  @Field() @IsBoolean() agree: boolean;
  @Field() @Length(5, 5000) outcome: string;
  @Field({ defaultValue: false }) @IsBoolean() includesExtension: boolean;
}
