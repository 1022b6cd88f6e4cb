import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import { Member } from '../membership/member.entity';
import { Invoice } from './invoice.entity';
import { PaymentAccount } from './payment-account.entity';
import { PayerKind, PaymentChannel } from './payment.enums';
import { ScheduleItem } from './schedule-item.entity';

/**
 * ATS-16: a payment received. The client-supplied idempotency key is unique, so the same payment can never be
 * recorded twice: a retry returns the original row. The provider's or bank's own reference is unique per channel
 * (a database constraint), whatever idempotency key is sent.
 */
@Entity('payment')
@Index(['participantId', 'receivedAt'])
@Index('UQ_payment_channel_provider_reference', ['channel', 'providerReference'], { unique: true })
@Check('CHK_payment_amount_positive', `"amount_pence" > 0`)
@Check('CHK_payment_credit_within_amount', `"credit_pence" >= 0 AND "credit_pence" <= "amount_pence"`)
@Check('CHK_payment_channel', `"channel" IN ('ONLINE', 'PHONE', 'DIRECT_DEBIT', 'BACS')`)
@Check('CHK_payment_payer_kind', `"payer_kind" IN ('PARTICIPANT', 'EMPLOYER')`)
export class Payment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100, unique: true }) idempotencyKey: string;
  @ManyToOne(() => PaymentAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: PaymentAccount;
  @Column({ type: 'uuid' }) accountId: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'int' }) amountPence: number;
  /** DEC-P5: the part of the payment beyond what was owed when it arrived, kept as a credit on the account. */
  @Column({ type: 'int', default: 0 }) creditPence: number;
  @Column({ type: 'varchar', length: 20 }) channel: PaymentChannel;
  /** The card processor's payment id, the direct-debit collection reference or the BACS remittance reference. */
  @Column({ type: 'varchar', length: 100 }) providerReference: string;
  /** The invoice a payment was made against. */
  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;
  @Column({ type: 'uuid', nullable: true }) invoiceId: string | null;
  /** DEC-P5: who paid (the participant or their employer); a refund goes back to them. */
  @Column({ type: 'varchar', length: 12, default: PayerKind.PARTICIPANT }) payerKind: PayerKind;
  @Column({ type: 'varchar', length: 200, nullable: true }) payerName: string | null;
  @Column({ type: 'varchar', length: 320, nullable: true }) payerEmail: string | null;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'varchar', length: 64 }) recordedBy: string;
  @Column({ type: 'varchar', length: 40 }) recordedByRole: string;
}

/** How much of a payment went to which schedule item. */
@Entity('payment_allocation')
@Index(['paymentId'])
@Index(['scheduleItemId'])
@Check('CHK_payment_allocation_amount_positive', `"amount_pence" > 0`)
export class PaymentAllocation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;
  @Column({ type: 'uuid' }) paymentId: string;
  @ManyToOne(() => ScheduleItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'schedule_item_id' })
  scheduleItem?: ScheduleItem;
  @Column({ type: 'uuid' }) scheduleItemId: string;
  @Column({ type: 'int' }) amountPence: number;
}
