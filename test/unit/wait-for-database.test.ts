import { startupBackoffMs, StartupError, waitForDatabase } from '../../src/db/wait-for-database';

const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

/** A fake clock the injected sleep advances, so the test waits for nothing. */
function fakeTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe('waitForDatabase (issue 8: start-up with DATABASE_URL set)', () => {
  const URL = 'postgres://app:secret@db.internal:5433/set_ats';

  it('retries with a doubling backoff, one line per attempt, until the database answers', async () => {
    const time = fakeTime();
    const lines: string[] = [];
    let calls = 0;
    const attempts = await waitForDatabase(URL, {
      waitSeconds: 60,
      log: (l) => lines.push(l),
      ...time,
      connect: async () => {
        if (++calls < 4) throw refused();
      },
    });
    expect(attempts).toBe(4);
    expect(lines).toEqual([
      'waiting for the database db.internal:5433/set_ats: attempt 1 failed (ECONNREFUSED); retrying in 0.5 s',
      'waiting for the database db.internal:5433/set_ats: attempt 2 failed (ECONNREFUSED); retrying in 1.0 s',
      'waiting for the database db.internal:5433/set_ats: attempt 3 failed (ECONNREFUSED); retrying in 2.0 s',
      'database db.internal:5433/set_ats is up after 4 attempts',
    ]);
    expect(lines.join('\n')).not.toContain('secret'); // the password never reaches the log
  });

  it('gives up after the configured time with one clear StartupError', async () => {
    const time = fakeTime();
    const lines: string[] = [];
    const attempt = waitForDatabase(URL, { waitSeconds: 10, log: (l) => lines.push(l), ...time, connect: async () => Promise.reject(refused()) });
    await expect(attempt).rejects.toThrow(StartupError);
    await expect(attempt).rejects.toThrow('the database db.internal:5433/set_ats did not answer within 10 s (5 attempts, last: ECONNREFUSED); check DATABASE_URL or raise DB_STARTUP_WAIT_SECONDS');
    expect(lines).toHaveLength(4); // 0.5 + 1 + 2 + 4 = 7.5 s; the next 8 s wait would pass 10 s
    expect(time.now()).toBeLessThanOrEqual(10_000);
  });

  it('does not wait for a wrong password or an unknown database: waiting cannot fix them', async () => {
    const attempt = waitForDatabase(URL, { waitSeconds: 60, log: () => undefined, ...fakeTime(), connect: async () => Promise.reject(Object.assign(new Error('password authentication failed'), { code: '28P01' })) });
    await expect(attempt).rejects.toThrow('the database db.internal:5433/set_ats refused the connection (28P01): check the user, password and database name in DATABASE_URL');
  });

  it('caps the backoff at 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(startupBackoffMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
