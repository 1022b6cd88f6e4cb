import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Cohort } from './cohort.entity';

/**
 * DEC-S1: the portfolio sections of one cohort, kept by staff. A participant's own list (portfolio_section) is copied
 * from it when their portfolio is issued and never changes after that.
 */
@Entity('cohort_portfolio_section')
@Index('UQ_cohort_portfolio_section_key', ['cohortId', 'key'], { unique: true })
@Check('CHK_cohort_portfolio_section_position', `"position" >= 0`)
export class CohortPortfolioSection {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) cohortId: string;
  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Cohort;
  @Column({ type: 'varchar', length: 40 }) key: string;
  @Column({ type: 'varchar', length: 120 }) title: string;
  @Column({ type: 'int' }) position: number;
}
