import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PaymentPlan } from '../../domain/ats/programme/programme.enums';
import { InvoiceStatus, PaymentChannel, ScheduleItemKind, ScheduleItemStatus } from '../../domain/payments/payment.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

// PaymentPlan and AttemptKind belong to the programme area; registering the same enum object again is harmless
// (type-graphql keys enums by object), so this file does not depend on the programme's types being loaded.
registerEnumType(PaymentChannel, { name: 'PaymentChannel', description: 'ATS-16: ONLINE and PHONE are card payments; DIRECT_DEBIT collects instalments; BACS settles an invoice.' });
registerEnumType(ScheduleItemKind, { name: 'ScheduleItemKind' });
registerEnumType(ScheduleItemStatus, { name: 'ScheduleItemStatus' });
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

/** Money in the API is integer pence (GBP, VAT exempt). */
const PENCE = { description: 'Integer pence, GBP, VAT exempt.' };

@ObjectType('ProgrammeFee', { description: 'ATS-14: a published programme fee; it applies to registrations from one month after publication.' })
export class ProgrammeFeeType {
  @Field(() => ID) id: string;
  @Field(() => Int, PENCE) amountPence: number;
  @Field(() => LocalDateScalar) publishedOn: string;
}

@ObjectType('ScheduleItem', { description: 'ATS-15 / DEC-P1: an amount due on a date under the participant’s plan.' })
export class ScheduleItemType {
  @Field(() => ID) id: string;
  @Field(() => Int) sequence: number;
  @Field(() => ScheduleItemKind) kind: ScheduleItemKind;
  @Field(() => Int, PENCE) amountPence: number;
  @Field(() => Int, PENCE) paidPence: number;
  @Field(() => LocalDateScalar) dueOn: string;
  @Field(() => ScheduleItemStatus) status: ScheduleItemStatus;
  @Field(() => ID, { nullable: true }) invoiceId: string | null;
  @Field(() => Date, { nullable: true }) paidAt: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
}

@ObjectType('Invoice', { description: 'ATS-15.3: an invoice addressed to the participant, for their employer to settle by BACS.' })
export class InvoiceType {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => ID) participantId: string;
  @Field(() => ID, { description: 'The participant the invoice is addressed to.' }) memberId: string;
  @Field(() => String, { nullable: true }) employerName: string | null;
  @Field(() => Int, PENCE) amountPence: number;
  @Field(() => LocalDateScalar) issuedOn: string;
  @Field(() => LocalDateScalar) dueOn: string;
  @Field(() => InvoiceStatus) status: InvoiceStatus;
  @Field(() => Date, { nullable: true }) settledAt: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
}

@ObjectType('PaymentAllocation', { description: 'The part of a payment that went to one schedule item.' })
export class PaymentAllocationType {
  @Field(() => ID) scheduleItemId: string;
  @Field(() => Int, PENCE) amountPence: number;
}

@ObjectType('Payment', { description: 'ATS-16: a payment received, recorded once per idempotency key and confirmed by email.' })
export class PaymentType {
  @Field(() => ID) id: string;
  @Field() idempotencyKey: string;
  @Field(() => ID) participantId: string;
  @Field(() => ID) memberId: string;
  @Field(() => Int, PENCE) amountPence: number;
  @Field(() => PaymentChannel) channel: PaymentChannel;
  @Field() providerReference: string;
  @Field(() => ID, { nullable: true }) invoiceId: string | null;
  @Field() receivedAt: Date;
  @Field() recordedByRole: string;
}

@ObjectType('Refund', { description: 'ATS-20 / DEC-P2: money returned to the participant.' })
export class RefundType {
  @Field(() => ID) id: string;
  @Field(() => Int, PENCE) amountPence: number;
  @Field() reason: string;
  @Field() refundedAt: Date;
}

@ObjectType('ParticipantBalance', { description: 'A participant’s fee account. Members see only their own (ATS-57); staff reads are audited.' })
export class ParticipantBalanceType {
  @Field(() => ID) participantId: string;
  @Field(() => ID) memberId: string;
  @Field(() => PaymentPlan) plan: PaymentPlan;
  @Field(() => LocalDateScalar) registrationDate: string;
  @Field(() => String, { nullable: true }) employerName: string | null;
  @Field(() => Int, { description: 'ATS-14: the charge fixed at registration, in pence.' }) chargedPence: number;
  @Field(() => Int, PENCE) paidPence: number;
  @Field(() => Int, PENCE) refundedPence: number;
  @Field(() => Int, { description: 'Owed amounts cancelled on a cooling-off withdrawal (ATS-20), in pence.' }) cancelledPence: number;
  @Field(() => Int, PENCE) outstandingPence: number;
  @Field({ description: 'ATS-22: nothing is outstanding.' }) paidInFull: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-17: the full balance is due six months after the portfolio issue date.' }) balanceDueOn: string | null;
  @Field({ description: 'ATS-17: a balance still open after its due date.' }) overdue: boolean;
  @Field(() => Date, { nullable: true, description: 'ATS-20 / DEC-P2: when the account was refunded and closed.' }) cancelledAt: Date | null;
  @Field(() => [ScheduleItemType]) items: ScheduleItemType[];
  @Field(() => [PaymentType]) payments: PaymentType[];
  @Field(() => [RefundType]) refunds: RefundType[];
  @Field(() => [InvoiceType]) invoices: InvoiceType[];
}

@ObjectType('OverdueBalance', { description: 'ATS-17: a participant whose balance is still open after it fell due.' })
export class OverdueBalanceType {
  @Field(() => ID) participantId: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) cohortId: string;
  @Field() cohortName: string;
  @Field(() => LocalDateScalar) portfolioIssueDate: string;
  @Field(() => LocalDateScalar) balanceDueOn: string;
  @Field(() => Int, PENCE) outstandingPence: number;
  @Field(() => Int) daysOverdue: number;
}
export const OverdueBalanceConnection = Connection(OverdueBalanceType, 'OverdueBalance');

@InputType()
export class PublishProgrammeFeeInput {
  @Field(() => Int, PENCE) @IsInt() @Min(1) @Max(10_000_000) amountPence: number;
  @Field(() => LocalDateScalar, { description: 'ATS-14: the fee applies to registrations from one month after this date.' }) publishedOn: string;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) @IsUUID() participantId: string;
  @Field(() => Int, PENCE) @IsInt() @Min(1) @Max(10_000_000) amountPence: number;
  @Field(() => PaymentChannel) @IsEnum(PaymentChannel) channel: PaymentChannel;
  @Field({ description: 'Client-generated and unique per payment: sending it again returns the original payment.' })
  @Matches(/^[\w.:-]{8,100}$/)
  idempotencyKey: string;
  @Field({ description: 'Card processor confirmation, direct-debit collection reference or BACS remittance reference.' }) @Length(1, 100) providerReference: string;
  @Field(() => String, { nullable: true, description: 'Settle this invoice (BACS).' }) @IsOptional() @Length(1, 20) invoiceNumber?: string | null;
  @Field(() => ID, { nullable: true, description: 'Settle this schedule item.' }) @IsOptional() @IsUUID() scheduleItemId?: string | null;
}

@InputType({ description: 'A member’s own online card payment; the provider reference stands for the card processor’s confirmation.' })
export class RecordMyOnlinePaymentInput {
  @Field(() => ID) @IsUUID() participantId: string;
  @Field(() => Int, PENCE) @IsInt() @Min(1) @Max(10_000_000) amountPence: number;
  @Field({ description: 'Client-generated and unique per payment: sending it again returns the original payment.' })
  @Matches(/^[\w.:-]{8,100}$/)
  idempotencyKey: string;
  @Field() @Length(1, 100) providerReference: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() scheduleItemId?: string | null;
}
