import { IsEnum, IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { VivaOutcome } from '../../domain/ats/award/award.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

registerEnumType(VivaOutcome, {
  name: 'VivaOutcome',
  description: 'DEC-V1: a VIVA’s outcome.',
  valuesConfig: {
    PASSED: { description: 'Passed: with the portfolio passed, ATS is awarded at once (ATS-40).' },
    RE_VIVA_REQUIRED: { description: 'ATS-38: first VIVA only; the one final re-VIVA follows.' },
    NOT_PASSED: { description: 'Not passed: the attempt ends as not awarded, with reasons.' },
  },
});

@ObjectType('Viva', { description: 'ATS-37, 38, DEC-V1: an online VIVA. Its content is confidential (ATS-39).' })
export class VivaType {
  @Field(() => ID, { description: 'The VIVA’s id.' }) id: string;
  @Field(() => ID, { description: 'The participation.' }) participantId: string;
  @Field({ description: '1 = the VIVA, 2 = the one re-VIVA (ATS-38).' }) attemptNumber: number;
  @Field({ description: 'When it takes place.' }) scheduledAt: Date;
  @Field({ description: 'The online meeting link.' }) meetingLink: string;
  @Field({ description: 'How many times it has been rescheduled.' }) rescheduleCount: number;
  @Field(() => VivaOutcome, { nullable: true, description: 'The outcome, once recorded.' }) outcome: VivaOutcome | null;
  @Field(() => String, { nullable: true, description: 'RE_VIVA_REQUIRED: what further information is needed.' }) furtherInformationNeeded: string | null;
  @Field(() => String, { nullable: true, description: 'NOT_PASSED: the reasons.' }) reasons: string | null;
  @Field(() => Date, { nullable: true, description: 'COP-7: set when an upheld appeal voided this VIVA.' }) voidedAt: Date | null;
}

@ObjectType('AtsAward', { description: 'ATS-40: an award of ATS, with the formal documents’ eight-week clock (ATS-42).' })
export class AtsAwardType {
  @Field(() => ID, { description: 'The award’s id.' }) id: string;
  @Field(() => ID, { description: 'The participation awarded.' }) participantId: string;
  @Field(() => ID, { description: 'The holder.' }) memberId: string;
  @Field(() => ID, { description: 'The professional status row it created or renewed.' }) professionalStatusId: string;
  @Field(() => LocalDateScalar, { description: 'The award date.' }) awardedOn: string;
  @Field(() => LocalDateScalar, { description: 'ATS-42: formal documents due (award + 56 days).' }) formalDocumentsDueOn: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'When the formal documents were sent.' }) formalDocumentsSentOn: string | null;
}
export const AtsAwardConnection = Connection(AtsAwardType, 'AtsAward');

@ObjectType('Certificate', { description: 'ATS-42, DEC-C1: the one digital certificate of an award, made once and stored.' })
export class CertificateType {
  @Field(() => ID, { description: 'The certificate’s id.' }) id: string;
  @Field(() => ID, { description: 'The award it certifies.' }) awardId: string;
  @Field({ description: 'The holder’s name as printed.' }) holderName: string;
  @Field({ description: 'The membership number as printed.' }) membershipNumber: string;
  @Field({ description: 'The status title (ATS).' }) title: string;
  @Field(() => LocalDateScalar, { description: 'The award date as printed.' }) awardedOn: string;
  @Field({ description: 'The verification code anyone can check with verifyCertificate.' }) verificationCode: string;
  @Field({ description: 'When the certificate was made.' }) issuedAt: Date;
}

@ObjectType('CertificateVerification', { description: 'DEC-C1: the public answer about a verification code: nothing else about the holder.' })
export class CertificateVerificationType {
  @Field({ description: 'True when the code belongs to a certificate SET issued.' }) genuine: boolean;
  @Field(() => String, { nullable: true, description: 'The title certified (ATS); null when not genuine.' }) title: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether that status is listed on the register today (ATS-41, ATS-50, DEC-G2); null when not genuine.' }) current: boolean | null;
}

@ObjectType('SignedLink', { description: 'ATS-53: a short-lived signed link to the ePortfolio platform’s export.' })
export class SignedLinkType {
  @Field({ description: 'The link (HMAC-SHA256 over participant id and expiry).' }) url: string;
  @Field({ description: 'When the link stops working.' }) expiresAt: Date;
}

@InputType({ description: 'DEC-V1: when and where the online VIVA takes place.' })
export class VivaSlotInput {
  @Field(() => LocalDateScalar, { description: 'The London date.' }) date: string;
  @Field({ description: 'London time, HH:MM (24-hour).' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/) time: string;
  @Field({ description: 'The online meeting link (https://).' }) @MaxLength(500) @Matches(/^https:\/\/\S+$/) meetingLink: string;
}

@InputType({ description: 'DEC-V1: a VIVA’s outcome.' })
export class VivaOutcomeInput {
  @Field(() => VivaOutcome, { description: 'The outcome.' }) @IsEnum(VivaOutcome) outcome: VivaOutcome;
  @Field(() => String, { nullable: true, description: 'RE_VIVA_REQUIRED: what further information is needed (ATS-38).' })
  @IsOptional()
  @MaxLength(5000)
  furtherInformationNeeded?: string | null;
  @Field(() => String, { nullable: true, description: 'NOT_PASSED: the reasons (DEC-V1).' })
  @IsOptional()
  @MaxLength(5000)
  reasons?: string | null;
}

