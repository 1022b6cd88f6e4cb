import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { AtsApplicationStatus } from './application.enums';

/** ATS-4..8: a member's application to undertake the developmental process leading to ATS. */
@Entity('ats_application')
@Index(['submittedAt', 'id'])
@Index(['status', 'decisionDueOn'])
@Index(['memberId', 'submittedAt'])
// A member has at most one undecided application; the database settles a race between two submissions.
@Index('UQ_ats_application_one_undecided_per_member', ['memberId'], { unique: true, where: `status = 'SUBMITTED'` })
@Check('CHK_ats_application_due_after_submission', `"decision_due_on" > "submitted_on"`)
@Check('CHK_ats_application_decided', `"status" NOT IN ('SUCCESSFUL', 'UNSUCCESSFUL') OR "decided_at" IS NOT NULL`)
@Check('CHK_ats_application_used_only_if_successful', `"used_by_participant_id" IS NULL OR "status" = 'SUCCESSFUL'`)
@Check('CHK_ats_application_not_own_resubmission', `"resubmission_of_id" IS NULL OR "resubmission_of_id" <> "id"`)
export class AtsApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 16, unique: true }) reference: string;
  @Column({ type: 'uuid' }) memberId: string;
  @ManyToOne('Member', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: object;
  /** ATS-6: the official template version the form was completed on (current when submitted). */
  @Column({ type: 'uuid' }) templateVersionId: string;
  @ManyToOne('ApplicationTemplateVersion', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_version_id' })
  templateVersion?: object;
  /** ATS-4: restarts apply too; the registration step reads this. */
  @Column({ type: 'boolean' }) isRestart: boolean;
  @Column({ type: 'text' }) eligibilityStatement: string;
  /** ATS-2: the member's recorded qualifications relied on (ITT, English and maths). */
  @Column({ type: 'uuid', array: true }) qualificationIds: string[];
  @Column({ type: 'varchar', length: 12 }) status: AtsApplicationStatus;
  @Column({ type: 'timestamptz' }) submittedAt: Date;
  /** The London date of submission (ATS-5). */
  @Column({ type: 'date' }) submittedOn: LocalDate;
  /** ATS-7, ATS-8: a decision is due within eight weeks (56 days) of submission. */
  @Column({ type: 'date' }) decisionDueOn: LocalDate;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) decisionReasons: string | null;
  /** ATS-7: the unsuccessful application this one resubmits; unique, so an application is resubmitted at most once. */
  @Column({ type: 'uuid', nullable: true, unique: true }) resubmissionOfId: string | null;
  @ManyToOne('AtsApplication', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resubmission_of_id' })
  resubmissionOf?: object;
  /** ATS-11: the participant whose registration used this successful application. */
  @Column({ type: 'uuid', nullable: true, unique: true }) usedByParticipantId: string | null;
  @ManyToOne('Participant', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'used_by_participant_id' })
  usedByParticipant?: object;
  @Column({ type: 'timestamptz', nullable: true }) usedForRegistrationAt: Date | null;
  @VersionColumn() version: number;
}
