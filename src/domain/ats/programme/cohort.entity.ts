import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';

/** A cohort: portfolios issued together (ATS-19), one submission deadline (ATS-21) and one provisional results date (ATS-28). */
@Entity('cohort')
@Index(['submissionDeadline'])
@Check('CHK_cohort_dates_in_order', `"portfolio_issue_date" < "submission_deadline" AND "submission_deadline" < "provisional_results_date"`)
export class Cohort {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40, unique: true }) name: string;
  @Column({ type: 'date' }) portfolioIssueDate: LocalDate;
  @Column({ type: 'date' }) submissionDeadline: LocalDate;
  @Column({ type: 'date' }) provisionalResultsDate: LocalDate;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
