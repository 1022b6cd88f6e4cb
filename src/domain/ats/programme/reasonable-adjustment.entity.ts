import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AdjustmentStatus } from './programme.enums';

/** ATS-13: a reasonable-adjustment request made during registration, and its agreed outcome. */
@Entity('reasonable_adjustment')
@Index(['participantId', 'requestedAt'])
@Check('CHK_reasonable_adjustment_status', `"status" IN ('REQUESTED', 'AGREED', 'DECLINED')`)
@Check('CHK_reasonable_adjustment_decided', `"status" = 'REQUESTED' OR "decided_at" IS NOT NULL`)
@Check('CHK_reasonable_adjustment_extension_only_if_agreed', `NOT "includes_extension" OR "status" = 'AGREED'`)
export class ReasonableAdjustment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne('Participant', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: object;
  @Column({ type: 'text' }) details: string;
  @Column({ type: 'timestamptz' }) requestedAt: Date;
  @Column({ type: 'varchar', length: 10 }) status: AdjustmentStatus;
  @Column({ type: 'text', nullable: true }) agreedOutcome: string | null;
  /** ATS-25.1: the agreed adjustment includes an extension to the submission deadline. */
  @Column({ type: 'boolean', default: false }) includesExtension: boolean;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
}
