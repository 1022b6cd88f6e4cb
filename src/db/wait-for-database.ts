import { Client } from 'pg';

/** A start-up failure the user can act on: printed as one line, without a stack. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface WaitOptions {
  /** Give up after this long (DB_STARTUP_WAIT_SECONDS); 0 = one attempt. */
  waitSeconds: number;
  log: (line: string) => void;
  /** Injected in tests. */
  connect?: (url: string) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Errors that will not go away by waiting: wrong password, unknown database or role, bad URL. */
const FATAL_SQLSTATES = new Set(['28P01', '28000', '3D000', '42501']);

/** Backoff between attempts: 0.5 s doubling to 8 s. */
export function startupBackoffMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** Math.max(0, attempt - 1));
}

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.message === 'string' ? e.message.slice(0, 80) : 'unknown error';
}

async function connectOnce(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Issue 8: with DATABASE_URL set and the server not up yet (containers starting together, a database restarting), start-up
 * waits and retries with backoff for `waitSeconds`, one log line per attempt, then gives up with one clear line.
 */
export async function waitForDatabase(url: string, options: WaitOptions): Promise<number> {
  const connect = options.connect ?? connectOnce;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const where = describe(url);
  const deadline = now() + options.waitSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await connect(url);
      if (attempt > 1) options.log(`database ${where} is up after ${attempt} attempts`);
      return attempt;
    } catch (error) {
      const reason = reasonOf(error);
      if (FATAL_SQLSTATES.has(reason)) throw new StartupError(`the database ${where} refused the connection (${reason}): check the user, password and database name in DATABASE_URL`);
      const delay = startupBackoffMs(attempt);
      if (now() + delay > deadline) {
        throw new StartupError(`the database ${where} did not answer within ${options.waitSeconds} s (${attempt} attempts, last: ${reason}); check DATABASE_URL or raise DB_STARTUP_WAIT_SECONDS`);
      }
      options.log(`waiting for the database ${where}: attempt ${attempt} failed (${reason}); retrying in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay);
    }
  }
}
