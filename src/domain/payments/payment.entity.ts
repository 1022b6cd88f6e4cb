import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PaymentChannel } from './payment.enums';

/**
 * ATS-16: a payment received. The client-supplied idempotency key is unique, so the same payment can never be
 * recorded twice: a retry returns the original row.
 */
@Entity('payment')
@Index(['participantId', 'receivedAt'])
export class Payment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100, unique: true }) idempotencyKey: string;
  @Column({ type: 'uuid' }) accountId: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'int' }) amountPence: number;
  @Column({ type: 'varchar', length: 20 }) channel: PaymentChannel;
  /** The card processor's confirmation, the direct-debit collection reference or the BACS remittance reference. */
  @Column({ type: 'varchar', length: 100 }) providerReference: string;
  /** The invoice a BACS payment was made against. */
  @Column({ type: 'uuid', nullable: true }) invoiceId: string | null;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'varchar', length: 64 }) recordedBy: string;
  @Column({ type: 'varchar', length: 40 }) recordedByRole: string;
}

/** How much of a payment went to which schedule item. */
@Entity('payment_allocation')
@Index(['paymentId'])
@Index(['scheduleItemId'])
export class PaymentAllocation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) paymentId: string;
  @Column({ type: 'uuid' }) scheduleItemId: string;
  @Column({ type: 'int' }) amountPence: number;
}
