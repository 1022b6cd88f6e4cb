import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Cohort } from './cohort.entity';
import type { LocalDate } from '../../shared/dates';

/** ATS-10: registrations are taken only while a window is open; each window feeds one cohort, a cohort may have several. */
@Entity('registration_window')
@Index(['opensOn', 'closesOn'])
@Index(['cohortId', 'opensOn'])
@Check('CHK_registration_window_dates', `"opens_on" <= "closes_on"`)
export class RegistrationWindow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) cohortId: string;
  @ManyToOne(() => Cohort, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Cohort;
  @Column({ type: 'date' }) opensOn: LocalDate;
  @Column({ type: 'date' }) closesOn: LocalDate;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
