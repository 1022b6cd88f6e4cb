import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn, type EntityManager } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { ExtensionReason, ExtensionStatus } from './programme.enums';

/** ATS-25..27: a request to extend the submission deadline, decided case by case with reasons. */
@Entity('extension_request')
@Index(['status', 'requestedAt'])
@Index(['participantId', 'requestedAt'])
export class ExtensionRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) participantId: string;
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
  @Column({ type: 'date', nullable: true }) newDeadline: LocalDate | null;
  @VersionColumn() version: number;
}

/** Closes any undecided request when the participation moves on without it (submission or withdrawal). */
export async function cancelPendingExtensions(manager: EntityManager, participantId: string, why: string, at: Date): Promise<void> {
  await manager.update(ExtensionRequest, { participantId, status: ExtensionStatus.REQUESTED }, { status: ExtensionStatus.CANCELLED, decisionReasons: why, decidedAt: at });
}
