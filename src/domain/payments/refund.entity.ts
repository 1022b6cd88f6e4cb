import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** ATS-20 / DEC-P2: money returned to the participant; never more than was paid, nor more than the fee charged. */
@Entity('refund')
@Index(['participantId'])
export class Refund {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) accountId: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'int' }) amountPence: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'timestamptz' }) refundedAt: Date;
}
