import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../shared/dates';

/** COP-1: a published version of the Code of Practice; the current one is the latest in effect today. */
@Entity('code_of_practice_version')
export class CodeOfPracticeVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 20, unique: true }) version: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'date', unique: true }) effectiveFrom: LocalDate;
  @Column({ type: 'text' }) summaryOfChanges: string;
  @Column({ type: 'timestamptz' }) publishedAt: Date;
}
