import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';

/** ATS-19: a participant who cannot access their portfolio reports it; after 14 days the report is marked late. */
@Entity('portfolio_access_report')
@Index(['participantId', 'reportedAt'])
@Check('CHK_portfolio_access_report_resolution', `("resolved_at" IS NULL) = ("resolution" IS NULL)`)
export class PortfolioAccessReport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne('Participant', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: object;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'timestamptz' }) reportedAt: Date;
  @Column({ type: 'date' }) reportedOn: LocalDate;
  @Column({ type: 'boolean' }) late: boolean;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
}
