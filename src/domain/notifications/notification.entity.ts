import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum NotificationStatus {
  /** Written to the outbox; kept here until a sender delivers it (or for staff to read when no SMTP is configured). */
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/** The outbox: written in the same transaction as the change that causes it. */
@Entity('notification')
@Index(['createdAt', 'id'])
@Index(['recipientMemberId', 'createdAt'])
@Index(['status', 'createdAt'])
@Check('CHK_notification_attempts', `"attempts" >= 0`)
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', nullable: true }) recipientMemberId: string | null;
  @ManyToOne('Member', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recipient_member_id' })
  recipientMember?: object;
  @Column({ type: 'varchar', length: 320 }) toAddress: string;
  /** A stable template code front ends and staff can filter by, e.g. `MEMBERSHIP_APPLICATION_DECIDED`. */
  @Column({ type: 'varchar', length: 60 }) template: string;
  @Column({ type: 'varchar', length: 200 }) subject: string;
  @Column({ type: 'text' }) body: string;
  /** The rule that required this notice (COP-5, ATS-12, ...), when one did. */
  @Column({ type: 'varchar', length: 20, nullable: true }) rule: string | null;
  /** Makes sweeps idempotent: the same notice is never queued twice. */
  @Index({ unique: true, where: 'dedupe_key IS NOT NULL' })
  @Column({ type: 'varchar', length: 200, nullable: true }) dedupeKey: string | null;
  @Column({ type: 'varchar', length: 10, default: NotificationStatus.PENDING }) status: NotificationStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;
}
