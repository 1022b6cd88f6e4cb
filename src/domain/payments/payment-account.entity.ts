import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import { Member } from '../membership/member.entity';
import type { LocalDate } from '../shared/dates';
import { PaymentPlan } from '../ats/programme/programme.enums';
import { BalanceDecision } from './payment.enums';

/**
 * A participant's fee account, opened at registration (ATS-14, ATS-15). Its row is the lock every payment and refund
 * for the participant takes, so concurrent requests settle one at a time.
 */
@Entity('payment_account')
@Index(['memberId'])
@Check('CHK_payment_account_charge_positive', `"charge_pence" > 0`)
@Check('CHK_payment_account_balance_decision', `"balance_decision" IS NULL OR ("balance_decision" IN ('WRITE_OFF', 'KEEP') AND "collection_stopped_at" IS NOT NULL)`)
export class PaymentAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid', unique: true }) participantId: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
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
  /** ATS-45: SET withdrew the participant after cooling off; instalments and invoices are no longer collected. */
  @Column({ type: 'timestamptz', nullable: true }) collectionStoppedAt: Date | null;
  @Column({ type: 'text', nullable: true }) collectionStopReason: string | null;
  /** ATS-45: FINANCE's decision on the balance left: written off or kept, with a reason. */
  @Column({ type: 'varchar', length: 10, nullable: true }) balanceDecision: BalanceDecision | null;
  @Column({ type: 'text', nullable: true }) balanceDecisionReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) balanceDecidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) balanceDecidedBy: string | null;
  @VersionColumn() version: number;
}
