import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Member } from './member.entity';

/**
 * DEC-J1: a member's request to change their email, confirmed with a one-time token sent to the new address. The
 * answer to the request is the same whether or not the address is taken, so it reveals nobody's membership. Only the
 * SHA-256 hash of the token is stored.
 */
@Entity('email_change_request')
@Index(['memberId', 'requestedAt'])
@Check('CHK_email_change_request_expiry', `"expires_at" > "requested_at"`)
export class EmailChangeRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) memberId: string;
  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'varchar', length: 320 }) newEmail: string;
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'timestamptz' }) requestedAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
}
