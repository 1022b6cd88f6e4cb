import nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { Clock } from '../shared/clock';
import { Notification, NotificationStatus } from './notification.entity';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

export class SmtpMailSender implements MailSender {
  private readonly transport;
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }
  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }
}

const MAX_ATTEMPTS = 5;

/**
 * Delivers the outbox. Rows are claimed with SKIP LOCKED so several instances can run it at once
 * without sending a notice twice. Without a sender configured, notices are kept for staff to read.
 */
export class OutboxDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: MailSender,
    private readonly clock: Clock,
  ) {}

  /** Sends up to `limit` pending notices; returns how many were sent. */
  async dispatchBatch(limit = 20): Promise<number> {
    let sent = 0;
    await this.dataSource.transaction(async (manager) => {
      const batch = await manager
        .getRepository(Notification)
        .createQueryBuilder('n')
        .where('n.status = :pending', { pending: NotificationStatus.PENDING })
        .orderBy('n.created_at', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const n of batch) {
        try {
          await this.sender.send({ to: n.toAddress, subject: n.subject, text: n.body });
          await manager.update(Notification, n.id, { status: NotificationStatus.SENT, sentAt: this.clock.now(), attempts: n.attempts + 1 });
          sent++;
        } catch (error) {
          const attempts = n.attempts + 1;
          await manager.update(Notification, n.id, {
            attempts,
            status: attempts >= MAX_ATTEMPTS ? NotificationStatus.FAILED : NotificationStatus.PENDING,
            lastError: String((error as Error)?.message ?? error).slice(0, 200),
          });
        }
      }
    });
    return sent;
  }
}
