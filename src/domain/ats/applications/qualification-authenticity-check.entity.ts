import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { AuthenticityCheckResult } from './application.enums';

/** ATS-52: a query SET made to an awarding body about a member's certificate, and its result. Notes are staff-only. */
@Entity('qualification_authenticity_check')
@Index(['memberQualificationId', 'queriedOn'])
@Index(['memberId'])
export class QualificationAuthenticityCheck {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) memberQualificationId: string;
  @ManyToOne('MemberQualification', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_qualification_id' })
  memberQualification?: object;
  @Column({ type: 'uuid' }) memberId: string;
  @ManyToOne('Member', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: object;
  @Column({ type: 'date' }) queriedOn: LocalDate;
  @Column({ type: 'varchar', length: 200 }) awardingBody: string;
  @Column({ type: 'varchar', length: 12 }) result: AuthenticityCheckResult;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ type: 'varchar', length: 64 }) recordedBy: string;
  @Column({ type: 'timestamptz' }) recordedAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}
