import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../shared/dates';
import { InvoiceStatus } from './payment.enums';

/** ATS-15.3: an invoice sent to the participant, for their employer to settle by BACS. */
@Entity('invoice')
@Index(['participantId'])
export class Invoice {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** From `invoice_number_seq`, so concurrent registrations never share a number. */
  @Column({ type: 'varchar', length: 20, unique: true }) number: string;
  @Column({ type: 'uuid' }) accountId: string;
  @Column({ type: 'uuid' }) participantId: string;
  /** The participant the invoice is addressed to. */
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) employerName: string | null;
  @Column({ type: 'int' }) amountPence: number;
  @Column({ type: 'date' }) issuedOn: LocalDate;
  @Column({ type: 'date' }) dueOn: LocalDate;
  @Column({ type: 'varchar', length: 10 }) status: InvoiceStatus;
  @Column({ type: 'timestamptz', nullable: true }) settledAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
}
