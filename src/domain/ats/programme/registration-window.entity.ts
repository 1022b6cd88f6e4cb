import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';

/** ATS-10: registrations are taken only while a window is open; each window feeds one cohort. */
@Entity('registration_window')
@Index(['opensOn', 'closesOn'])
export class RegistrationWindow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', unique: true }) cohortId: string;
  @Column({ type: 'date' }) opensOn: LocalDate;
  @Column({ type: 'date' }) closesOn: LocalDate;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
