import { IsBoolean, IsEmail, IsEnum, IsOptional, IsUUID, Length, MaxLength, ArrayMaxSize, ArrayMinSize, IsNotEmpty, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MemberGrade, MembershipApplicationStatus, MemberStatus, Sector, SuitabilityReviewStatus, CodeAcceptanceContext } from '../../domain/membership/membership.enums';
import { ReviewOutcome, SuitabilityOutcome } from '../../domain/membership/membership-application.service';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

@ObjectType('Member', { description: 'A SET member. Members see only their own record; staff reads are audited (ATS-57).' })
export class MemberType {
  @Field(() => ID, { description: 'The member’s id.' }) id: string;
  @Field({ description: 'The unique SET membership number.' }) membershipNumber: string;
  @Field({ description: 'Given name.' }) givenName: string;
  @Field({ description: 'Family name.' }) familyName: string;
  @Field({ description: 'The member’s email address; notices are sent here.' }) email: string;
  @Field(() => MemberGrade, { description: 'Membership grade; ATS-9 registration needs MEMBER or FELLOW.' }) grade: MemberGrade;
  @Field(() => LocalDateScalar, { description: 'The London date membership began.' }) joinedOn: string;
  @Field(() => LocalDateScalar, { description: 'DEC-M1: the membership lapses when this date passes unrenewed.' }) renewalDate: string;
  @Field(() => Sector, { description: 'The education sector the member works in.' }) sector: Sector;
  @Field(() => String, { nullable: true, description: 'The member’s employer (ATS-51), if given.' }) employerName: string | null;
  @Field(() => String, { nullable: true, description: 'ATS-51: the employer contact SET may ask to verify role and responsibilities, if given.' }) employerContactEmail: string | null;
  @Field({ description: 'ATS-51: consent for SET to contact the employer to verify role and responsibilities.' }) employerVerificationConsent: boolean;
  @Field(() => ID, { description: 'COP-1: the Code of Practice version accepted most recently (on joining or renewing).' }) acceptedCodeVersionId: string;
  @Field({ description: 'When the member record was created.' }) createdAt: Date;
}

export const MemberConnection = Connection(MemberType, 'Member');

@ObjectType('CodeOfPracticeVersion', { description: 'COP-1: a published version of the SET Code of Practice.' })
export class CodeOfPracticeVersionType {
  @Field(() => ID, { description: 'The version’s id.' }) id: string;
  @Field({ description: 'The version label, such as 2026.1.' }) version: string;
  @Field({ description: 'The title of this version of the Code.' }) title: string;
  @Field(() => LocalDateScalar, { description: 'COP-1: the London date from which applicants and renewing members accept this version.' }) effectiveFrom: string;
  @Field({ description: 'COP-5: what changed, as told to every current member.' }) summaryOfChanges: string;
  @Field({ description: 'When the version was published.' }) publishedAt: Date;
}

@ObjectType('CodeAcceptance', { description: 'COP-1: one acceptance of a Code of Practice version by a member, on joining or renewing.' })
export class CodeAcceptanceType {
  @Field(() => ID, { description: 'The acceptance’s id.' }) id: string;
  @Field(() => ID, { description: 'The Code of Practice version accepted.' }) codeVersionId: string;
  @Field(() => CodeAcceptanceContext, { description: 'Whether it was accepted on joining or on renewal.' }) context: CodeAcceptanceContext;
  @Field({ description: 'When it was accepted.' }) acceptedAt: Date;
}

@ObjectType('MembershipApplication', { description: 'COP-2..4: an application to join SET, decided for suitability by a panel.' })
export class MembershipApplicationType {
  @Field(() => ID, { description: 'The application’s id.' }) id: string;
  @Field({ description: 'The reference quoted to the applicant.' }) reference: string;
  @Field({ description: 'Applicant’s given name.' }) givenName: string;
  @Field({ description: 'Applicant’s family name.' }) familyName: string;
  @Field({ description: 'Applicant’s email address.' }) email: string;
  @Field(() => MemberGrade, { description: 'The grade applied for.' }) requestedGrade: MemberGrade;
  @Field(() => Sector, { description: 'The applicant’s education sector.' }) sector: Sector;
  @Field(() => String, { nullable: true, description: 'The applicant’s employer, if given.' }) employerName: string | null;
  @Field({ description: 'ATS-51: consent for SET to contact the employer.' }) employerVerificationConsent: boolean;
  @Field(() => ID, { description: 'COP-1: the Code of Practice version the applicant accepted.' }) codeVersionId: string;
  @Field({ description: 'COP-2 declaration: the applicant has unspent convictions.' }) hasUnspentConvictions: boolean;
  @Field({ description: 'COP-2 declaration: the applicant has been the subject of a professional misconduct finding.' }) subjectOfProfessionalMisconductFinding: boolean;
  @Field({ description: 'COP-2 declaration: the applicant is barred from teaching or from working with children.' }) barredFromTeachingOrWorkingWithChildren: boolean;
  @Field(() => String, { nullable: true, description: 'COP-2: the applicant’s details of anything declared.' }) declarationDetails: string | null;
  @Field({ description: 'When the application was submitted.' }) submittedAt: Date;
  @Field(() => MembershipApplicationStatus, { description: 'COP-2: where the application stands.' }) status: MembershipApplicationStatus;
  @Field(() => Date, { nullable: true, description: 'When the panel decided (COP-2), or null while undecided.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'COP-2: the panel’s reasons, or null while undecided.' }) decisionReasons: string | null;
  @Field(() => [ID], { description: 'COP-4: members who took part in the decision.' }) panelMemberIds: string[];
  @Field(() => SuitabilityReviewStatus, { description: 'COP-3: whether a review of a refusal was asked for and how it ended.' }) reviewStatus: SuitabilityReviewStatus;
  @Field(() => Date, { nullable: true, description: 'COP-3: when the applicant asked for a review.' }) reviewRequestedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'COP-3: the applicant’s grounds for the review.' }) reviewGrounds: string | null;
  @Field(() => Date, { nullable: true, description: 'COP-3: when the review panel decided.' }) reviewDecidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'COP-3: the review panel’s reasons.' }) reviewReasons: string | null;
  @Field(() => [ID], { description: 'COP-3, COP-4: members who sat on the review panel.' }) reviewPanelMemberIds: string[];
  @Field(() => ID, { nullable: true, description: 'The member created when the application was approved, or null.' }) memberId: string | null;
  @Field(() => Date, { nullable: true, description: 'When the applicant confirmed their email address; the panel sees only confirmed applications (issue 7).' })
  confirmedAt: Date | null;
}

export const MembershipApplicationConnection = Connection(MembershipApplicationType, 'MembershipApplication');

@InputType({ description: 'Filters for the staff member search; all given filters must hold.' })
export class MemberFilterInput {
  @Field(() => MemberStatus, { nullable: true, description: 'Only members with this effective status (DEC-M1: past the renewal date reads LAPSED).' }) @IsOptional() @IsEnum(MemberStatus) status?: MemberStatus;
  @Field(() => MemberGrade, { nullable: true, description: 'Only members of this grade.' }) @IsOptional() @IsEnum(MemberGrade) grade?: MemberGrade;
  @Field(() => Sector, { nullable: true, description: 'Only members in this sector.' }) @IsOptional() @IsEnum(Sector) sector?: Sector;
  @Field({ nullable: true, description: 'Prefix of family name, given name, email or membership number.' })
  @IsOptional()
  @Length(1, 100)
  search?: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Only members whose renewal date is on or before this London date.' }) @IsOptional() renewalDueOnOrBefore?: string;
}

@InputType({ description: 'The fields a member may change on their own record; omitted fields stay as they are.' })
export class UpdateProfileInput {
  @Field({ nullable: true, description: 'New given name.' }) @IsOptional() @Length(1, 100) givenName?: string;
  @Field({ nullable: true, description: 'New family name.' }) @IsOptional() @Length(1, 100) familyName?: string;
  @Field({ nullable: true, description: 'New email address.' }) @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @Field(() => Sector, { nullable: true, description: 'New sector.' }) @IsOptional() @IsEnum(Sector) sector?: Sector;
  @Field(() => String, { nullable: true, description: 'ATS-51: employer; null clears it.' }) @IsOptional() @MaxLength(200) employerName?: string | null;
  @Field(() => String, { nullable: true, description: 'ATS-51: employer contact email; null clears it.' }) @IsOptional() @IsEmail() @MaxLength(320) employerContactEmail?: string | null;
  @Field({ nullable: true, description: 'ATS-51: consent for SET to contact the employer.' }) @IsOptional() @IsBoolean() employerVerificationConsent?: boolean;
}

@InputType({ description: 'COP-1, COP-2: an application to join SET with its suitability declaration.' })
export class SubmitMembershipApplicationInput {
  @Field({ description: 'Given name.' }) @Length(1, 100) givenName: string;
  @Field({ description: 'Family name.' }) @Length(1, 100) familyName: string;
  @Field({ description: 'Email address; the outcome is sent here (DEC-J1: an existing member’s address is handled without revealing it).' }) @IsEmail() @MaxLength(320) email: string;
  @Field(() => MemberGrade, { description: 'The grade applied for.' }) @IsEnum(MemberGrade) requestedGrade: MemberGrade;
  @Field(() => Sector, { description: 'The education sector the applicant works in.' }) @IsEnum(Sector) sector: Sector;
  @Field(() => String, { nullable: true, description: 'ATS-51: employer, if any.' }) @IsOptional() @MaxLength(200) employerName?: string | null;
  @Field(() => String, { nullable: true, description: 'ATS-51: employer contact email, if any.' }) @IsOptional() @IsEmail() @MaxLength(320) employerContactEmail?: string | null;
  @Field({ description: 'ATS-51: consent for SET to contact the employer.' }) @IsBoolean() employerVerificationConsent: boolean;
  @Field(() => ID, { description: 'COP-1: the id of the current Code of Practice version, which the applicant accepts.' })
  @IsUUID()
  acceptedCodeVersionId: string;
  @Field({ description: 'COP-2 declaration: unspent convictions.' }) @IsBoolean() hasUnspentConvictions: boolean;
  @Field({ description: 'COP-2 declaration: a professional misconduct finding.' }) @IsBoolean() subjectOfProfessionalMisconductFinding: boolean;
  @Field({ description: 'COP-2 declaration: barred from teaching or working with children.' }) @IsBoolean() barredFromTeachingOrWorkingWithChildren: boolean;
  @Field(() => String, { nullable: true, description: 'COP-2: details of anything declared.' }) @IsOptional() @MaxLength(5000) declarationDetails?: string | null;
}

@InputType({ description: 'COP-2, COP-4: the panel’s decision on an application to join.' })
export class SuitabilityDecisionInput {
  @Field(() => SuitabilityOutcome, { description: 'COP-2: approve or refuse.' }) @IsEnum(SuitabilityOutcome) outcome: SuitabilityOutcome;
  @Field({ description: 'COP-2: the reasons, sent to the applicant; not empty.' }) @IsNotEmpty() @MaxLength(5000) reasons: string;
  @Field(() => [ID], { description: 'COP-4: the members on the decision panel.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsUUID('all', { each: true })
  panelMemberIds: string[];
}

@InputType({ description: 'COP-3, COP-4: an independent panel’s decision on a review of a refusal.' })
export class ReviewDecisionInput {
  @Field(() => ReviewOutcome, { description: 'COP-3: uphold or overturn the refusal.' }) @IsEnum(ReviewOutcome) outcome: ReviewOutcome;
  @Field({ description: 'COP-3: the reasons, sent to the applicant; not empty.' }) @IsNotEmpty() @MaxLength(5000) reasons: string;
  @Field(() => [ID], { description: 'COP-3, COP-4: the members on the review panel (DEC-G1: never the applicant).' }) @ArrayMinSize(1) @ArrayMaxSize(12) @IsUUID('all', { each: true }) panelMemberIds: string[];
}

@InputType({ description: 'COP-1, COP-5: a new version of the Code of Practice.' })
export class PublishCodeOfPracticeVersionInput {
  @Field({ description: 'The version label: letters, digits, dots and hyphens.' }) @Matches(/^[0-9A-Za-z.\-]{1,20}$/) version: string;
  @Field({ description: 'The title of this version.' }) @Length(1, 200) title: string;
  @Field(() => LocalDateScalar, { description: 'COP-1: the London date from which it must be accepted.' }) effectiveFrom: string;
  @Field({ description: 'COP-5: what changed; sent to every current member.' }) @Length(1, 10000) summaryOfChanges: string;
}

