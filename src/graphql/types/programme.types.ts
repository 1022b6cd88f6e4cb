import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsOptional, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
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
import { PARTICIPANT_STATUS_DESCRIPTIONS } from './ats-results.types';
import { Connection } from './common.types';
// The one Violation type of the error contract (extensions.violations) is also the readiness checklist's item.
import { ViolationType } from './errors.types';

registerEnumType(PaymentPlan, {
  name: 'PaymentPlan',
  description: 'ATS-15 payment plans.',
  valuesConfig: { SINGLE: { description: 'ATS-15.1: the full fee by card at registration.' }, DIRECT_DEBIT: { description: 'ATS-15.2, DEC-P1: an initial card payment, then six monthly £100 direct debits.' }, EMPLOYER_INVOICE: { description: 'ATS-15.3: an invoice the employer settles by BACS.' } },
});
registerEnumType(AttemptKind, {
  name: 'AttemptKind',
  description: 'ATS-20, 35, 48: NEW (full fee, cooling off) or the one RESTART (£50).',
  valuesConfig: { NEW: { description: 'A new participant: full fee and the ATS-20 cooling-off period.' }, RESTART: { description: 'The one restart at £50 (ATS-35, ATS-48).' } },
});
registerEnumType(ParticipantStatus, { name: 'ParticipantStatus', description: 'A participation’s state (participant-state.ts).', valuesConfig: PARTICIPANT_STATUS_DESCRIPTIONS });
registerEnumType(WithdrawalKind, {
  name: 'WithdrawalKind',
  description: 'How a participant was withdrawn.',
  valuesConfig: { COOLING_OFF: { description: 'ATS-20, DEC-P2: by the participant before issue or within 14 days of it, refunded in full.' }, PARTICIPANT_REQUEST: { description: 'ATS-44: by the participant after cooling off.' }, INELIGIBLE: { description: 'ATS-45: by SET, for not meeting the eligibility criteria.' }, DEADLINE_PASSED: { description: 'ATS-44: by the system, the deadline having passed without a submission.' }, CONDUCT: { description: 'ATS-56: by SET, as a sanction of a conduct decision (undone if an appeal overturns it).' } },
});
registerEnumType(AdjustmentStatus, {
  name: 'AdjustmentStatus',
  description: 'ATS-13: where a reasonable adjustment request stands.',
  valuesConfig: { REQUESTED: { description: 'Awaiting a decision.' }, AGREED: { description: 'Agreed, with its outcome.' }, DECLINED: { description: 'Declined.' } },
});
registerEnumType(ExtensionReason, {
  name: 'ExtensionReason',
  description: 'ATS-25: the six reasons an extension may be asked for.',
  valuesConfig: { REASONABLE_ADJUSTMENT_AGREED: { description: 'ATS-25.1: an agreed reasonable adjustment includes an extension.' }, TECHNICAL_ISSUES: { description: 'ATS-25.2: technical issues identified more than five working days before the deadline.' }, ILLNESS_OR_CARING: { description: 'Illness or caring responsibilities.' }, BEREAVEMENT: { description: 'Bereavement.' }, SERIOUS_PERSONAL_DISRUPTION: { description: 'Serious personal disruption.' }, EMPLOYMENT_CHANGE: { description: 'A change of employment.' } },
});
registerEnumType(ExtensionStatus, {
  name: 'ExtensionStatus',
  description: 'ATS-25: where an extension request stands.',
  valuesConfig: { REQUESTED: { description: 'Awaiting a decision.' }, GRANTED: { description: 'Granted: moved to a later cohort (ATS-26).' }, REFUSED: { description: 'Refused, with reasons.' }, CANCELLED: { description: 'Closed without a decision (the participant submitted or withdrew).' } },
});

@ObjectType('Cohort', { description: 'Portfolios issued together (ATS-19), one deadline (ATS-21) and one results date (ATS-28).' })
export class CohortType {
  @Field(() => ID, { description: 'The cohort’s id.' }) id: string;
  @Field({ description: 'The cohort’s name, such as 2027-10.' }) name: string;
  @Field(() => LocalDateScalar, { description: 'ATS-19: the London date portfolios are issued.' }) portfolioIssueDate: string;
  @Field(() => LocalDateScalar, { description: 'ATS-21: the London date portfolios must be submitted by (23:59:59.999 London time).' }) submissionDeadline: string;
  @Field(() => LocalDateScalar, { description: 'ATS-28: the London date provisional results are released.' }) provisionalResultsDate: string;
}

@ObjectType('RegistrationWindow', { description: 'ATS-10: registrations are taken only while a window is open; each feeds one cohort.' })
export class RegistrationWindowType {
  @Field(() => ID, { description: 'The window’s id.' }) id: string;
  @Field(() => ID, { description: 'ATS-10: the cohort this window feeds.' }) cohortId: string;
  @Field(() => LocalDateScalar, { description: 'ATS-10: first London date registrations are taken.' }) opensOn: string;
  @Field(() => LocalDateScalar, { description: 'ATS-10: last London date registrations are taken; before the cohort’s issue date.' }) closesOn: string;
}

@ObjectType('PortfolioSection', { description: 'DEC-S1: one section of a participant’s portfolio, fixed when the portfolio is issued; ATS-22 needs every section complete.' })
export class PortfolioSectionType {
  @Field(() => ID, { description: 'The section’s id.' }) id: string;
  @Field({ description: 'The section’s stable key (pass it to setPortfolioSectionComplete).' }) key: string;
  @Field({ description: 'The section’s title.' }) title: string;
  @Field(() => Int, { description: 'Its position in the portfolio (1 = first).' }) position: number;
  @Field(() => Date, { nullable: true, description: 'When the participant marked it complete, or null.' }) completedAt: Date | null;
}

@ObjectType('ReasonableAdjustment', { description: 'ATS-13: a request made during registration and its agreed outcome.' })
export class ReasonableAdjustmentType {
  @Field(() => ID, { description: 'The request’s id.' }) id: string;
  @Field(() => ID, { description: 'The participant asking.' }) participantId: string;
  @Field({ description: 'ATS-13: what the participant asked for.' }) details: string;
  @Field({ description: 'When it was asked for.' }) requestedAt: Date;
  @Field(() => AdjustmentStatus, { description: 'Where the request stands.' }) status: AdjustmentStatus;
  @Field(() => String, { nullable: true, description: 'ATS-13: the outcome recorded by staff, or null while undecided.' }) agreedOutcome: string | null;
  @Field({ description: 'ATS-25.1: the agreed adjustment includes an extension.' }) includesExtension: boolean;
  @Field(() => Date, { nullable: true, description: 'When staff decided, or null.' }) decidedAt: Date | null;
}

@ObjectType('PortfolioAccessReport', { description: 'ATS-19: a portfolio access problem; late when reported after 14 days.' })
export class PortfolioAccessReportType {
  @Field(() => ID, { description: 'The report’s id.' }) id: string;
  @Field(() => ID, { description: 'The participant reporting.' }) participantId: string;
  @Field({ description: 'The problem as described by the participant.' }) description: string;
  @Field({ description: 'When it was reported.' }) reportedAt: Date;
  @Field(() => LocalDateScalar, { description: 'The London date it was reported.' }) reportedOn: string;
  @Field({ description: 'ATS-19: reported more than 14 days after the issue date (DEC-T1); accepted but marked late.' }) late: boolean;
  @Field(() => Date, { nullable: true, description: 'When staff resolved it, or null.' }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'How it was resolved, or null.' }) resolution: string | null;
}

@ObjectType('ExtensionRequest', { description: 'ATS-25..27: a request to extend the submission deadline.' })
export class ExtensionRequestType {
  @Field(() => ID, { description: 'The request’s id.' }) id: string;
  @Field(() => ID, { description: 'The participant asking.' }) participantId: string;
  @Field(() => ExtensionReason, { description: 'ATS-25: one of the six reasons.' }) reason: ExtensionReason;
  @Field({ description: 'ATS-25: the participant’s evidence notes.' }) evidenceNotes: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-25.2: when a technical issue was identified, for TECHNICAL_ISSUES.' }) technicalIssueIdentifiedOn: string | null;
  @Field({ description: 'ATS-27: the participant says an unforeseen event prevented asking six weeks ahead.' }) preventedByUnforeseenEvent: boolean;
  @Field({ description: 'When it was asked for.' }) requestedAt: Date;
  @Field(() => LocalDateScalar, { description: 'The participant’s deadline when they asked.' }) deadlineAtRequest: string;
  @Field(() => LocalDateScalar, { description: 'ATS-27, DEC-W1: the last day of the late window for that deadline (deadline + 5 working days).' }) lateWindowClosesOn: string;
  @Field(() => ExtensionStatus, { description: 'Where the request stands.' }) status: ExtensionStatus;
  @Field(() => Date, { nullable: true, description: 'When staff decided, or null.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'ATS-25: staff’s reasons.' }) decisionReasons: string | null;
  @Field(() => ID, { nullable: true, description: 'ATS-26, DEC-W1: the later cohort a granted extension moved the participant to.' }) toCohortId: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-26: the new deadline (that cohort’s), when granted.' }) newDeadline: string | null;
}
export const ExtensionRequestConnection = Connection(ExtensionRequestType, 'ExtensionRequest');
export const CohortConnection = Connection(CohortType, 'Cohort', { totalCount: true });
export const RegistrationWindowConnection = Connection(RegistrationWindowType, 'RegistrationWindow', { totalCount: true });


@ObjectType('SubmissionReadiness', { description: 'ATS-22: every condition that still stands between the participant and submission.' })
export class SubmissionReadinessType {
  @Field({ description: 'ATS-22: every condition holds and the deadline has not passed.' }) ready: boolean;
  @Field(() => [ViolationType], { description: 'ATS-22: each condition that fails, with its rule.' }) violations: ViolationType[];
}

@ObjectType('Participant', { description: 'One attempt at ATS by a member, from registration to submission.' })
export class ParticipantType {
  @Field(() => ID, { description: 'The participant’s id (one per attempt).' }) id: string;
  @Field(() => ID, { description: 'The member making this attempt.' }) memberId: string;
  @Field(() => ID, { description: 'ATS-11: the successful application this registration used.' }) applicationId: string;
  @Field(() => AttemptKind, { description: 'ATS-20, ATS-35, ATS-48: a NEW attempt or the one RESTART.' }) attemptKind: AttemptKind;
  @Field(() => ParticipantStatus, { description: 'Where the attempt stands.' }) status: ParticipantStatus;
  @Field({ description: 'When the member registered.' }) registeredAt: Date;
  @Field(() => LocalDateScalar, { description: 'ATS-14: the London registration date, which fixed the fee.' }) registrationDate: string;
  @Field(() => Int, { description: 'ATS-14: the fee fixed at registration, in pence.' }) feePence: number;
  @Field(() => PaymentPlan, { description: 'ATS-15: the payment plan chosen.' }) paymentPlan: PaymentPlan;
  @Field(() => LocalDateScalar, { description: 'The participant’s submission deadline (the cohort’s, or a later one after an extension).' }) deadline: string;
  @Field(() => Date, { nullable: true, description: 'ATS-19: when the portfolio was issued, or null.' }) portfolioIssuedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'ATS-22: when the supporting statement was recorded, or null.' }) supportingStatementObtainedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'ATS-22: when the portfolio was recorded as shared with SET, or null.' }) sharedWithSetAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'ATS-21: when the portfolio was submitted, or null.' }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'ATS-44, ATS-45: when the participant was withdrawn, or null.' }) withdrawnAt: Date | null;
  @Field(() => WithdrawalKind, { nullable: true, description: 'How the participant was withdrawn, or null.' }) withdrawalKind: WithdrawalKind | null;
  @Field(() => String, { nullable: true, description: 'The reason given for the withdrawal, or null.' }) withdrawalReason: string | null;
}
export const ParticipantConnection = Connection(ParticipantType, 'Participant');

@InputType('PortfolioSectionInput', { description: 'DEC-S1: one section of a cohort’s portfolio.' })
export class PortfolioSectionInput {
  @Field({ description: 'A stable upper-case identifier, unique in the list (e.g. CONTEXT).' }) @Length(1, 40) key: string;
  @Field({ description: 'The title participants see.' }) @Length(1, 120) title: string;
}

@InputType({ description: 'ATS-19, ATS-21, ATS-28: a cohort’s name and dates.' })
export class CreateCohortInput {
  @Field({ description: 'The cohort’s name, such as 2027-10.' }) @Length(1, 40) name: string;
  @Field(() => LocalDateScalar, { description: 'ATS-19: the London date portfolios are issued.' }) portfolioIssueDate: string;
  @Field(() => LocalDateScalar, { description: 'ATS-21: the submission deadline, after the issue date.' }) submissionDeadline: string;
  @Field(() => LocalDateScalar, { description: 'ATS-28: the provisional results date, after the deadline.' }) provisionalResultsDate: string;
  @Field(() => [PortfolioSectionInput], { nullable: true, description: 'DEC-S1: the cohort’s portfolio sections in order; the default six when left out.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  portfolioSections?: PortfolioSectionInput[] | null;
}

@InputType('UpdateCohortInput', { description: 'DEC-E1: corrections to a cohort before its portfolio issue date; fields left out stay as they are.' })
export class UpdateCohortInput {
  @Field(() => String, { nullable: true, description: 'A new name.' }) @IsOptional() @Length(1, 40) name?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'A new portfolio issue date (after today).' }) portfolioIssueDate?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'A new submission deadline (ATS-21).' }) submissionDeadline?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'A new provisional results date (ATS-28).' }) provisionalResultsDate?: string | null;
}

@InputType('UpdateRegistrationWindowInput', { description: 'DEC-E1: corrections to a window before its cohort’s issue date; fields left out stay as they are.' })
export class UpdateRegistrationWindowInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'A new first day.' }) opensOn?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'A new last day.' }) closesOn?: string | null;
}

@ObjectType('CohortPortfolioSection', { description: 'DEC-S1: one section of a cohort’s portfolio list, copied to each participant at issue.' })
export class CohortPortfolioSectionType {
  @Field(() => ID, { description: 'The section row id.' }) id: string;
  @Field({ description: 'A stable upper-case identifier.' }) key: string;
  @Field({ description: 'The title participants see.' }) title: string;
  @Field(() => Int, { description: 'Order in the list, from 0.' }) position: number;
}

@InputType({ description: 'ATS-10: a registration window feeding one cohort.' })
export class CreateRegistrationWindowInput {
  @Field(() => ID, { description: 'ATS-10: the cohort it feeds.' }) @IsUUID() cohortId: string;
  @Field(() => LocalDateScalar, { description: 'First London date registrations are taken.' }) opensOn: string;
  @Field(() => LocalDateScalar, { description: 'Last London date registrations are taken; before the cohort’s issue date.' }) closesOn: string;
}

@InputType({ description: 'ATS-9..15: the window to register through and the payment plan.' })
export class RegisterForAtsInput {
  @Field(() => ID, { description: 'ATS-10: an open registration window.' }) @IsUUID() registrationWindowId: string;
  @Field(() => PaymentPlan, { description: 'ATS-15: SINGLE, DIRECT_DEBIT or EMPLOYER_INVOICE.' }) @IsEnum(PaymentPlan) paymentPlan: PaymentPlan;
  @Field(() => String, { nullable: true, description: 'ATS-13: any reasonable adjustment you need.' })
  @IsOptional()
  @MaxLength(5000)
  reasonableAdjustmentRequest?: string | null;
}

@InputType({ description: 'Filters for the staff list of participants; all given filters must hold.' })
export class ParticipantFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only participants in this cohort.' }) @IsOptional() @IsUUID() cohortId?: string;
  @Field(() => ParticipantStatus, { nullable: true, description: 'Only participants in this status.' }) @IsOptional() @IsEnum(ParticipantStatus) status?: ParticipantStatus;
  @Field(() => ID, { nullable: true, description: 'Only this member’s participations.' }) @IsOptional() @IsUUID() memberId?: string;
}

@InputType({ description: 'ATS-25, ATS-27: the reason for an extension request and its evidence.' })
export class ExtensionRequestInput {
  @Field(() => ExtensionReason, { description: 'ATS-25: one of the six reasons.' }) @IsEnum(ExtensionReason) reason: ExtensionReason;
  @Field({ description: 'ATS-25: the evidence, in words.' }) @Length(10, 5000) evidenceNotes: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-25.2: when the technical issue was identified.' })
  @IsOptional()
  technicalIssueIdentifiedOn?: string | null;
  @Field({ nullable: true, description: 'ATS-27: the same unforeseen event prevented a request six weeks ahead.' })
  @IsOptional()
  @IsBoolean()
  preventedByUnforeseenEvent?: boolean;
}

@InputType({ description: 'ATS-13, ATS-25.1: staff’s decision on a reasonable adjustment request.' })
export class AdjustmentDecisionInput {
  @Field({ description: 'true agrees the adjustment; false declines it.' }) @IsBoolean() agree: boolean;
  @Field({ description: 'ATS-13: the outcome recorded, told to the participant.' }) @Length(5, 5000) outcome: string;
  @Field({ defaultValue: false, description: 'ATS-25.1: the agreed adjustment includes an extension.' }) @IsBoolean() includesExtension: boolean;
}
