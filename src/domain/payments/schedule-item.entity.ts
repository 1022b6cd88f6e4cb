import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import type { LocalDate } from '../shared/dates';
import { Invoice } from './invoice.entity';
import { PaymentAccount } from './payment-account.entity';
import { ScheduleItemKind, ScheduleItemStatus } from './payment.enums';

/** ATS-15 / DEC-P1: one amount due on one date under the participant's plan. */
@Entity('payment_schedule_item')
@Index(['accountId', 'sequence'], { unique: true })
@Index(['participantId'])
@Index(['status', 'dueOn'])
@Check('CHK_schedule_item_amount_positive', `"amount_pence" > 0`)
@Check('CHK_schedule_item_paid_within_amount', `"paid_pence" >= 0 AND "paid_pence" <= "amount_pence"`)
export class ScheduleItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => PaymentAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: PaymentAccount;
  @Column({ type: 'uuid' }) accountId: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid' }) participantId: string;
  /** 1-based order within the schedule; payments settle the earliest open item first. */
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'varchar', length: 30 }) kind: ScheduleItemKind;
  @Column({ type: 'int' }) amountPence: number;
  @Column({ type: 'int', default: 0 }) paidPence: number;
  @Column({ type: 'date' }) dueOn: LocalDate;
  @Column({ type: 'varchar', length: 12 }) status: ScheduleItemStatus;
  /** Set on the EMPLOYER_INVOICE plan's item. */
  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;
  @Column({ type: 'uuid', nullable: true }) invoiceId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
}
