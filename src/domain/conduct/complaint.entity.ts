import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Member } from '../membership/member.entity';
import type { LocalDate } from '../shared/dates';
import { ConductAppeal } from './appeal.entity';
import { ComplainantKind, ComplaintOutcome, ComplaintStatus } from './conduct.enums';

/**
 * COP-7: a complaint under the complaints and appeals policy, from a member (signed in) or from the public (a contact
 * email confirmed first). Tokens are stored only as SHA-256 hashes.
 */
@Entity('complaint')
@Index(['status', 'receivedAt'])
@Index(['complainantMemberId', 'createdAt'])
@Index(['confirmationTokenHash'], { unique: true, where: `"confirmation_token_hash" IS NOT NULL` })
@Index(['statusTokenHash'], { unique: true, where: `"status_token_hash" IS NOT NULL` })
@Index(['contactEmail', 'createdAt'])
@Check('CHK_complaint_complainant', `("complainant_kind" = 'MEMBER' AND "complainant_member_id" IS NOT NULL) OR ("complainant_kind" = 'PUBLIC' AND "contact_email" IS NOT NULL)`)
export class Complaint {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 12, unique: true }) reference: string;
  @Column({ type: 'varchar', length: 8 }) complainantKind: ComplainantKind;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complainant_member_id' })
  complainantMember?: Member;
  @Column({ type: 'uuid', nullable: true }) complainantMemberId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) complainantName: string | null;
  /** The public complainant's address (lower case); mail about the complaint goes only here once confirmed. */
  @Column({ type: 'varchar', length: 320, nullable: true }) contactEmail: string | null;
  @Column({ type: 'varchar', length: 200 }) summary: string;
  @Column({ type: 'text' }) details: string;
  @Column({ type: 'varchar', length: 24 }) status: ComplaintStatus;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'varchar', length: 64, nullable: true }) confirmationTokenHash: string | null;
  @Column({ type: 'timestamptz', nullable: true }) confirmationExpiresAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) statusTokenHash: string | null;
  /** When the complaint was received (confirmed, for the public): the age and the targets run from here. */
  @Column({ type: 'timestamptz', nullable: true }) receivedAt: Date | null;
  @Column({ type: 'date', nullable: true }) receivedOn: LocalDate | null;
  @Column({ type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) assignedTo: string | null;
  @Column({ type: 'timestamptz', nullable: true }) assignedAt: Date | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: ComplaintOutcome | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) resolvedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  @ManyToOne(() => ConductAppeal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appeal_id' })
  appeal?: ConductAppeal;
  @Column({ type: 'uuid', nullable: true }) appealId: string | null;
  @VersionColumn() version: number;
}
