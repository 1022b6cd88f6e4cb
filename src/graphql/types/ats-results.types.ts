import { IsBoolean, IsEnum, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ParticipantStatus } from '../../domain/ats/programme/programme.enums';
import { AssessmentOutcome, ObjectionStatus, ResubmissionOverdueKind, SubmissionRound } from '../../domain/ats/results/results.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

registerEnumType(AssessmentOutcome, {
  name: 'AssessmentOutcome',
  description: 'ATS-28..31, 34: the outcome recorded for a submission.',
  valuesConfig: {
    PROVISIONALLY_AWARDED: { description: 'The portfolio passes; a VIVA follows (ATS-37).' },
    CRITERIA_NOT_MET: { description: 'ATS-30, 31: feedback and an individual resubmission deadline (first submission only).' },
    RESTART_REQUIRED: { description: 'ATS-33, 34: significant areas for development; the participant must reapply to restart.' },
  },
});
registerEnumType(SubmissionRound, {
  name: 'SubmissionRound',
  description: 'Which submission an outcome is for.',
  valuesConfig: { FIRST: { description: 'The portfolio submitted by the deadline.' }, RESUBMISSION: { description: 'ATS-31: the resubmission after CRITERIA_NOT_MET.' } },
});
registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: 'ATS-36: an objection’s state under the Objections Policy.',
  valuesConfig: {
    RECEIVED: { description: 'Received, not yet under review.' },
    UNDER_REVIEW: { description: 'Being reviewed by staff.' },
    UPHELD: { description: 'Upheld with reasons: staff may record a new outcome.' },
    NOT_UPHELD: { description: 'Not upheld, with reasons: the decision stands.' },
  },
});
registerEnumType(ResubmissionOverdueKind, {
  name: 'ResubmissionOverdueKind',
  description: 'ATS-31: which deadline of a resubmission is overdue.',
  valuesConfig: { REVIEW: { description: 'Not reviewed within six weeks (42 days).' }, FEEDBACK: { description: 'No feedback within eight weeks (56 days).' } },
});

/** Descriptions of the participant states added by issue 9, for the ParticipantStatus enum's valuesConfig. */
export const PARTICIPANT_STATUS_DESCRIPTIONS: Record<ParticipantStatus, { description: string }> = {
  REGISTERED: { description: 'Registered; the portfolio is not yet issued (ATS-12).' },
  PORTFOLIO_ISSUED: { description: 'Portfolio issued; working towards submission (ATS-19..22).' },
  SUBMITTED: { description: 'Submitted; awaiting assessment (ATS-28).' },
  ASSESSED: { description: 'DEC-O1: outcome recorded but not yet released (members see SUBMITTED).' },
  PROVISIONALLY_AWARDED: { description: 'Released: provisionally awarded; a VIVA follows (ATS-37).' },
  CRITERIA_NOT_MET: { description: 'Released: criteria not met; resubmit by the individual deadline (ATS-30, 31).' },
  RESUBMITTED: { description: 'ATS-31: resubmitted; review due in 42 days, feedback in 56.' },
  RESTART_REQUIRED: { description: 'ATS-32..34: the attempt ended; reapply to restart. Final.' },
  VIVA_SCHEDULED: { description: 'ATS-37, DEC-V1: a VIVA (or the re-VIVA) is scheduled.' },
  RE_VIVA_REQUIRED: { description: 'ATS-38: the one re-VIVA is needed; awaiting scheduling.' },
  AWARDED: { description: 'ATS-40: awarded ATS. Final.' },
  NOT_AWARDED: { description: 'DEC-V1: the final VIVA was not passed; not awarded (appealable, COP-7). Final.' },
  WITHDRAWN: { description: 'ATS-20, 32, 44, 45: withdrawn. Final.' },
};

@ObjectType('AssessmentResult', { description: 'ATS-28..31, 34: an outcome recorded for a submission. Members see it only once released (DEC-O1).' })
export class AssessmentResultType {
  @Field(() => ID, { description: 'The outcome’s id.' }) id: string;
  @Field(() => ID, { description: 'The participation assessed.' }) participantId: string;
  @Field(() => SubmissionRound, { description: 'First submission or resubmission.' }) round: SubmissionRound;
  @Field(() => AssessmentOutcome, { description: 'The outcome.' }) outcome: AssessmentOutcome;
  @Field(() => String, { nullable: true, description: 'ATS-30: feedback for the participant.' }) feedback: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-31: the individual resubmission deadline (CRITERIA_NOT_MET).' }) resubmissionDeadline: string | null;
  @Field({ description: 'When the assessor recorded it.' }) recordedAt: Date;
  @Field(() => Date, { nullable: true, description: 'DEC-O1: when it was released to the participant; null until then.' }) releasedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'ATS-36: set when replaced after an upheld objection (or corrected before release).' }) supersededAt: Date | null;
}

@ObjectType('Resubmission', { description: 'ATS-31: a resubmission, reviewed within six weeks with feedback within eight.' })
export class ResubmissionType {
  @Field(() => ID, { description: 'The resubmission’s id.' }) id: string;
  @Field(() => ID, { description: 'The participation.' }) participantId: string;
  @Field({ description: 'When it was resubmitted.' }) submittedAt: Date;
  @Field(() => LocalDateScalar, { description: 'The individual deadline it met.' }) deadline: string;
  @Field(() => LocalDateScalar, { description: 'ATS-31: review due (resubmission + 42 days).' }) reviewDueOn: string;
  @Field(() => LocalDateScalar, { description: 'ATS-31: feedback due (resubmission + 56 days).' }) feedbackDueOn: string;
  @Field(() => Date, { nullable: true, description: 'When its outcome (with feedback) was recorded.' }) reviewedAt: Date | null;
}
export const ResubmissionConnection = Connection(ResubmissionType, 'Resubmission');

@ObjectType('Objection', { description: 'ATS-36: an objection to a decision not to provisionally award.' })
export class ObjectionType {
  @Field(() => ID, { description: 'The objection’s id.' }) id: string;
  @Field(() => ID, { description: 'The participation.' }) participantId: string;
  @Field(() => ID, { description: 'The outcome objected to.' }) outcomeId: string;
  @Field({ description: 'The participant’s grounds.' }) grounds: string;
  @Field(() => ObjectionStatus, { description: 'Where the objection stands.' }) status: ObjectionStatus;
  @Field({ description: 'When it was received.' }) receivedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When review started.' }) reviewStartedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was decided.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The reasons for the decision.' }) reasons: string | null;
  @Field(() => Date, { nullable: true, description: 'UPHELD: when the new outcome was recorded.' }) newOutcomeRecordedAt: Date | null;
}
export const ObjectionConnection = Connection(ObjectionType, 'Objection');

@InputType({ description: 'ATS-28..31, 34: the outcome to record.' })
export class RecordOutcomeInput {
  @Field(() => AssessmentOutcome, { description: 'The outcome.' }) @IsEnum(AssessmentOutcome) outcome: AssessmentOutcome;
  @Field(() => String, { nullable: true, description: 'ATS-30: feedback; required unless PROVISIONALLY_AWARDED.' })
  @IsOptional()
  @MaxLength(20000)
  feedback?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-31: CRITERIA_NOT_MET only; after the release date.' })
  @IsOptional()
  resubmissionDeadline?: string | null;
}

@InputType({ description: 'ATS-36: the decision on an objection.' })
export class DecideObjectionInput {
  @Field({ description: 'True to uphold the objection.' }) @IsBoolean() upheld: boolean;
  @Field({ description: 'The reasons.' }) @Length(5, 5000) reasons: string;
}
