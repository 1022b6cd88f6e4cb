import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';

/** A qualification a member holds, recorded by the member from the approved lists (ATS-2, ATS-3, ATS-52). */
@Entity('member_qualification')
@Index(['memberId', 'approvedQualificationId'], { unique: true })
export class MemberQualification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) memberId: string;
  @ManyToOne('Member', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: object;
  @Column({ type: 'uuid' }) approvedQualificationId: string;
  @ManyToOne('ApprovedQualification', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_qualification_id' })
  approvedQualificationRow?: object;
  /** ATS-3: a certificate dated after the cohort's portfolio issue date is not accepted. */
  @Column({ type: 'date' }) certificateDate: LocalDate;
  @Column({ type: 'varchar', length: 40 }) grade: string;
  @Column({ type: 'varchar', length: 100 }) certificateReference: string;
  /** ATS-52: the member confirmed the certificate truly reflects the qualification and grade achieved. */
  @Column({ type: 'timestamptz' }) declaredAuthenticAt: Date;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
