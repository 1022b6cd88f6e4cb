import { priorityOfTemplate } from '../../src/domain/notifications/notification.service';
import { NotificationPriority } from '../../src/domain/notifications/notification.entity';
import { isPermanentFailure, retryDelaySeconds } from '../../src/domain/notifications/outbox-dispatcher';
import { loadConfig } from '../../src/config';

describe('mail retry policy (issue 8)', () => {
  it('doubles the delay after each failure from 30 s, capped at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelaySeconds(n, 30, 3600))).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('treats only a 5xx refusal of the address as permanent; connection, auth, timeouts and 4xx are retried', () => {
    expect(isPermanentFailure({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentFailure({ code: 'EENVELOPE', responseCode: 452 })).toBe(false);
    expect(isPermanentFailure({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isPermanentFailure({ code: 'ETIMEDOUT' })).toBe(false);
    expect(isPermanentFailure({ code: 'ECONNECTION', responseCode: 554 })).toBe(false);
  });

  it('puts transactional notices first, reminders next, broadcasts last', () => {
    expect(priorityOfTemplate('ATS_PAYMENT_CONFIRMED')).toBe(NotificationPriority.TRANSACTIONAL);
    expect(priorityOfTemplate('MEMBERSHIP_APPLICATION_DECIDED')).toBe(NotificationPriority.TRANSACTIONAL);
    expect(priorityOfTemplate('ATS_REGISTRATION_INVITATION')).toBe(NotificationPriority.REMINDER);
    expect(priorityOfTemplate('ATS_FEE_BALANCE_OVERDUE')).toBe(NotificationPriority.REMINDER);
    expect(priorityOfTemplate('CODE_OF_PRACTICE_CHANGED')).toBe(NotificationPriority.BROADCAST);
  });

  it('reads the fault settings with their documented defaults, and refuses a drain shorter than the lock timeout', () => {
    const f = loadConfig({}).faults;
    expect(f).toMatchObject({ dbAcquireTimeoutMs: 3000, dbStatementTimeoutMs: 15_000, dbIdleInTransactionTimeoutMs: 30_000, dbStartupWaitSeconds: 60, readyzTimeoutMs: 800, shutdownDrainSeconds: 20 });
    expect(f.mail).toMatchObject({ retryHours: 72, batchSize: 50, concurrency: 5, leaseSeconds: 300 });
    expect(() => loadConfig({ SHUTDOWN_DRAIN_SECONDS: '5' })).toThrow('SHUTDOWN_DRAIN_SECONDS must be between 6 and 600');
  });
});
