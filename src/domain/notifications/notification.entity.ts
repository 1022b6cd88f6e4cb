import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum NotificationStatus {
  /** Written to the outbox; kept here until a sender delivers it (or for staff to read when no SMTP is configured). */
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Before issue 8: given up after five attempts. No longer written (retries now run for MAIL_RETRY_HOURS); kept so old rows read. */
  FAILED = 'FAILED',
  /** The relay refused it permanently, or kept failing for the whole retry period (MAIL_RETRY_HOURS, 72 h by default). */
  UNDELIVERABLE = 'UNDELIVERABLE',
}

/**
 * Delivery order (issue 8): transactional notices (payment confirmations, decisions, anything about one person's own
 * case) go before reminders, and reminders before broadcasts to every member (COP-5).
 */
export enum NotificationPriority {
  TRANSACTIONAL = 0,
  REMINDER = 5,
  BROADCAST = 9,
}

/** The outbox: written in the same transaction as the change that causes it. */
@Entity('notification')
@Index(['createdAt', 'id'])
@Index(['recipientMemberId', 'createdAt'])
@Index(['status', 'createdAt'])
@Check('CHK_notification_attempts', `"attempts" >= 0`)
// The dispatcher's claim: pending notices that are due, most urgent first.
@Index('IDX_notification_due', ['priority', 'createdAt'], { where: `status = 'PENDING'` })
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
  @Column({ type: 'varchar', length: 16, default: NotificationStatus.PENDING }) status: NotificationStatus;
  /** NotificationPriority: lower goes first. Set from the template when queued. */
  @Column({ type: 'smallint', default: NotificationPriority.TRANSACTIONAL }) priority: number;
  /** Not tried again before this instant (exponential backoff after a failure); null = due now. */
  @Column({ type: 'timestamptz', nullable: true }) nextAttemptAt: Date | null;
  /** The first failed attempt: retries stop MAIL_RETRY_HOURS after it. */
  @Column({ type: 'timestamptz', nullable: true }) firstFailedAt: Date | null;
  /** A dispatcher's claim: until this instant no other dispatcher takes the notice; an expired lease is taken over. */
  @Column({ type: 'timestamptz', nullable: true }) leaseUntil: Date | null;
  /** Which dispatcher holds the lease (instance id and run). */
  @Column({ type: 'varchar', length: 80, nullable: true }) leaseOwner: string | null;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;

  /** Every delivery attempt carries this Message-ID, so a copy re-sent after a crash is recognisable as the same email. */
  get messageId(): string {
    return noticeMessageId(this.id);
  }
}

export function noticeMessageId(id: string): string {
  return `<notice-${id}@set-professional-status.api>`;
}
