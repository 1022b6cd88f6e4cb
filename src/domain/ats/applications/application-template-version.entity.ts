import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';

/** ATS-6: a version of the official application template; the current one is the latest published on or before today. */
@Entity('ats_application_template_version')
export class ApplicationTemplateVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40, unique: true }) versionLabel: string;
  @Column({ type: 'date', unique: true }) publishedOn: LocalDate;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
