import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { LocalDate } from '../shared/dates';
import { PaymentPlan } from '../ats/programme/programme.enums';

/**
 * A participant's fee account, opened at registration (ATS-14, ATS-15). Its row is the lock every payment and refund
 * for the participant takes, so concurrent requests settle one at a time.
 */
@Entity('payment_account')
@Index(['memberId'])
export class PaymentAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', unique: true }) participantId: string;
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'varchar', length: 20 }) plan: PaymentPlan;
  /** ATS-14: the charge fixed at registration (the programme fee, or the £50 restart fee), in pence. */
  @Column({ type: 'int' }) chargePence: number;
  @Column({ type: 'date' }) registrationDate: LocalDate;
  @Column({ type: 'varchar', length: 200, nullable: true }) employerName: string | null;
  @Column({ type: 'timestamptz' }) openedAt: Date;
  /** ATS-20 / DEC-P2: set when a cooling-off withdrawal refunded and cancelled the account. */
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'text', nullable: true }) cancellationReason: string | null;
  @VersionColumn() version: number;
}
