import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { ConductCase } from './conduct-case.entity';
import { AppealOutcome, AppealStatus, AppealSubject } from './conduct.enums';

/**
 * COP-6, COP-7, COP-3: an appeal against a conduct decision, or a complaint's outcome escalated to an appeal,
 * decided by a panel that shares nobody with the original decision.
 */
@Entity('conduct_appeal')
@Index(['caseId'], { unique: true, where: `"case_id" IS NOT NULL` })
@Index(['complaintId'], { unique: true, where: `"complaint_id" IS NOT NULL` })
@Index(['status', 'lodgedAt'])
@Check('CHK_conduct_appeal_subject', `("subject" = 'CONDUCT_DECISION' AND "case_id" IS NOT NULL) OR ("subject" = 'COMPLAINT_OUTCOME' AND "complaint_id" IS NOT NULL)`)
export class ConductAppeal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 12, unique: true }) reference: string;
  @Column({ type: 'varchar', length: 20 }) subject: AppealSubject;
  @ManyToOne(() => ConductCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  conductCase?: ConductCase;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  /** FK declared on Complaint's side would be circular; kept as a plain id with its own unique index. */
  @Column({ type: 'uuid', nullable: true }) complaintId: string | null;
  /** The member whose decision this is (the case subject), when there is one. */
  @Column({ type: 'uuid', nullable: true }) appellantMemberId: string | null;
  @Column({ type: 'text' }) grounds: string;
  @Column({ type: 'varchar', length: 64 }) lodgedBy: string;
  @Column({ type: 'timestamptz' }) lodgedAt: Date;
  @Column({ type: 'varchar', length: 16 }) status: AppealStatus;
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: AppealOutcome | null;
  @Column({ type: 'text', nullable: true }) reasons: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
  @VersionColumn() version: number;
}
