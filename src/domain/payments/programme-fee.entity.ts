import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../shared/dates';

/** ATS-14: a published programme fee; it applies to registrations from one month after its publication date. */
@Entity('programme_fee')
@Check('CHK_programme_fee_amount_positive', `"amount_pence" > 0`)
export class ProgrammeFee {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Integer pence, GBP, VAT exempt. */
  @Column({ type: 'int' }) amountPence: number;
  @Column({ type: 'date', unique: true }) publishedOn: LocalDate;
  @Column({ type: 'timestamptz' }) recordedAt: Date;
  /** Subject of the staff user who published it (`system` for the seeded fee). */
  @Column({ type: 'varchar', length: 64 }) recordedBy: string;
}
