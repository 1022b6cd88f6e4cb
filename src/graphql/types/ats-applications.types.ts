import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AtsApplicationOutcome, AtsApplicationStatus, AuthenticityCheckResult, QualificationList } from '../../domain/ats/applications/application.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

registerEnumType(QualificationList, {
  name: 'QualificationList',
  description: "ATS-2: SET's approved lists for Initial Teacher Training, English and maths.",
  valuesConfig: { ITT: { description: 'Initial Teacher Training qualifications.' }, ENGLISH: { description: 'English qualifications.' }, MATHS: { description: 'Maths qualifications.' } },
});
registerEnumType(AtsApplicationStatus, {
  name: 'AtsApplicationStatus',
  description: 'ATS-7: where an ATS application stands.',
  valuesConfig: { SUBMITTED: { description: 'Awaiting a decision (due within eight weeks).' }, SUCCESSFUL: { description: 'Successful: may be used to register (ATS-11).' }, UNSUCCESSFUL: { description: 'Unsuccessful: one final resubmission is allowed (ATS-7).' } },
});
registerEnumType(AtsApplicationOutcome, {
  name: 'AtsApplicationOutcome',
  description: 'ATS-7: the decision on an ATS application.',
  valuesConfig: { SUCCESSFUL: { description: 'The applicant may register.' }, UNSUCCESSFUL: { description: 'The applicant may resubmit once.' } },
});
registerEnumType(AuthenticityCheckResult, {
  name: 'AuthenticityCheckResult',
  description: 'ATS-52: the result of checking a certificate with its awarding body.',
  valuesConfig: { PENDING: { description: 'Asked; no answer yet.' }, VERIFIED: { description: 'The awarding body confirmed the certificate.' }, NOT_VERIFIED: { description: 'The awarding body could not confirm it.' } },
});

@ObjectType('ApprovedQualification', { description: "ATS-2: a qualification on one of SET's approved lists." })
export class ApprovedQualificationType {
  @Field(() => ID, { description: 'The entry’s id.' }) id: string;
  @Field(() => QualificationList, { description: 'ATS-2: the approved list it is on.' }) list: QualificationList;
  @Field({ description: 'The qualification’s title.' }) title: string;
  @Field({ description: 'The body that awards it.' }) awardingBody: string;
  @Field({ description: 'Its level (for example 5).' }) level: string;
  @Field({ description: 'Inactive entries no longer satisfy ATS-2.' }) active: boolean;
}

@ObjectType('AtsApplicationTemplateVersion', { description: 'ATS-6: a version of the official application template.' })
export class AtsApplicationTemplateVersionType {
  @Field(() => ID, { description: 'The template version’s id.' }) id: string;
  @Field({ description: 'The version label, such as 2027.1.' }) versionLabel: string;
  @Field(() => LocalDateScalar, { description: 'ATS-6: the London date from which this version is current.' }) publishedOn: string;
  @Field({ description: 'The latest version published on or before today; the only one applications are accepted on.' }) isCurrent: boolean;
}

@ObjectType('MemberQualification', { description: 'A qualification a member holds (ATS-2, ATS-3). Staff notes on checks are not shown here.' })
export class MemberQualificationType {
  @Field(() => ID, { description: 'The member qualification’s id.' }) id: string;
  @Field(() => ID, { description: 'The member who holds it.' }) memberId: string;
  @Field(() => ID, { description: 'ATS-2: the approved qualification it is for.' }) approvedQualificationId: string;
  @Field(() => ApprovedQualificationType, { nullable: true, description: 'ATS-2: the approved qualification it is for, or null if that entry is gone.' }) approvedQualification: ApprovedQualificationType | null;
  @Field(() => LocalDateScalar, { description: 'ATS-3: not accepted if after the portfolio issue date.' }) certificateDate: string;
  @Field({ description: 'The grade awarded, as on the certificate.' }) grade: string;
  @Field({ description: 'The certificate’s reference number.' }) certificateReference: string;
  @Field({ description: 'ATS-52: when the member confirmed the certificate is a true reflection of the qualification and grade.' }) declaredAuthenticAt: Date;
  @Field(() => AuthenticityCheckResult, { nullable: true, description: 'ATS-52: the latest check with the awarding body, or null when never checked.' })
  authenticityStatus: AuthenticityCheckResult | null;
  @Field({ description: 'When the member recorded it.' }) createdAt: Date;
}

@ObjectType('QualificationAuthenticityCheck', { description: 'ATS-52 (staff only): a query to an awarding body about a certificate.' })
export class QualificationAuthenticityCheckType {
  @Field(() => ID, { description: 'The check’s id.' }) id: string;
  @Field(() => ID, { description: 'The member qualification being checked.' }) memberQualificationId: string;
  @Field(() => ID, { description: 'The member who holds the qualification.' }) memberId: string;
  @Field(() => LocalDateScalar, { description: 'ATS-52: the London date the awarding body was asked.' }) queriedOn: string;
  @Field({ description: 'The awarding body asked.' }) awardingBody: string;
  @Field(() => AuthenticityCheckResult, { description: 'ATS-52: the answer so far.' }) result: AuthenticityCheckResult;
  @Field(() => String, { nullable: true, description: 'Staff notes (never shown to the member).' }) notes: string | null;
  @Field({ description: 'The staff user who logged the check.' }) recordedBy: string;
  @Field({ description: 'When the check was logged.' }) recordedAt: Date;
  @Field({ description: 'When the check was last changed (the result recorded).' }) updatedAt: Date;
}

@ObjectType('AtsApplication', { description: 'ATS-4..8: an application to undertake professional development leading to ATS.' })
export class AtsApplicationType {
  @Field(() => ID, { description: 'The application’s id.' }) id: string;
  @Field({ description: 'The reference quoted to the applicant.' }) reference: string;
  @Field(() => ID, { description: 'The applicant (a member).' }) memberId: string;
  @Field(() => ID, { description: 'ATS-6: the template version the form was completed on.' }) templateVersionId: string;
  @Field({ description: 'ATS-4: the applicant is restarting.' }) isRestart: boolean;
  @Field({ description: 'The applicant’s statement of eligibility.' }) eligibilityStatement: string;
  @Field(() => [ID], { description: 'ATS-2: the member qualifications relied on.' }) qualificationIds: string[];
  @Field(() => AtsApplicationStatus, { description: 'ATS-7: where the application stands.' }) status: AtsApplicationStatus;
  @Field({ description: 'When it was submitted.' }) submittedAt: Date;
  @Field(() => LocalDateScalar, { description: 'ATS-5: the London date it was submitted (1 April to 31 August).' }) submittedOn: string;
  @Field(() => LocalDateScalar, { description: 'ATS-7, ATS-8: submitted date + 56 days.' }) decisionDueOn: string;
  @Field(() => Date, { nullable: true, description: 'When it was decided, or null while undecided.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'ATS-7: the reasons given with the decision.' }) decisionReasons: string | null;
  @Field(() => ID, { nullable: true, description: 'ATS-7: the unsuccessful application this one resubmits.' }) resubmissionOfId: string | null;
  @Field(() => ID, { nullable: true, description: 'ATS-11: the participant whose registration used this application.' }) usedByParticipantId: string | null;
  @Field(() => Date, { nullable: true, description: 'ATS-11: when a registration used this application, or null while unused.' }) usedForRegistrationAt: Date | null;
}

export const AtsApplicationConnection = Connection(AtsApplicationType, 'AtsApplication');
export const ApprovedQualificationConnection = Connection(ApprovedQualificationType, 'ApprovedQualification', { totalCount: true });
export const MemberQualificationConnection = Connection(MemberQualificationType, 'MemberQualification', { totalCount: true });

@InputType({ description: 'ATS-2: a qualification to add to one of SET’s approved lists.' })
export class ApprovedQualificationInput {
  @Field(() => QualificationList, { description: 'ATS-2: the approved list to add it to.' }) @IsEnum(QualificationList) list: QualificationList;
  @Field({ description: 'The qualification’s title.' }) @Length(1, 200) title: string;
  @Field({ description: 'The body that awards it.' }) @Length(1, 200) awardingBody: string;
  @Field({ description: 'Its level (for example 5).' }) @Length(1, 40) level: string;
}

@InputType({ description: 'ATS-2: corrections to an approved qualification; omitted fields stay as they are.' })
export class UpdateApprovedQualificationInput {
  @Field({ nullable: true, description: 'New title.' }) @IsOptional() @Length(1, 200) title?: string;
  @Field({ nullable: true, description: 'New awarding body.' }) @IsOptional() @Length(1, 200) awardingBody?: string;
  @Field({ nullable: true, description: 'New level.' }) @IsOptional() @Length(1, 40) level?: string;
  @Field({ nullable: true, description: 'false deactivates the entry: it no longer satisfies ATS-2.' }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType({ description: 'ATS-6: a new version of the ATS application template.' })
export class PublishAtsApplicationTemplateVersionInput {
  @Field({ description: 'The version label, such as 2027.1.' }) @Length(1, 40) versionLabel: string;
  @Field(() => LocalDateScalar, { description: 'ATS-6: the London date from which it is the current version.' }) publishedOn: string;
}

@InputType({ description: 'ATS-2, ATS-3, ATS-52: a certificate the member holds for an approved qualification.' })
export class RecordQualificationInput {
  @Field(() => ID, { description: 'ATS-2: the approved qualification the certificate is for.' }) @IsUUID() approvedQualificationId: string;
  @Field(() => LocalDateScalar, { description: 'ATS-3: not in the future.' }) certificateDate: string;
  @Field({ description: 'The grade on the certificate.' }) @Length(1, 40) grade: string;
  @Field({ description: 'The certificate’s reference number.' }) @Length(1, 100) certificateReference: string;
  @Field({ description: 'ATS-52: the member confirms the certificate truly reflects the qualification and grade achieved; must be true.' })
  @IsBoolean()
  declaresAuthentic: boolean;
}

@InputType({ description: 'ATS-52: a query made to an awarding body about a member’s certificate.' })
export class LogAuthenticityCheckInput {
  @Field(() => ID, { description: 'The member qualification queried.' }) @IsUUID() memberQualificationId: string;
  @Field(() => LocalDateScalar, { description: 'ATS-52: the London date the awarding body was asked.' }) queriedOn: string;
  @Field({ description: 'The awarding body asked.' }) @Length(1, 200) awardingBody: string;
  @Field(() => AuthenticityCheckResult, { description: 'ATS-52: the answer so far (PENDING until it replies).' }) @IsEnum(AuthenticityCheckResult) result: AuthenticityCheckResult;
  @Field(() => String, { nullable: true, description: 'Staff notes (never shown to the member).' }) @IsOptional() @MaxLength(5000) notes?: string | null;
}

@InputType({ description: 'ATS-2, ATS-4..6: an ATS application on the current template.' })
export class SubmitAtsApplicationInput {
  @Field(() => ID, { description: 'ATS-6: the current template version id.' }) @IsUUID() templateVersionId: string;
  @Field({ description: 'ATS-4: true when applying to restart.' }) @IsBoolean() isRestart: boolean;
  @Field({ description: 'The applicant’s statement of eligibility.' }) @Length(20, 5000) eligibilityStatement: string;
  @Field(() => [ID], { description: 'ATS-2: your recorded qualifications covering ITT, English and maths.' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  qualificationIds: string[];
}

@InputType({ description: 'ATS-7, ATS-8: the decision on an ATS application, with reasons sent to the applicant.' })
export class AtsApplicationDecisionInput {
  @Field(() => AtsApplicationOutcome, { description: 'ATS-7: SUCCESSFUL or UNSUCCESSFUL.' }) @IsEnum(AtsApplicationOutcome) outcome: AtsApplicationOutcome;
  @Field({ description: 'ATS-7: the reasons, emailed to the applicant.' }) @Length(10, 5000) reasons: string;
}

@InputType({ description: 'Filters for the staff list of ATS applications; all given filters must hold.' })
export class AtsApplicationFilterInput {
  @Field(() => AtsApplicationStatus, { nullable: true, description: 'Only applications in this status.' }) @IsOptional() @IsEnum(AtsApplicationStatus) status?: AtsApplicationStatus;
  @Field({ nullable: true, description: 'true: undecided and past the decision due date (London); false: everything else.' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
  @Field(() => ID, { nullable: true, description: 'Only this member’s applications.' }) @IsOptional() @IsUUID() memberId?: string;
}
