import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import { PaymentAccount } from './payment-account.entity';
import { Payment } from './payment.entity';
import { PayerKind, PaymentChannel, RefundKind } from './payment.enums';

/**
 * ATS-20 / DEC-P2 / DEC-P5: money returned, one row per payment it comes from, to whoever paid it (participant or
 * employer) by the channel it came from; never more than that payment less what was already refunded from it.
 */
@Entity('refund')
@Index(['participantId'])
@Index(['paymentId'])
@Check('CHK_refund_amount_positive', `"amount_pence" > 0`)
@Check('CHK_refund_kind', `"kind" IN ('FULL_REFUND', 'CREDIT')`)
export class Refund {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => PaymentAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: PaymentAccount;
  @Column({ type: 'uuid' }) accountId: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid' }) participantId: string;
  /** DEC-P5: the payment the money goes back from. */
  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;
  @Column({ type: 'uuid' }) paymentId: string;
  @Column({ type: 'int' }) amountPence: number;
  @Column({ type: 'varchar', length: 12, default: RefundKind.FULL_REFUND }) kind: RefundKind;
  /** DEC-P5: the channel the money came by, and goes back by. */
  @Column({ type: 'varchar', length: 20 }) channel: PaymentChannel;
  @Column({ type: 'varchar', length: 12 }) payerKind: PayerKind;
  @Column({ type: 'varchar', length: 200, nullable: true }) payerName: string | null;
  @Column({ type: 'varchar', length: 320, nullable: true }) payerEmail: string | null;
  /** The card provider's refund id once the provider has been asked to return an ONLINE payment. */
  @Column({ type: 'varchar', length: 100, nullable: true }) providerRefundReference: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'timestamptz' }) refundedAt: Date;
  @Column({ type: 'varchar', length: 64, default: 'system' }) refundedBy: string;
}
