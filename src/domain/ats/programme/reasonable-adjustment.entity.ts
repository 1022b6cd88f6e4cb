import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AdjustmentStatus } from './programme.enums';

/** ATS-13: a reasonable-adjustment request made during registration, and its agreed outcome. */
@Entity('reasonable_adjustment')
@Index(['participantId', 'requestedAt'])
export class ReasonableAdjustment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) participantId: string;
  @Column({ type: 'text' }) details: string;
  @Column({ type: 'timestamptz' }) requestedAt: Date;
  @Column({ type: 'varchar', length: 10 }) status: AdjustmentStatus;
  @Column({ type: 'text', nullable: true }) agreedOutcome: string | null;
  /** ATS-25.1: the agreed adjustment includes an extension to the submission deadline. */
  @Column({ type: 'boolean', default: false }) includesExtension: boolean;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
}
