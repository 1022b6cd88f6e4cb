import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { OPEN_STATES } from './participant-state';
import { AttemptKind, ParticipantStatus, PaymentPlan, WithdrawalKind } from './programme.enums';

/** A member's participation in one attempt at ATS, from registration to submission (and, later, award). */
@Entity('participant')
@Index(['memberId', 'registeredAt'])
@Index(['cohortId', 'status'])
@Index(['status', 'deadline'])
// ATS-11: one participation in progress per member; the database settles a race between two registrations.
@Index('UQ_participant_one_open_per_member', ['memberId'], { unique: true, where: `status IN (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})` })
@Check('CHK_participant_fee', `"fee_pence" >= 0`)
@Check('CHK_participant_withdrawn', `("status" = 'WITHDRAWN') = ("withdrawn_at" IS NOT NULL AND "withdrawal_kind" IS NOT NULL)`)
@Check('CHK_participant_submitted', `"status" <> 'SUBMITTED' OR "submitted_at" IS NOT NULL`)
@Check('CHK_participant_deadline_after_registration', `"deadline" > "registration_date"`)
export class Participant {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) memberId: string;
  @ManyToOne('Member', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: object;
  /** ATS-11: the successful application this registration used. */
  @Column({ type: 'uuid', unique: true }) applicationId: string;
  @ManyToOne('AtsApplication', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: object;
  @Column({ type: 'uuid' }) registrationWindowId: string;
  @ManyToOne('RegistrationWindow', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'registration_window_id' })
  registrationWindow?: object;
  /** The cohort registered into; portfolio issue and cooling off run from its issue date. */
  @Column({ type: 'uuid' }) originalCohortId: string;
  @ManyToOne('Cohort', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'original_cohort_id' })
  originalCohort?: object;
  /** The cohort whose deadline and review apply now (moves on a granted extension, ATS-26). */
  @Column({ type: 'uuid' }) cohortId: string;
  @ManyToOne('Cohort', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: object;
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
