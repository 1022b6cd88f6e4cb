import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn, type EntityManager } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { ExtensionReason, ExtensionStatus } from './programme.enums';

/** ATS-25..27: a request to extend the submission deadline, decided case by case with reasons. */
@Entity('extension_request')
@Index(['status', 'requestedAt'])
@Index(['participantId', 'requestedAt'])
// ATS-25: one undecided request per participant at a time; the database settles a race between two requests.
@Index('UQ_extension_request_one_pending', ['participantId'], { unique: true, where: `status = 'REQUESTED'` })
@Check('CHK_extension_request_status', `"status" IN ('REQUESTED', 'GRANTED', 'REFUSED', 'CANCELLED')`)
@Check('CHK_extension_request_technical_date', `"technical_issue_identified_on" IS NULL OR ("technical_issue_identified_on" <= "requested_on" AND "technical_issue_identified_on" <= "deadline_at_request")`)
@Check('CHK_extension_request_late_window', `"late_window_closes_on" > "deadline_at_request"`)
@Check('CHK_extension_request_granted', `"status" <> 'GRANTED' OR ("to_cohort_id" IS NOT NULL AND "new_deadline" > "deadline_at_request")`)
@Check('CHK_extension_request_decided', `"status" = 'REQUESTED' OR "decided_at" IS NOT NULL`)
export class ExtensionRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne('Participant', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: object;
  @Column({ type: 'varchar', length: 30 }) reason: ExtensionReason;
  @Column({ type: 'text' }) evidenceNotes: string;
  @Column({ type: 'date', nullable: true }) technicalIssueIdentifiedOn: LocalDate | null;
  /** ATS-27: made in the late window because the same unforeseen event prevented an earlier request. */
  @Column({ type: 'boolean', default: false }) preventedByUnforeseenEvent: boolean;
  @Column({ type: 'timestamptz' }) requestedAt: Date;
  @Column({ type: 'date' }) requestedOn: LocalDate;
  /** The deadline the request was made against. */
  @Column({ type: 'date' }) deadlineAtRequest: LocalDate;
  /** ATS-27, DEC-W1: the last day of the late window for that deadline (deadline + 5 working days); staff see requests still undecided after it. */
  @Column({ type: 'date' }) lateWindowClosesOn: LocalDate;
  @Column({ type: 'varchar', length: 10 }) status: ExtensionStatus;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) decisionReasons: string | null;
  /** ATS-26: the cohort whose deadline and review the participant moved to. */
  @Column({ type: 'uuid', nullable: true }) toCohortId: string | null;
  @ManyToOne('Cohort', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_cohort_id' })
  toCohort?: object;
  @Column({ type: 'date', nullable: true }) newDeadline: LocalDate | null;
  @VersionColumn() version: number;
}

/** Closes any undecided request when the participation moves on without it (submission or withdrawal). */
export async function cancelPendingExtensions(manager: EntityManager, participantId: string, why: string, at: Date): Promise<void> {
  await manager.update(ExtensionRequest, { participantId, status: ExtensionStatus.REQUESTED }, { status: ExtensionStatus.CANCELLED, decisionReasons: why, decidedAt: at });
}
