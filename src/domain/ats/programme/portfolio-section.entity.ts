import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A section of a participant's ePortfolio; all must be complete before submission (ATS-22). */
@Entity('portfolio_section')
@Index(['participantId', 'key'], { unique: true })
@Check('CHK_portfolio_section_position', `"position" >= 0`)
export class PortfolioSection {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne('Participant', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id' })
  participant?: object;
  @Column({ type: 'varchar', length: 40 }) key: string;
  @Column({ type: 'varchar', length: 120 }) title: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
}

/**
 * DEC-S1: the default list a cohort starts with when staff give none (createCohort, the demo seed). The T&C name no
 * sections; these follow SET's ATS guidance. Each cohort's own list lives in `cohort_portfolio_section`.
 */
export const DEFAULT_PORTFOLIO_SECTIONS: readonly { key: string; title: string }[] = [
  { key: 'CONTEXT', title: 'Professional context and role' },
  { key: 'PROFESSIONAL_VALUES', title: 'Professional values and attributes' },
  { key: 'SUBJECT_AND_PEDAGOGY', title: 'Subject knowledge and pedagogy' },
  { key: 'COLLABORATIVE_PRACTICE', title: 'Collaborative practice and supporting colleagues' },
  { key: 'IMPACT', title: 'Evidence of impact on learners and colleagues' },
  { key: 'REFLECTION', title: 'Reflection and forward development' },
];
