import { createHash, randomBytes } from 'node:crypto';
import { LessThan, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { NotificationService } from '../notifications/notification.service';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/errors';
import { ViolationCondition } from '../shared/violation-conditions';
import type { UnitOfWork } from '../shared/unit-of-work';
import type { Viewer } from '../shared/viewer';
import { MembershipApplication } from './membership-application.entity';

/**
 * The public join form must not send mail to strangers nor fill the database (issue 7): the applicant first gets
 * one FIXED confirmation message (nothing they typed, not even their name) with a single-use link; the application
 * reaches the panel (COP-2) only once confirmed, and unconfirmed ones are deleted when they expire.
 */
export interface JoinConfirmationSettings {
  /** Unconfirmed applications expire after this many hours (JOIN_CONFIRMATION_HOURS, default 72). */
  hours: number;
  /** The link's base; the token is appended (JOIN_CONFIRMATION_URL). */
  url: string;
}

export const DEFAULT_JOIN_CONFIRMATION: JoinConfirmationSettings = { hours: 72, url: 'https://set.example/join/confirm?token=' };

export const JOIN_CONFIRMATION_TEMPLATE = 'MEMBERSHIP_APPLICATION_CONFIRM';
export const JOIN_CONFIRMATION_SUBJECT = 'Confirm your email address for SET membership';

export function hashConfirmationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Sets the confirmation fields on a new application and returns the token to email (only its hash is stored). */
export function issueConfirmation(application: MembershipApplication, now: Date, settings: JoinConfirmationSettings): string {
  const token = randomBytes(32).toString('base64url');
  application.confirmationTokenHash = hashConfirmationToken(token);
  application.confirmedAt = null;
  application.confirmationExpiresAt = new Date(now.getTime() + settings.hours * 3_600_000);
  return token;
}

/** The one message an unconfirmed address receives: fixed text, our link, nothing the applicant wrote. */
export async function sendConfirmationRequest(manager: EntityManager, notifications: NotificationService, toAddress: string, token: string, settings: JoinConfirmationSettings): Promise<void> {
  await notifications.enqueue(manager, {
    toAddress,
    template: JOIN_CONFIRMATION_TEMPLATE,
    subject: JOIN_CONFIRMATION_SUBJECT,
    body:
      `Someone asked to join the Society for Education and Training with this email address.\n\n` +
      `To confirm the application, open this link within ${settings.hours} hours:\n${settings.url}${token}\n\n` +
      `If it was not you, ignore this message: the application will be deleted and you will not hear from us again.`,
    rule: 'COP-2',
  });
}

const invalidToken = () =>
  new DomainError('RULE_VIOLATION', 'This confirmation link is not valid or has expired; apply again', 'COP-2', [
    { rule: 'COP-2', condition: ViolationCondition.CONFIRMATION_INVALID, field: 'token', message: 'The confirmation token is unknown or expired' },
  ]);

/**
 * Confirms the address of an application from the emailed token. Idempotent (a second click answers the same), and
 * expiry is decided from the clock when asked, not only by the sweep. Calls `onConfirmed` once, in the transaction.
 */
export async function confirmApplication(
  uow: UnitOfWork,
  clock: Clock,
  viewer: Viewer,
  token: string,
  onConfirmed: (manager: EntityManager, application: MembershipApplication) => Promise<void>,
): Promise<MembershipApplication> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw invalidToken();
  const tokenHash = hashConfirmationToken(token);
  return uow.run(viewer, async (manager) => {
    const application = await manager.findOne(MembershipApplication, { where: { confirmationTokenHash: tokenHash }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw invalidToken();
    const audit = { action: 'membershipApplication.confirm', targetType: 'membership_application', targetId: application.id };
    if (application.confirmedAt) return { result: application, audit };
    if (!application.confirmationExpiresAt || application.confirmationExpiresAt.getTime() <= clock.now().getTime()) throw invalidToken();
    application.confirmedAt = clock.now();
    await manager.save(application);
    await onConfirmed(manager, application);
    return { result: application, audit };
  });
}

/** The sweep: deletes unconfirmed applications past their expiry (idempotent). */
export async function deleteExpiredUnconfirmed(dataSource: DataSource, clock: Clock): Promise<number> {
  const result = await dataSource.getRepository(MembershipApplication).delete({ confirmedAt: IsNull(), confirmationExpiresAt: LessThan(clock.now()) });
  return result.affected ?? 0;
}
