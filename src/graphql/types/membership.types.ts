import { IsBoolean, IsEmail, IsEnum, IsOptional, IsUUID, Length, MaxLength, ArrayMaxSize, ArrayMinSize, IsNotEmpty, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MemberGrade, MembershipApplicationStatus, MemberStatus, Sector, SuitabilityReviewStatus, CodeAcceptanceContext } from '../../domain/membership/membership.enums';
import { ReviewOutcome, SuitabilityOutcome } from '../../domain/membership/membership-application.service';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

@ObjectType('Member', { description: 'A SET member. Members see only their own record; staff reads are audited (ATS-57).' })
export class MemberType {
  @Field(() => ID) id: string;
  @Field() membershipNumber: string;
  @Field() givenName: string;
  @Field() familyName: string;
  @Field() email: string;
  @Field(() => MemberGrade) grade: MemberGrade;
  @Field(() => LocalDateScalar) joinedOn: string;
  @Field(() => LocalDateScalar, { description: 'DEC-M1: the membership lapses when this date passes unrenewed.' }) renewalDate: string;
  @Field(() => Sector) sector: Sector;
  @Field(() => String, { nullable: true }) employerName: string | null;
  @Field(() => String, { nullable: true }) employerContactEmail: string | null;
  @Field({ description: 'ATS-51: consent for SET to contact the employer to verify role and responsibilities.' }) employerVerificationConsent: boolean;
  @Field(() => ID) acceptedCodeVersionId: string;
  @Field() createdAt: Date;
}

export const MemberConnection = Connection(MemberType, 'Member');

@ObjectType('CodeOfPracticeVersion', { description: 'COP-1: a published version of the SET Code of Practice.' })
export class CodeOfPracticeVersionType {
  @Field(() => ID) id: string;
  @Field() version: string;
  @Field() title: string;
  @Field(() => LocalDateScalar) effectiveFrom: string;
  @Field() summaryOfChanges: string;
  @Field() publishedAt: Date;
}

@ObjectType('CodeAcceptance')
export class CodeAcceptanceType {
  @Field(() => ID) id: string;
  @Field(() => ID) codeVersionId: string;
  @Field(() => CodeAcceptanceContext) context: CodeAcceptanceContext;
  @Field() acceptedAt: Date;
}

@ObjectType('MembershipApplication', { description: 'COP-2..4: an application to join SET, decided for suitability by a panel.' })
export class MembershipApplicationType {
  @Field(() => ID) id: string;
  @Field() reference: string;
  @Field() givenName: string;
  @Field() familyName: string;
  @Field() email: string;
  @Field(() => MemberGrade) requestedGrade: MemberGrade;
  @Field(() => Sector) sector: Sector;
  @Field(() => String, { nullable: true }) employerName: string | null;
  @Field() employerVerificationConsent: boolean;
  @Field(() => ID) codeVersionId: string;
  @Field() hasUnspentConvictions: boolean;
  @Field() subjectOfProfessionalMisconductFinding: boolean;
  @Field() barredFromTeachingOrWorkingWithChildren: boolean;
  @Field(() => String, { nullable: true }) declarationDetails: string | null;
  @Field() submittedAt: Date;
  @Field(() => MembershipApplicationStatus) status: MembershipApplicationStatus;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decisionReasons: string | null;
  @Field(() => [ID], { description: 'COP-4: members who took part in the decision.' }) panelMemberIds: string[];
  @Field(() => SuitabilityReviewStatus) reviewStatus: SuitabilityReviewStatus;
  @Field(() => Date, { nullable: true }) reviewRequestedAt: Date | null;
  @Field(() => String, { nullable: true }) reviewGrounds: string | null;
  @Field(() => Date, { nullable: true }) reviewDecidedAt: Date | null;
  @Field(() => String, { nullable: true }) reviewReasons: string | null;
  @Field(() => [ID]) reviewPanelMemberIds: string[];
  @Field(() => ID, { nullable: true }) memberId: string | null;
  @Field(() => Date, { nullable: true, description: 'When the applicant confirmed their email address; the panel sees only confirmed applications (issue 7).' })
  confirmedAt: Date | null;
}

export const MembershipApplicationConnection = Connection(MembershipApplicationType, 'MembershipApplication');

@InputType()
export class MemberFilterInput {
  @Field(() => MemberStatus, { nullable: true }) @IsOptional() @IsEnum(MemberStatus) status?: MemberStatus;
  @Field(() => MemberGrade, { nullable: true }) @IsOptional() @IsEnum(MemberGrade) grade?: MemberGrade;
  @Field(() => Sector, { nullable: true }) @IsOptional() @IsEnum(Sector) sector?: Sector;
  @Field({ nullable: true, description: 'Prefix of family name, given name, email or membership number.' })
  @IsOptional()
  @Length(1, 100)
  search?: string;
  @Field(() => LocalDateScalar, { nullable: true }) @IsOptional() renewalDueOnOrBefore?: string;
}

@InputType()
export class UpdateProfileInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) givenName?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) familyName?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @Field(() => Sector, { nullable: true }) @IsOptional() @IsEnum(Sector) sector?: Sector;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) employerName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() @MaxLength(320) employerContactEmail?: string | null;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() employerVerificationConsent?: boolean;
}

@InputType()
export class SubmitMembershipApplicationInput {
  @Field() @Length(1, 100) givenName: string;
  @Field() @Length(1, 100) familyName: string;
  @Field() @IsEmail() @MaxLength(320) email: string;
  @Field(() => MemberGrade) @IsEnum(MemberGrade) requestedGrade: MemberGrade;
  @Field(() => Sector) @IsEnum(Sector) sector: Sector;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) employerName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() @MaxLength(320) employerContactEmail?: string | null;
  @Field({ description: 'ATS-51: consent for SET to contact the employer.' }) @IsBoolean() employerVerificationConsent: boolean;
  @Field(() => ID, { description: 'COP-1: the id of the current Code of Practice version, which the applicant accepts.' })
  @IsUUID()
  acceptedCodeVersionId: string;
  @Field() @IsBoolean() hasUnspentConvictions: boolean;
  @Field() @IsBoolean() subjectOfProfessionalMisconductFinding: boolean;
  @Field() @IsBoolean() barredFromTeachingOrWorkingWithChildren: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) declarationDetails?: string | null;
}

@InputType()
export class SuitabilityDecisionInput {
  @Field(() => SuitabilityOutcome) @IsEnum(SuitabilityOutcome) outcome: SuitabilityOutcome;
  @Field() @IsNotEmpty() @MaxLength(5000) reasons: string;
  @Field(() => [ID], { description: 'COP-4: the members on the decision panel.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsUUID('all', { each: true })
  panelMemberIds: string[];
}

@InputType()
export class ReviewDecisionInput {
  @Field(() => ReviewOutcome) @IsEnum(ReviewOutcome) outcome: ReviewOutcome;
  @Field() @IsNotEmpty() @MaxLength(5000) reasons: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(12) @IsUUID('all', { each: true }) panelMemberIds: string[];
}

@InputType()
export class PublishCodeOfPracticeVersionInput {
  @Field() @Matches(/^[0-9A-Za-z.\-]{1,20}$/) version: string;
  @Field() @Length(1, 200) title: string;
  @Field(() => LocalDateScalar) effectiveFrom: string;
  @Field() @Length(1, 10000) summaryOfChanges: string;
}

