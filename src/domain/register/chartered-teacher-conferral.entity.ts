import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../shared/dates';
import { Member } from '../membership/member.entity';
import { ProfessionalStatus } from './professional-status.entity';

/**
 * ATS-49: Chartered Teacher Status is conferred automatically at the ATS award and shared with the Chartered College
 * of Teaching within six weeks (`shareBy` = award + 42 days). The College pulls these through its feed and
 * acknowledges what it has stored.
 */
@Entity('chartered_teacher_conferral')
@Index(['acknowledgedAt', 'shareBy'])
export class CharteredTeacherConferral {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'uuid' }) memberId: string;
  /** The ATS status whose award conferred this; one conferral per award. */
  @ManyToOne(() => ProfessionalStatus, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'professional_status_id' })
  professionalStatus?: ProfessionalStatus;
  @Index({ unique: true })
  @Column({ type: 'uuid' }) professionalStatusId: string;
  @Column({ type: 'date' }) atsAwardedOn: LocalDate;
  @Column({ type: 'date' }) conferredOn: LocalDate;
  /** ATS-49: award + 42 days. */
  @Column({ type: 'date' }) shareBy: LocalDate;
  @Column({ type: 'timestamptz', nullable: true }) graduationInvitedAt: Date | null;
  /** When the College acknowledged storing this record (acknowledging again changes nothing). */
  @Column({ type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
