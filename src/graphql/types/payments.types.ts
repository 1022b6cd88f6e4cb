import { IsEmail, IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PaymentPlan } from '../../domain/ats/programme/programme.enums';
import {
  BalanceDecision,
  CheckoutStatus,
  InvoiceStatus,
  OverdueItemKind,
  PayerKind,
  PaymentChannel,
  RefundKind,
  ScheduleItemKind,
  ScheduleItemStatus,
} from '../../domain/payments/payment.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

// PaymentPlan and AttemptKind belong to the programme area; registering the same enum object again is harmless
// (type-graphql keys enums by object), so this file does not depend on the programme's types being loaded.
registerEnumType(PaymentChannel, {
  name: 'PaymentChannel',
  description: 'ATS-16: ONLINE and PHONE are card payments; DIRECT_DEBIT collects instalments; BACS settles an invoice.',
  valuesConfig: { ONLINE: { description: 'Card, online (recorded only from the payment provider’s verified webhook, DEC-P4).' }, PHONE: { description: 'Card, by phone.' }, DIRECT_DEBIT: { description: 'A direct-debit collection.' }, BACS: { description: 'A bank transfer settling an invoice.' } },
});
registerEnumType(ScheduleItemKind, {
  name: 'ScheduleItemKind',
  description: 'ATS-15: what a scheduled amount is.',
  valuesConfig: { FULL_PAYMENT: { description: 'The whole fee (SINGLE plan).' }, INITIAL_PAYMENT: { description: 'The card payment at registration (DIRECT_DEBIT plan).' }, DIRECT_DEBIT_INSTALMENT: { description: 'One of the six monthly £100 instalments (DEC-P1).' }, INVOICE: { description: 'The invoiced fee (EMPLOYER_INVOICE plan).' } },
});
registerEnumType(ScheduleItemStatus, {
  name: 'ScheduleItemStatus',
  description: 'Whether a scheduled amount is still owed.',
  valuesConfig: { PENDING: { description: 'Still owed (in full or in part).' }, PAID: { description: 'Paid in full.' }, CANCELLED: { description: 'Cancelled (ATS-20 cooling-off withdrawal).' }, WRITTEN_OFF: { description: 'ATS-45: written off by FINANCE after SET withdrew the participant for ineligibility.' } },
});
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice stands.',
  valuesConfig: { OPEN: { description: 'Not yet settled.' }, SETTLED: { description: 'Paid by the employer.' }, CANCELLED: { description: 'Cancelled (ATS-20).' }, WRITTEN_OFF: { description: 'ATS-45: written off by FINANCE after SET withdrew the participant for ineligibility.' } },
});
registerEnumType(PayerKind, {
  name: 'PayerKind',
  description: 'DEC-P5: who paid a payment; its refund goes back to them.',
  valuesConfig: { PARTICIPANT: { description: 'The participant paid.' }, EMPLOYER: { description: 'The participant’s employer paid (an invoice, or by card on its behalf).' } },
});
registerEnumType(RefundKind, {
  name: 'RefundKind',
  description: 'DEC-P5: why money went back.',
  valuesConfig: {
    FULL_REFUND: { description: 'ATS-20 / DEC-P2 (and ATS-45 in cooling off): everything paid, on withdrawal.' },
    CREDIT: { description: 'DEC-P5: money received beyond what was owed, refunded by FINANCE.' },
  },
});
registerEnumType(CheckoutStatus, {
  name: 'CheckoutStatus',
  description: 'ATS-16 / DEC-P4: where a card checkout stands at the payment provider.',
  valuesConfig: {
    OPEN: { description: 'Waiting for the member to pay at the provider.' },
    COMPLETED: { description: 'The provider’s verified event arrived and the payment is recorded.' },
    FAILED: { description: 'The provider reported the payment failed or the checkout expired; nothing was taken.' },
  },
});
registerEnumType(BalanceDecision, {
  name: 'BalanceDecision',
  description: 'ATS-45: what FINANCE decides about the balance left when SET withdrew a participant after cooling off.',
  valuesConfig: {
    WRITE_OFF: { description: 'Open instalments and invoices are written off; nothing more is owed.' },
    KEEP: { description: 'The balance stays owed; it is no longer collected by instalments and FINANCE pursues it.' },
  },
});
registerEnumType(OverdueItemKind, {
  name: 'OverdueItemKind',
  description: 'DEC-P3: the kinds of amount Finance sees overdue on their own due dates.',
  valuesConfig: {
    REGISTRATION_PAYMENT: { description: 'The card payment due at registration (SINGLE’s full payment or DIRECT_DEBIT’s initial payment).' },
    DIRECT_DEBIT_INSTALMENT: { description: 'A direct-debit instalment not collected by its date (DEC-P1).' },
    INVOICE: { description: 'An employer invoice past its due date (30 days after the portfolio issue date).' },
  },
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
  @Field({ description: 'The role that recorded it: FINANCE, or PAYMENT_PROVIDER for an online card payment recorded from the provider’s verified webhook (DEC-P4).' }) recordedByRole: string;
  @Field(() => Int, { description: 'DEC-P5: the part of this payment beyond what was owed when it arrived, kept as a credit (pence).' }) creditPence: number;
  @Field(() => PayerKind, { description: 'DEC-P5: who paid; a refund of this payment goes back to them.' }) payerKind: PayerKind;
  @Field(() => String, { nullable: true, description: 'DEC-P5: the name of whoever paid.' }) payerName: string | null;
  @Field(() => String, { nullable: true, description: 'DEC-P5: where the payer’s confirmations and refund notices go.' }) payerEmail: string | null;
}

@ObjectType('Refund', { description: 'ATS-20 / DEC-P2 / DEC-P5: money returned to whoever paid it, by the channel it came by.' })
export class RefundType {
  @Field(() => ID, { description: 'The refund’s id.' }) id: string;
  @Field(() => Int, PENCE) amountPence: number;
  @Field({ description: 'Why the money was returned (ATS-20 cooling off, DEC-P2 withdrawal before issue, DEC-P5 credit, ...).' }) reason: string;
  @Field({ description: 'When it was refunded.' }) refundedAt: Date;
  @Field(() => ID, { description: 'DEC-P5: the payment this money goes back from.' }) paymentId: string;
  @Field(() => RefundKind, { description: 'Why the money went back.' }) kind: RefundKind;
  @Field(() => PaymentChannel, { description: 'DEC-P5: the channel the money came by and goes back by.' }) channel: PaymentChannel;
  @Field(() => PayerKind, { description: 'DEC-P5: who gets the money back.' }) payerKind: PayerKind;
  @Field(() => String, { nullable: true, description: 'DEC-P5: the name of whoever gets the money back.' }) payerName: string | null;
  @Field(() => String, { nullable: true, description: 'DEC-P5: where the refund notice went.' }) payerEmail: string | null;
  @Field(() => String, { nullable: true, description: 'The card provider’s refund id, once the provider was asked to return an online card payment.' })
  providerRefundReference: string | null;
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
  @Field(() => Int, { description: 'DEC-P5: money received beyond what was owed, held for the payer and refundable (pence).' }) creditPence: number;
  @Field(() => Int, { description: 'ATS-45: owed amounts FINANCE wrote off (pence).' }) writtenOffPence: number;
  @Field(() => Date, { nullable: true, description: 'ATS-45: when SET’s withdrawal for ineligibility stopped the collection of instalments and invoices.' })
  collectionStoppedAt: Date | null;
  @Field(() => BalanceDecision, { nullable: true, description: 'ATS-45: FINANCE’s decision on the balance left by that withdrawal.' }) balanceDecision: BalanceDecision | null;
  @Field(() => String, { nullable: true, description: 'ATS-45: the reason FINANCE gave for that decision.' }) balanceDecisionReason: string | null;
  @Field(() => [ScheduleItemType], { description: 'ATS-15, DEC-P1: the amounts due and when. Stays small: at most seven per participation.' }) items: ScheduleItemType[];
  @Field(() => [PaymentType], { description: 'ATS-16: payments received. Stays small: one participation’s fee.' }) payments: PaymentType[];
  @Field(() => [RefundType], { description: 'ATS-20, DEC-P2, DEC-P5: refunds made. Stays small: at most one per payment.' }) refunds: RefundType[];
  @Field(() => [InvoiceType], { description: 'ATS-15.3: invoices issued for the employer to settle. Stays small.' }) invoices: InvoiceType[];
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

@InputType({ description: 'DEC-P5: who paid. The participant by default (the employer for BACS against its invoice).' })
export class PayerInput {
  @Field(() => PayerKind, { description: 'The participant or their employer.' }) @IsEnum(PayerKind) kind: PayerKind;
  @Field(() => String, { nullable: true, description: 'EMPLOYER: its name (the account’s employer by default).' }) @IsOptional() @Length(1, 200) name?: string | null;
  @Field(() => String, { nullable: true, description: 'EMPLOYER: where its confirmation and any refund notice go (the member’s employer contact by default).' })
  @IsOptional()
  @MaxLength(320)
  @IsEmail()
  email?: string | null;
}

@InputType({ description: 'ATS-16: a payment FINANCE records (card PHONE, DIRECT_DEBIT collection, or BACS; ONLINE card payments come only from the provider’s webhook, DEC-P4).' })
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
  @Field(() => PayerInput, { nullable: true, description: 'DEC-P5: who paid; refunds go back to them.' }) @IsOptional() @ValidateNested() payer?: PayerInput | null;
}

@InputType({ description: 'ATS-16 / DEC-P4: a member starts a card payment with the payment provider.' })
export class StartCardPaymentInput {
  @Field(() => ID, { description: 'The member’s own participation.' }) @IsUUID() participantId: string;
  @Field(() => Int, { nullable: true, description: 'Pence to pay; what is due now when omitted (ATS-15, DEC-P1). Never more than is outstanding.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  amountPence?: number | null;
  @Field({ description: 'Client-generated and unique per checkout: sending it again returns the same checkout.' })
  @Matches(/^[\w.:-]{8,100}$/)
  idempotencyKey: string;
  @Field(() => String, { nullable: true, description: 'DEC-P3: pay this employer invoice by card.' }) @IsOptional() @Length(1, 20) invoiceNumber?: string | null;
  @Field(() => PayerInput, { nullable: true, description: 'DEC-P5: who pays; the participant by default.' }) @IsOptional() @ValidateNested() payer?: PayerInput | null;
}

@ObjectType('CardCheckout', { description: 'ATS-16 / DEC-P4: a card checkout at the payment provider. Nothing is paid until the provider’s verified event arrives.' })
export class CardCheckoutType {
  @Field(() => ID, { description: 'Our checkout id (carried in the provider’s events).' }) id: string;
  @Field({ description: 'The payment provider: `stripe`, or `sandbox` outside production.' }) provider: string;
  @Field({ description: 'The provider’s checkout id (a Stripe Checkout Session id).' }) providerCheckoutId: string;
  @Field(() => String, { nullable: true, description: 'The provider’s payment id, once paid: the reference the payment is recorded under.' }) providerPaymentId: string | null;
  @Field(() => String, { nullable: true, description: 'Where the front end sends the member to pay.' }) checkoutUrl: string | null;
  @Field(() => String, { nullable: true, description: 'For an embedded card form, when the provider gives one.' }) clientSecret: string | null;
  @Field(() => ID, { description: 'The participation paid for.' }) participantId: string;
  @Field(() => Int, { description: 'Pence the checkout asks the provider to take.' }) amountPence: number;
  @Field(() => ID, { nullable: true, description: 'DEC-P3: the employer invoice this pays.' }) invoiceId: string | null;
  @Field(() => PayerKind, { description: 'DEC-P5: who pays.' }) payerKind: PayerKind;
  @Field(() => CheckoutStatus, { description: 'Where the checkout stands.' }) status: CheckoutStatus;
  @Field({ description: 'When the checkout stops accepting payment at the provider.' }) expiresAt: Date;
  @Field(() => ID, { nullable: true, description: 'The payment recorded from the provider’s verified event.' }) paymentId: string | null;
}

@InputType({ description: 'DEC-P5: FINANCE refunds credit held on an account to whoever paid it.' })
export class RefundCreditInput {
  @Field(() => ID, { description: 'The participation whose account holds the credit.' }) @IsUUID() participantId: string;
  @Field(() => Int, { nullable: true, description: 'Pence to refund; all of the credit when omitted.' }) @IsOptional() @IsInt() @Min(1) @Max(10_000_000) amountPence?: number | null;
  @Field({ description: 'Why the credit is refunded (audited).' }) @Length(1, 2000) reason: string;
}

@InputType({ description: 'ATS-45: FINANCE’s decision on the balance left when SET withdrew a participant after cooling off.' })
export class DecideWithdrawnBalanceInput {
  @Field(() => ID, { description: 'The withdrawn participation.' }) @IsUUID() participantId: string;
  @Field(() => BalanceDecision, { description: 'Write the balance off, or keep it owed.' }) @IsEnum(BalanceDecision) decision: BalanceDecision;
  @Field({ description: 'Why (audited, and told to the participant).' }) @Length(1, 2000) reason: string;
}

@ObjectType('OverdueItem', { description: 'DEC-P3: one amount overdue on its own due date (before the six-month view of ATS-17).' })
export class OverdueItemType {
  @Field(() => ID, { description: 'The schedule item overdue.' }) scheduleItemId: string;
  @Field(() => OverdueItemKind, { description: 'The registration payment, a direct-debit instalment or an employer invoice.' }) kind: OverdueItemKind;
  @Field(() => ID, { description: 'The participation it belongs to.' }) participantId: string;
  @Field(() => ID, { description: 'The participant’s member id.' }) memberId: string;
  @Field(() => String, { nullable: true, description: 'The invoice number, for an invoice.' }) invoiceNumber: string | null;
  @Field(() => String, { nullable: true, description: 'The employer who settles the invoice.' }) employerName: string | null;
  @Field(() => Int, { description: 'The amount due (pence).' }) amountPence: number;
  @Field(() => Int, { description: 'What is still unpaid of it (pence).' }) outstandingPence: number;
  @Field(() => LocalDateScalar, { description: 'Its own due date; overdue from the next day.' }) dueOn: string;
  @Field(() => Int, { description: 'Days since the due date.' }) daysOverdue: number;
}
export const OverdueItemConnection = Connection(OverdueItemType, 'OverdueItem');
