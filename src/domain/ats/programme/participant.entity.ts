import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { AttemptKind, ParticipantStatus, PaymentPlan, WithdrawalKind } from './programme.enums';

/** A member's participation in one attempt at ATS, from registration to submission (and, later, award). */
@Entity('participant')
@Index(['memberId', 'registeredAt'])
@Index(['cohortId', 'status'])
@Index(['status', 'deadline'])
export class Participant {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) memberId: string;
  /** ATS-11: the successful application this registration used. */
  @Column({ type: 'uuid', unique: true }) applicationId: string;
  @Column({ type: 'uuid' }) registrationWindowId: string;
  /** The cohort registered into; portfolio issue and cooling off run from its issue date. */
  @Column({ type: 'uuid' }) originalCohortId: string;
  /** The cohort whose deadline and review apply now (moves on a granted extension, ATS-26). */
  @Column({ type: 'uuid' }) cohortId: string;
  @Column({ type: 'varchar', length: 8 }) attemptKind: AttemptKind;
  @Column({ type: 'varchar', length: 24 }) status: ParticipantStatus;
  @Column({ type: 'timestamptz' }) registeredAt: Date;
  @Column({ type: 'date' }) registrationDate: LocalDate;
  /** ATS-14: fixed at registration, in pence. */
  @Column({ type: 'int' }) feePence: number;
  @Column({ type: 'varchar', length: 20 }) paymentPlan: PaymentPlan;
  /** The participant's submission deadline: the cohort's, or a later cohort's after an extension (ATS-21, ATS-26). */
  @Column({ type: 'date' }) deadline: LocalDate;
  @Column({ type: 'timestamptz', nullable: true }) portfolioIssuedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) supportingStatementObtainedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) sharedWithSetAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) withdrawalKind: WithdrawalKind | null;
  @Column({ type: 'text', nullable: true }) withdrawalReason: string | null;
  @VersionColumn() version: number;
}
