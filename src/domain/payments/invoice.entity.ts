import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import { Member } from '../membership/member.entity';
import type { LocalDate } from '../shared/dates';
import { PaymentAccount } from './payment-account.entity';
import { InvoiceStatus } from './payment.enums';

/** ATS-15.3: an invoice sent to the participant, for their employer to settle (DEC-P3: by BACS or card). */
@Entity('invoice')
@Index(['participantId'])
@Check('CHK_invoice_amount_positive', `"amount_pence" > 0`)
export class Invoice {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** From `invoice_number_seq`, so concurrent registrations never share a number. */
  @Column({ type: 'varchar', length: 20, unique: true }) number: string;
  @ManyToOne(() => PaymentAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: PaymentAccount;
  @Column({ type: 'uuid' }) accountId: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid' }) participantId: string;
  /** The participant the invoice is addressed to. */
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) employerName: string | null;
  @Column({ type: 'int' }) amountPence: number;
  @Column({ type: 'date' }) issuedOn: LocalDate;
  /** DEC-P3: 30 days after the portfolio issue date. */
  @Column({ type: 'date' }) dueOn: LocalDate;
  @Column({ type: 'varchar', length: 12 }) status: InvoiceStatus;
  @Column({ type: 'timestamptz', nullable: true }) settledAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
}
