import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { Member } from '../../membership/member.entity';
import { ProfessionalStatus } from '../professional-status.entity';

export enum ReaccreditationStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
}

/** ATS-50, DEC-R2: a holder's application to re-accredit, with a statement of continuing development. */
@Entity('reaccreditation')
@Index('UQ_reaccreditation_one_open', ['professionalStatusId'], { unique: true, where: `"status" = 'REQUESTED'` })
@Index(['status', 'appliedAt'])
@Check('CHK_reaccreditation_status', `"status" IN ('REQUESTED', 'APPROVED', 'REFUSED')`)
export class Reaccreditation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => ProfessionalStatus, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'professional_status_id' })
  professionalStatus?: ProfessionalStatus;
  @Column({ type: 'uuid' }) professionalStatusId: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Index()
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'text' }) statement: string;
  @Column({ type: 'timestamptz' }) appliedAt: Date;
  @Column({ type: 'date' }) appliedOn: LocalDate;
  /** The due date in force when the holder applied. */
  @Column({ type: 'date' }) dueOnAtApplication: LocalDate;
  @Column({ type: 'varchar', length: 10 }) status: ReaccreditationStatus;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) reasons: string | null;
  /** APPROVED: the next due date set (DEC-R1). */
  @Column({ type: 'date', nullable: true }) nextDueOn: LocalDate | null;
}

export const statusEntities = [Reaccreditation];
