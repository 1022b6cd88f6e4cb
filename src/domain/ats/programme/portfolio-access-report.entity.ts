import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';

/** ATS-19: a participant who cannot access their portfolio reports it; after 14 days the report is marked late. */
@Entity('portfolio_access_report')
@Index(['participantId', 'reportedAt'])
export class PortfolioAccessReport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'timestamptz' }) reportedAt: Date;
  @Column({ type: 'date' }) reportedOn: LocalDate;
  @Column({ type: 'boolean' }) late: boolean;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
}
