import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../shared/dates';
import { ScheduleItemKind, ScheduleItemStatus } from './payment.enums';

/** ATS-15 / DEC-P1: one amount due on one date under the participant's plan. */
@Entity('payment_schedule_item')
@Index(['accountId', 'sequence'], { unique: true })
@Index(['participantId'])
export class ScheduleItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) accountId: string;
  @Column({ type: 'uuid' }) participantId: string;
  /** 1-based order within the schedule; payments settle the earliest open item first. */
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'varchar', length: 30 }) kind: ScheduleItemKind;
  @Column({ type: 'int' }) amountPence: number;
  @Column({ type: 'int', default: 0 }) paidPence: number;
  @Column({ type: 'date' }) dueOn: LocalDate;
  @Column({ type: 'varchar', length: 10 }) status: ScheduleItemStatus;
  /** Set on the EMPLOYER_INVOICE plan's item. */
  @Column({ type: 'uuid', nullable: true }) invoiceId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
}
