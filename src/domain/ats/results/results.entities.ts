import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { Participant } from '../programme/participant.entity';
import { AssessmentOutcome, ObjectionStatus, SubmissionRound } from './results.enums';

/**
 * One outcome per submission (ATS-28..31, 34). Hidden from the participant until `releasedAt` (DEC-O1). An outcome
 * replaced after an upheld objection (ATS-36) keeps its row with `supersededAt` set.
 */
@Entity('ats_outcome')
@Index('UQ_ats_outcome_current_round', ['participantId', 'round'], { unique: true, where: `"superseded_at" IS NULL` })
@Check('CHK_ats_outcome_outcome', `"outcome" IN ('PROVISIONALLY_AWARDED', 'CRITERIA_NOT_MET', 'RESTART_REQUIRED')`)
@Check('CHK_ats_outcome_round', `"round" IN ('FIRST', 'RESUBMISSION')`)
@Check('CHK_ats_outcome_deadline', `("outcome" = 'CRITERIA_NOT_MET') = ("resubmission_deadline" IS NOT NULL)`)
export class AtsOutcome {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'varchar', length: 12 }) round: SubmissionRound;
  @Column({ type: 'varchar', length: 24 }) outcome: AssessmentOutcome;
  /** ATS-30: feedback for the participant (required for CRITERIA_NOT_MET and RESTART_REQUIRED). */
  @Column({ type: 'text', nullable: true }) feedback: string | null;
  /** ATS-31: the individual resubmission deadline, after the release date. */
  @Column({ type: 'date', nullable: true }) resubmissionDeadline: LocalDate | null;
  @Column({ type: 'timestamptz' }) recordedAt: Date;
  @Column({ type: 'varchar', length: 64 }) recordedBy: string;
  /** DEC-O1: when the participant could first see it (the release, or at once for a resubmission or objection). */
  @Column({ type: 'timestamptz', nullable: true }) releasedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) supersededAt: Date | null;
}

/** ATS-31: a resubmission, with its review (42 days) and feedback (56 days) due dates. One per participation. */
@Entity('ats_resubmission')
export class AtsResubmission {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Index({ unique: true })
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'timestamptz' }) submittedAt: Date;
  @Column({ type: 'date' }) submittedOn: LocalDate;
  @Column({ type: 'date' }) deadline: LocalDate;
  @Index()
  @Column({ type: 'date' }) reviewDueOn: LocalDate;
  @Column({ type: 'date' }) feedbackDueOn: LocalDate;
  /** When the assessor recorded the resubmission's outcome, which gives the feedback. */
  @Column({ type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
}

/** ATS-36: an objection to a decision not to provisionally award, under the Objections Policy. */
@Entity('ats_objection')
@Index(['status', 'receivedAt'])
@Check('CHK_ats_objection_status', `"status" IN ('RECEIVED', 'UNDER_REVIEW', 'UPHELD', 'NOT_UPHELD')`)
export class AtsObjection {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Index()
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne(() => AtsOutcome, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'outcome_id' })
  outcomeRow?: AtsOutcome;
  @Index({ unique: true })
  @Column({ type: 'uuid' }) outcomeId: string;
  @Column({ type: 'text' }) grounds: string;
  @Column({ type: 'varchar', length: 16 }) status: ObjectionStatus;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) reviewStartedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) reasons: string | null;
  /** UPHELD: when staff recorded the new outcome it allowed (one only). */
  @Column({ type: 'timestamptz', nullable: true }) newOutcomeRecordedAt: Date | null;
}

export const resultsEntities = [AtsOutcome, AtsResubmission, AtsObjection];
