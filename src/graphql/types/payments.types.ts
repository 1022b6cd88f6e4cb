import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PaymentPlan } from '../../domain/ats/programme/programme.enums';
import { InvoiceStatus, PaymentChannel, ScheduleItemKind, ScheduleItemStatus } from '../../domain/payments/payment.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

// PaymentPlan and AttemptKind belong to the programme area; registering the same enum object again is harmless
// (type-graphql keys enums by object), so this file does not depend on the programme's types being loaded.
registerEnumType(PaymentChannel, {
  name: 'PaymentChannel',
  description: 'ATS-16: ONLINE and PHONE are card payments; DIRECT_DEBIT collects instalments; BACS settles an invoice.',
  valuesConfig: { ONLINE: { description: 'Card, online.' }, PHONE: { description: 'Card, by phone.' }, DIRECT_DEBIT: { description: 'A direct-debit collection.' }, BACS: { description: 'A bank transfer settling an invoice.' } },
});
registerEnumType(ScheduleItemKind, {
  name: 'ScheduleItemKind',
  description: 'ATS-15: what a scheduled amount is.',
  valuesConfig: { FULL_PAYMENT: { description: 'The whole fee (SINGLE plan).' }, INITIAL_PAYMENT: { description: 'The card payment at registration (DIRECT_DEBIT plan).' }, DIRECT_DEBIT_INSTALMENT: { description: 'One of the six monthly £100 instalments (DEC-P1).' }, INVOICE: { description: 'The invoiced fee (EMPLOYER_INVOICE plan).' } },
});
registerEnumType(ScheduleItemStatus, {
  name: 'ScheduleItemStatus',
  description: 'Whether a scheduled amount is still owed.',
  valuesConfig: { PENDING: { description: 'Still owed (in full or in part).' }, PAID: { description: 'Paid in full.' }, CANCELLED: { description: 'Cancelled (ATS-20 cooling-off withdrawal).' } },
});
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice stands.',
  valuesConfig: { OPEN: { description: 'Not yet settled.' }, SETTLED: { description: 'Paid by the employer.' }, CANCELLED: { description: 'Cancelled (ATS-20).' } },
});

/** Money in the API is integer pence (GBP, VAT exempt). */
const PENCE = { description: 'Integer pence, GBP, VAT exempt.' };

@ObjectType('ProgrammeFee', { description: 'ATS-14: a published programme fee; it applies to registrations from one month after publication.' })
export class ProgrammeFeeType {
  @Field(() => ID, { description: 'The fee’s id.' }) id: string;
  @Field(() => Int, PENCE) amountPence: number;
  @Field(() => LocalDateScalar, { description: 'ATS-14: the London date the fee was published.' }) publishedOn: string;
}

@ObjectType('ScheduleItem', { description: 'ATS-15 / DEC-P1: an amount due on a date under the participant’s plan.' })
export class ScheduleItemType {
  @Field(() => ID, { description: 'The schedule item’s id.' }) id: string;
  @Field(() => Int, { description: 'Its position in the schedule (1 = due first).' }) sequence: number;
  @Field(() => ScheduleItemKind, { description: 'ATS-15: what the amount is.' }) kind: ScheduleItemKind;
  @Field(() => Int, PENCE) amountPence: number;
  @Field(() => Int, PENCE) paidPence: number;
  @Field(() => LocalDateScalar, { description: 'DEC-P1: the London date it is due.' }) dueOn: string;
  @Field(() => ScheduleItemStatus, { description: 'Whether it is still owed.' }) status: ScheduleItemStatus;
  @Field(() => ID, { nullable: true, description: 'The invoice this item is billed on (EMPLOYER_INVOICE plan), or null.' }) invoiceId: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was paid in full, or null.' }) paidAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'ATS-20: when it was cancelled (cooling-off withdrawal), or null.' }) cancelledAt: Date | null;
}

@ObjectType('Invoice', { description: 'ATS-15.3: an invoice addressed to the participant, for their employer to settle by BACS.' })
export class InvoiceType {
  @Field(() => ID, { description: 'The invoice’s id.' }) id: string;
  @Field({ description: 'The invoice number quoted on a BACS remittance.' }) number: string;
  @Field(() => ID, { description: 'The participant the invoice is for.' }) participantId: string;
  @Field(() => ID, { description: 'The participant the invoice is addressed to.' }) memberId: string;
  @Field(() => String, { nullable: true, description: 'The employer who settles it, if named.' }) employerName: string | null;
  @Field(() => Int, PENCE) amountPence: number;
  @Field(() => LocalDateScalar, { description: 'The London date it was issued.' }) issuedOn: string;
  @Field(() => LocalDateScalar, { description: 'The London date it is due.' }) dueOn: string;
  @Field(() => InvoiceStatus, { description: 'Whether it is open, settled or cancelled.' }) status: InvoiceStatus;
  @Field(() => Date, { nullable: true, description: 'When it was settled, or null.' }) settledAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'ATS-20: when it was cancelled, or null.' }) cancelledAt: Date | null;
}

@ObjectType('PaymentAllocation', { description: 'The part of a payment that went to one schedule item.' })
export class PaymentAllocationType {
  @Field(() => ID, { description: 'The schedule item paid.' }) scheduleItemId: string;
  @Field(() => Int, PENCE) amountPence: number;
}

@ObjectType('Payment', { description: 'ATS-16: a payment received, recorded once per idempotency key and confirmed by email.' })
export class PaymentType {
  @Field(() => ID, { description: 'The payment’s id.' }) id: string;
  @Field({ description: 'ATS-16: the client’s key; the same key never records a second payment.' }) idempotencyKey: string;
  @Field(() => ID, { description: 'The participant whose fee it pays.' }) participantId: string;
  @Field(() => ID, { description: 'The member who is the participant.' }) memberId: string;
  @Field(() => Int, PENCE) amountPence: number;
  @Field(() => PaymentChannel, { description: 'ATS-16: how it was paid.' }) channel: PaymentChannel;
  @Field({ description: 'The card processor’s, direct-debit or bank reference.' }) providerReference: string;
  @Field(() => ID, { nullable: true, description: 'The invoice it settled (BACS), or null.' }) invoiceId: string | null;
  @Field({ description: 'When it was received.' }) receivedAt: Date;
  @Field({ description: 'The role of whoever recorded it (MEMBER for their own online payment, FINANCE otherwise).' }) recordedByRole: string;
}

@ObjectType('Refund', { description: 'ATS-20 / DEC-P2: money returned to the participant.' })
export class RefundType {
  @Field(() => ID, { description: 'The refund’s id.' }) id: string;
  @Field(() => Int, PENCE) amountPence: number;
  @Field({ description: 'Why the money was returned (ATS-20 cooling off, DEC-P2 withdrawal before issue, ...).' }) reason: string;
  @Field({ description: 'When it was refunded.' }) refundedAt: Date;
}

@ObjectType('ParticipantBalance', { description: 'A participant’s fee account. Members see only their own (ATS-57); staff reads are audited.' })
export class ParticipantBalanceType {
  @Field(() => ID, { description: 'The participant the account is for.' }) participantId: string;
  @Field(() => ID, { description: 'The member who is the participant.' }) memberId: string;
  @Field(() => PaymentPlan, { description: 'ATS-15: the payment plan chosen at registration.' }) plan: PaymentPlan;
  @Field(() => LocalDateScalar, { description: 'ATS-14: the registration’s London date, which fixed the fee.' }) registrationDate: string;
  @Field(() => String, { nullable: true, description: 'ATS-15.3: the employer named on invoices, if any.' }) employerName: string | null;
  @Field(() => Int, { description: 'ATS-14: the charge fixed at registration, in pence.' }) chargedPence: number;
  @Field(() => Int, PENCE) paidPence: number;
  @Field(() => Int, PENCE) refundedPence: number;
  @Field(() => Int, { description: 'Owed amounts cancelled on a cooling-off withdrawal (ATS-20), in pence.' }) cancelledPence: number;
  @Field(() => Int, PENCE) outstandingPence: number;
  @Field({ description: 'ATS-22: nothing is outstanding.' }) paidInFull: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-17: the full balance is due six months after the portfolio issue date.' }) balanceDueOn: string | null;
  @Field({ description: 'ATS-17: a balance still open after its due date.' }) overdue: boolean;
  @Field(() => Date, { nullable: true, description: 'ATS-20 / DEC-P2: when the account was refunded and closed.' }) cancelledAt: Date | null;
  @Field(() => [ScheduleItemType], { description: 'ATS-15, DEC-P1: the amounts due and when.' }) items: ScheduleItemType[];
  @Field(() => [PaymentType], { description: 'ATS-16: payments received.' }) payments: PaymentType[];
  @Field(() => [RefundType], { description: 'ATS-20, DEC-P2: refunds made.' }) refunds: RefundType[];
  @Field(() => [InvoiceType], { description: 'ATS-15.3: invoices issued for the employer to settle.' }) invoices: InvoiceType[];
}

@ObjectType('OverdueBalance', { description: 'ATS-17: a participant whose balance is still open after it fell due.' })
export class OverdueBalanceType {
  @Field(() => ID, { description: 'The participant whose balance is overdue.' }) participantId: string;
  @Field(() => ID, { description: 'The member who is the participant.' }) memberId: string;
  @Field(() => ID, { description: 'The participant’s original cohort.' }) cohortId: string;
  @Field({ description: 'That cohort’s name.' }) cohortName: string;
  @Field(() => LocalDateScalar, { description: 'That cohort’s portfolio issue date (ATS-19).' }) portfolioIssueDate: string;
  @Field(() => LocalDateScalar, { description: 'ATS-17: issue date + six months, when the full balance fell due.' }) balanceDueOn: string;
  @Field(() => Int, PENCE) outstandingPence: number;
  @Field(() => Int, { description: 'Days since the balance fell due (London dates).' }) daysOverdue: number;
}
export const OverdueBalanceConnection = Connection(OverdueBalanceType, 'OverdueBalance');

@InputType({ description: 'ATS-14: a new programme fee and the date it is published.' })
export class PublishProgrammeFeeInput {
  @Field(() => Int, PENCE) @IsInt() @Min(1) @Max(10_000_000) amountPence: number;
  @Field(() => LocalDateScalar, { description: 'ATS-14: the fee applies to registrations from one month after this date.' }) publishedOn: string;
}

@InputType({ description: 'ATS-16: a payment FINANCE records (card ONLINE or PHONE, DIRECT_DEBIT collection, or BACS).' })
export class RecordPaymentInput {
  @Field(() => ID, { description: 'The participant whose fee is paid.' }) @IsUUID() participantId: string;
  @Field(() => Int, PENCE) @IsInt() @Min(1) @Max(10_000_000) amountPence: number;
  @Field(() => PaymentChannel, { description: 'ATS-16: how it was paid.' }) @IsEnum(PaymentChannel) channel: PaymentChannel;
  @Field({ description: 'Client-generated and unique per payment: sending it again returns the original payment.' })
  @Matches(/^[\w.:-]{8,100}$/)
  idempotencyKey: string;
  @Field({ description: 'Card processor confirmation, direct-debit collection reference or BACS remittance reference.' }) @Length(1, 100) providerReference: string;
  @Field(() => String, { nullable: true, description: 'Settle this invoice (BACS).' }) @IsOptional() @Length(1, 20) invoiceNumber?: string | null;
  @Field(() => ID, { nullable: true, description: 'Settle this schedule item.' }) @IsOptional() @IsUUID() scheduleItemId?: string | null;
}

@InputType({ description: 'A member’s own online card payment; the provider reference stands for the card processor’s confirmation.' })
export class RecordMyOnlinePaymentInput {
  @Field(() => ID, { description: 'Your own participation (ATS-57).' }) @IsUUID() participantId: string;
  @Field(() => Int, PENCE) @IsInt() @Min(1) @Max(10_000_000) amountPence: number;
  @Field({ description: 'Client-generated and unique per payment: sending it again returns the original payment.' })
  @Matches(/^[\w.:-]{8,100}$/)
  idempotencyKey: string;
  @Field({ description: 'The card processor’s confirmation reference.' }) @Length(1, 100) providerReference: string;
  @Field(() => ID, { nullable: true, description: 'Pay this schedule item; otherwise the oldest amounts due are paid first.' }) @IsOptional() @IsUUID() scheduleItemId?: string | null;
}
