import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import { Member } from '../membership/member.entity';
import { AppealedAwardDecision, AwardAppealOutcome, AwardAppealRemedy, AwardAppealStatus } from './conduct.enums';

/**
 * COP-7: an appeal under the QTLS and ATS awards appeals policy against a decision not to award. Staff record the
 * review and the outcome; an upheld appeal grants the step the decision blocked (`remedy`), applied through the
 * AwardAppealEffects port.
 */
@Entity('award_appeal')
@Index(['participantId', 'decisionAppealed'], { unique: true })
@Index(['status', 'lodgedAt'])
export class AwardAppeal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 12, unique: true }) reference: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'varchar', length: 30 }) decisionAppealed: AppealedAwardDecision;
  @Column({ type: 'text' }) grounds: string;
  @Column({ type: 'varchar', length: 64 }) lodgedBy: string;
  @Column({ type: 'timestamptz' }) lodgedAt: Date;
  @Column({ type: 'varchar', length: 14 }) status: AwardAppealStatus;
  @Column({ type: 'text', nullable: true }) reviewNotes: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) reviewer: string | null;
  @Column({ type: 'timestamptz', nullable: true }) reviewStartedAt: Date | null;
  @Column({ type: 'varchar', length: 12, nullable: true }) outcome: AwardAppealOutcome | null;
  @Column({ type: 'text', nullable: true }) reasons: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
  /** The permission an upheld appeal granted (a new VIVA, or the award). */
  @Column({ type: 'varchar', length: 18, nullable: true }) remedy: AwardAppealRemedy | null;
  /** Which port implementation applied the remedy (RECORDED_ON_APPEAL until the VIVA/award area is wired in). */
  @Column({ type: 'varchar', length: 40, nullable: true }) remedyAppliedBy: string | null;
  @VersionColumn() version: number;
}
