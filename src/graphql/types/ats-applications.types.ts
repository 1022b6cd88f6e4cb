import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AtsApplicationOutcome, AtsApplicationStatus, AuthenticityCheckResult, QualificationList } from '../../domain/ats/applications/application.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

registerEnumType(QualificationList, { name: 'QualificationList', description: "ATS-2: SET's approved lists for Initial Teacher Training, English and maths." });
registerEnumType(AtsApplicationStatus, { name: 'AtsApplicationStatus' });
registerEnumType(AtsApplicationOutcome, { name: 'AtsApplicationOutcome' });
registerEnumType(AuthenticityCheckResult, { name: 'AuthenticityCheckResult', description: 'ATS-52: the result of checking a certificate with its awarding body.' });

@ObjectType('ApprovedQualification', { description: "ATS-2: a qualification on one of SET's approved lists." })
export class ApprovedQualificationType {
  @Field(() => ID) id: string;
  @Field(() => QualificationList) list: QualificationList;
  @Field() title: string;
  @Field() awardingBody: string;
  @Field() level: string;
  @Field({ description: 'Inactive entries no longer satisfy ATS-2.' }) active: boolean;
}

@ObjectType('AtsApplicationTemplateVersion', { description: 'ATS-6: a version of the official application template.' })
export class AtsApplicationTemplateVersionType {
  @Field(() => ID) id: string;
  @Field() versionLabel: string;
  @Field(() => LocalDateScalar) publishedOn: string;
  @Field({ description: 'The latest version published on or before today; the only one applications are accepted on.' }) isCurrent: boolean;
}

@ObjectType('MemberQualification', { description: 'A qualification a member holds (ATS-2, ATS-3). Staff notes on checks are not shown here.' })
export class MemberQualificationType {
  @Field(() => ID) id: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) approvedQualificationId: string;
  @Field(() => ApprovedQualificationType, { nullable: true }) approvedQualification: ApprovedQualificationType | null;
  @Field(() => LocalDateScalar, { description: 'ATS-3: not accepted if after the portfolio issue date.' }) certificateDate: string;
  @Field() grade: string;
  @Field() certificateReference: string;
  @Field({ description: 'ATS-52: when the member confirmed the certificate is a true reflection of the qualification and grade.' }) declaredAuthenticAt: Date;
  @Field(() => AuthenticityCheckResult, { nullable: true, description: 'ATS-52: the latest check with the awarding body, or null when never checked.' })
  authenticityStatus: AuthenticityCheckResult | null;
  @Field() createdAt: Date;
}

@ObjectType('QualificationAuthenticityCheck', { description: 'ATS-52 (staff only): a query to an awarding body about a certificate.' })
export class QualificationAuthenticityCheckType {
  @Field(() => ID) id: string;
  @Field(() => ID) memberQualificationId: string;
  @Field(() => ID) memberId: string;
  @Field(() => LocalDateScalar) queriedOn: string;
  @Field() awardingBody: string;
  @Field(() => AuthenticityCheckResult) result: AuthenticityCheckResult;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field() recordedBy: string;
  @Field() recordedAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('AtsApplication', { description: 'ATS-4..8: an application to undertake professional development leading to ATS.' })
export class AtsApplicationType {
  @Field(() => ID) id: string;
  @Field() reference: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID, { description: 'ATS-6: the template version the form was completed on.' }) templateVersionId: string;
  @Field({ description: 'ATS-4: the applicant is restarting.' }) isRestart: boolean;
  @Field() eligibilityStatement: string;
  @Field(() => [ID], { description: 'ATS-2: the member qualifications relied on.' }) qualificationIds: string[];
  @Field(() => AtsApplicationStatus) status: AtsApplicationStatus;
  @Field() submittedAt: Date;
  @Field(() => LocalDateScalar) submittedOn: string;
  @Field(() => LocalDateScalar, { description: 'ATS-7, ATS-8: submitted date + 56 days.' }) decisionDueOn: string;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decisionReasons: string | null;
  @Field(() => ID, { nullable: true, description: 'ATS-7: the unsuccessful application this one resubmits.' }) resubmissionOfId: string | null;
  @Field(() => ID, { nullable: true, description: 'ATS-11: the participant whose registration used this application.' }) usedByParticipantId: string | null;
  @Field(() => Date, { nullable: true }) usedForRegistrationAt: Date | null;
}

export const AtsApplicationConnection = Connection(AtsApplicationType, 'AtsApplication');
export const ApprovedQualificationConnection = Connection(ApprovedQualificationType, 'ApprovedQualification', { totalCount: true });
export const MemberQualificationConnection = Connection(MemberQualificationType, 'MemberQualification', { totalCount: true });

@InputType()
export class ApprovedQualificationInput {
  @Field(() => QualificationList) @IsEnum(QualificationList) list: QualificationList;
  @Field() @Length(1, 200) title: string;
  @Field() @Length(1, 200) awardingBody: string;
  @Field() @Length(1, 40) level: string;
}

@InputType()
export class UpdateApprovedQualificationInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) title?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) awardingBody?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 40) level?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType()
export class PublishAtsApplicationTemplateVersionInput {
  @Field() @Length(1, 40) versionLabel: string;
  @Field(() => LocalDateScalar) publishedOn: string;
}

@InputType()
export class RecordQualificationInput {
  @Field(() => ID) @IsUUID() approvedQualificationId: string;
  @Field(() => LocalDateScalar, { description: 'ATS-3: not in the future.' }) certificateDate: string;
  @Field() @Length(1, 40) grade: string;
  @Field() @Length(1, 100) certificateReference: string;
  @Field({ description: 'ATS-52: the member confirms the certificate truly reflects the qualification and grade achieved; must be true.' })
  @IsBoolean()
  declaresAuthentic: boolean;
}

@InputType()
export class LogAuthenticityCheckInput {
  @Field(() => ID) @IsUUID() memberQualificationId: string;
  @Field(() => LocalDateScalar) queriedOn: string;
  @Field() @Length(1, 200) awardingBody: string;
  @Field(() => AuthenticityCheckResult) @IsEnum(AuthenticityCheckResult) result: AuthenticityCheckResult;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) notes?: string | null;
}

@InputType()
export class SubmitAtsApplicationInput {
  @Field(() => ID, { description: 'ATS-6: the current template version id.' }) @IsUUID() templateVersionId: string;
  @Field({ description: 'ATS-4: true when applying to restart.' }) @IsBoolean() isRestart: boolean;
  @Field() @Length(20, 5000) eligibilityStatement: string;
  @Field(() => [ID], { description: 'ATS-2: your recorded qualifications covering ITT, English and maths.' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  qualificationIds: string[];
}

@InputType()
export class AtsApplicationDecisionInput {
  @Field(() => AtsApplicationOutcome) @IsEnum(AtsApplicationOutcome) outcome: AtsApplicationOutcome;
  @Field() @Length(10, 5000) reasons: string;
}

@InputType()
export class AtsApplicationFilterInput {
  @Field(() => AtsApplicationStatus, { nullable: true }) @IsOptional() @IsEnum(AtsApplicationStatus) status?: AtsApplicationStatus;
  @Field({ nullable: true, description: 'true: undecided and past the decision due date (London); false: everything else.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() memberId?: string;
}
