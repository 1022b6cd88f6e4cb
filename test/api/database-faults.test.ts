import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { DEMO_IDENTITIES } from '../../src/db/demo-identities';
import { createDatabase, dropDatabase, freePort } from '../../src/db/scratch-database';
import { Payment } from '../../src/domain/payments/payment.entity';
import { mintDevelopmentToken } from '../../src/graphql/auth';
import { FaultProxy } from '../support/fault-proxy';
import { participantWithAccount, paymentInput, RECORD_PAYMENT } from '../support/faults';
import { TEMPLATE_DB } from '../support/global-setup';
import { createTestApp, type TestApp } from '../support/harness';
import { startApi, until } from '../support/processes';

jest.setTimeout(90_000);

const MEMBERS = `{ members(first: 1) { nodes { id } } }`;
const adminUrl = () => process.env.TEST_PG_ADMIN_URL!;

/** Issue 8, item 3: a database that is frozen, down or saturated gives a retryable UNAVAILABLE (HTTP 503), never a hang or INTERNAL_SERVER_ERROR. */
describe('database faults reach clients as UNAVAILABLE with HTTP 503 and Retry-After (issue 8)', () => {
  let t: TestApp;
  let proxy: FaultProxy;
  let participantId: string;
  beforeAll(async () => {
    proxy = await FaultProxy.forUrl(adminUrl()).start();
    t = await createTestApp({
      connectVia: (url) => proxy.via(url),
      poolSize: 3,
      timeouts: { acquireTimeoutMs: 500, statementTimeoutMs: 1000, idleInTransactionTimeoutMs: 5000 },
      env: { READYZ_TIMEOUT_MS: '500', RETRY_AFTER_SECONDS: '7' },
    });
    participantId = await participantWithAccount(t);
  });
  afterAll(async () => {
    await proxy.up();
    await t.close();
    await proxy.stop();
  });
  afterEach(async () => {
    await proxy.up();
    await until(async () => (await t.http().get('/readyz')).status === 200);
  });

  async function post(query: string, variables?: Record<string, unknown>, alias = 'admin') {
    return t.http().post('/graphql').set('authorization', `Bearer ${t.token(alias)}`).send({ query, variables });
  }

  it('sets the pool acquire timeout, statement timeout and idle-in-transaction timeout on every pooled connection', async () => {
    const [{ statement_timeout }] = await t.dataSource.query('SHOW statement_timeout');
    const [{ idle_in_transaction_session_timeout }] = await t.dataSource.query('SHOW idle_in_transaction_session_timeout');
    expect({ statement_timeout, idle_in_transaction_session_timeout }).toEqual({ statement_timeout: '1s', idle_in_transaction_session_timeout: '5s' });
    expect((t.dataSource.driver as unknown as { master: { options: { connectionTimeoutMillis: number } } }).master.options.connectionTimeoutMillis).toBe(500);
  });

  it('answers a query and a payment with UNAVAILABLE, HTTP 503 and Retry-After while the database is frozen, and /readyz with 503 from its own timer', async () => {
    proxy.freeze();
    const ready = await t.http().get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers['x-unavailable-reason']).toBe('timeout'); // answered by its timer, not by the frozen server

    const read = await post(MEMBERS);
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toBe('7');
    expect(read.body.errors[0].extensions).toEqual({ code: 'UNAVAILABLE', retryAfterSeconds: 7 });

    const key = `key-frozen-${randomBytes(4).toString('hex')}`;
    const paid = await post(RECORD_PAYMENT, paymentInput(participantId, 1500, key), 'finance');
    expect(paid.status).toBe(503);
    expect(paid.body.errors[0].extensions.code).toBe('UNAVAILABLE');

    // Once the database answers again, retrying the payment with the same idempotency key applies it exactly once.
    await proxy.up();
    await until(async () => (await t.http().get('/readyz')).status === 200);
    let retried = await post(RECORD_PAYMENT, paymentInput(participantId, 1500, key), 'finance');
    // a connection frozen mid-query may still be draining its last answer: retry as a client would, on 503 only
    for (let i = 0; retried.status === 503 && i < 10; i++) retried = await post(RECORD_PAYMENT, paymentInput(participantId, 1500, key), 'finance');
    expect(retried.status).toBe(200);
    expect(retried.body.errors).toBeUndefined();
    const again = await post(RECORD_PAYMENT, paymentInput(participantId, 1500, key), 'finance');
    expect(again.body.data.recordPayment.id).toBe(retried.body.data.recordPayment.id);
    expect(await t.dataSource.getRepository(Payment).countBy({ idempotencyKey: key })).toBe(1);
  });

  it('answers UNAVAILABLE (503) when the database is down, and recovers by itself when it returns', async () => {
    await proxy.down();
    const read = await post(MEMBERS);
    expect(read.status).toBe(503);
    expect(read.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAVAILABLE']);
    const ready = await t.http().get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBe('7');

    await proxy.up();
    await until(async () => (await post(MEMBERS)).status === 200);
    expect((await t.http().get('/readyz')).status).toBe(200);
  });

  it('answers UNAVAILABLE when every pooled connection is busy past the acquire timeout, while /readyz (its own connection) stays 200', async () => {
    const held = await Promise.all([0, 1, 2].map(async () => {
      const runner = t.dataSource.createQueryRunner();
      await runner.startTransaction();
      await runner.query('SELECT 1');
      return runner;
    }));
    try {
      const read = await post(MEMBERS);
      expect(read.status).toBe(503);
      expect(read.body.errors[0].extensions.code).toBe('UNAVAILABLE');
      expect((await t.http().get('/readyz')).status).toBe(200);
    } finally {
      for (const r of held) {
        await r.rollbackTransaction().catch(() => undefined);
        await r.release();
      }
    }
    expect((await post(MEMBERS)).status).toBe(200);
  });

  it('answers UNAVAILABLE when a statement runs past the statement timeout (a table locked by another session)', async () => {
    const locker = new Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE member IN ACCESS EXCLUSIVE MODE');
      const read = await post(MEMBERS);
      expect(read.status).toBe(503);
      expect(read.body.errors[0].extensions.code).toBe('UNAVAILABLE');
      expect(read.body.errors[0].extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });
});

describe('start-up and shutdown with DATABASE_URL (issue 8)', () => {
  const dbName = `t_startup_${randomBytes(4).toString('hex')}`;
  let dbUrl: string;
  beforeAll(async () => {
    dbUrl = await createDatabase(adminUrl(), dbName, TEMPLATE_DB);
  });
  afterAll(async () => {
    await dropDatabase(adminUrl(), dbName);
  });

  it('waits for a database that is not up yet, one line per attempt, then starts; on SIGTERM drains the request in flight before closing the pool', async () => {
    const proxy = FaultProxy.forUrl(dbUrl);
    await proxy.start();
    await proxy.down(); // nothing listens on the port yet
    const port = await freePort();
    const api = startApi({ DATABASE_URL: proxy.via(dbUrl), PORT: String(port), DB_STARTUP_WAIT_SECONDS: '60', SWEEP_INTERVAL_SECONDS: '0', SEED_DEMO_DATA: 'false', SHUTDOWN_DRAIN_SECONDS: '20' });
    const locker = new Client({ connectionString: dbUrl });
    try {
      await api.waitFor(/waiting for the database .* attempt 2 failed \(ECONNREFUSED\); retrying in/);
      await proxy.up();
      await api.waitFor(/database .* is up after \d+ attempts/);
      await api.waitFor(/ready in \d+ ms/);
      expect(api.stderr).toEqual([]);
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);

      // A request held up by a lock is in flight when SIGTERM arrives.
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE member IN ACCESS EXCLUSIVE MODE');
      const admin = DEMO_IDENTITIES.find((i) => i.alias === 'admin')!;
      const token = mintDevelopmentToken(loadConfig({}).jwt, admin.subject, admin.roles);
      const inFlight = request(base).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: MEMBERS });
      const inFlightDone = inFlight.then((r) => r);
      await until(async () => (await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].n > 0);
      api.child.kill('SIGTERM');
      await api.waitFor(/shutting down: refusing new requests/);
      // New work is refused while the in-flight request drains.
      const refused = await fetch(`${base}/readyz`).then((r) => r.status, () => 'refused');
      expect([503, 'refused']).toContain(refused);
      await locker.query('COMMIT');
      const answered = await inFlightDone;
      expect(answered.status).toBe(200);
      expect(answered.body.errors).toBeUndefined();
      expect(await api.exited).toBe(0);
      expect(api.lines.some((l) => /"msg":"stopped"/.test(l))).toBe(true);
    } finally {
      await locker.end().catch(() => undefined);
      api.child.kill('SIGKILL');
      await proxy.stop();
    }
  });

  it('gives up after DB_STARTUP_WAIT_SECONDS with one clear line and exit code 1, not a stack', async () => {
    const closed = await freePort();
    const api = startApi({ DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${closed}/nowhere`, PORT: String(await freePort()), DB_STARTUP_WAIT_SECONDS: '1' });
    expect(await api.exited).toBe(1);
    expect(api.stderr).toEqual([expect.stringMatching(new RegExp(`^startup failed: the database 127\\.0\\.0\\.1:${closed}/nowhere did not answer within 1 s \\(\\d+ attempts, last: ECONNREFUSED\\)`))]);
    expect(api.lines.filter((l) => /waiting for the database/.test(l)).length).toBeGreaterThanOrEqual(1);
  });
});

describe('embedded PostgreSQL that a user cannot break (issue 8)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'set-faults-pg-'));
    fs.chmodSync(dir, 0o711);
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops a server orphaned by kill -9 of its API and starts normally; leaves no secret readable by others', async () => {
    const dataDir = path.join(dir, 'orphan');
    const port = await freePort();
    // A temp folder of its own (other programs on the machine write to the shared one): nothing may be left in it.
    const privateTmp = path.join(dir, 'tmp');
    fs.mkdirSync(privateTmp);
    fs.chmodSync(privateTmp, 0o1777);
    const moduleJs = JSON.stringify(path.join(__dirname, '..', '..', 'src', 'db', 'embedded-postgres.js'));
    const run = (script: string) => spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: privateTmp } });
    const output = (child: ReturnType<typeof run>, until: string) =>
      new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes(until)) resolve(out);
        });
        child.once('exit', (code) => (out.includes(until) ? resolve(out) : reject(new Error(`exited ${code}: ${out}`))));
      });

    // An "API" that starts the embedded server and is then killed with SIGKILL: its postgres lives on.
    const first = run(`require(${moduleJs}).startEmbeddedPostgres(${JSON.stringify(dataDir)}, ${port}, 'x').then(() => console.log('up'))`);
    await output(first, 'up');
    const orphanPid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect(() => process.kill(orphanPid, 0)).not.toThrow(); // the orphan still runs and holds the port

    // The next start stops the orphan and starts normally.
    const second = run(`
      const { Client } = require('pg');
      require(${moduleJs}).startEmbeddedPostgres(${JSON.stringify(dataDir)}, ${port}, 'x', { log: (l) => console.log('LOG ' + l) }).then(async (db) => {
        const c = new Client({ connectionString: db.url }); await c.connect();
        console.log('ROWS ' + JSON.stringify((await c.query('SELECT 1 AS one')).rows)); await c.end();
        console.log('DIR ' + db.dataDir); await db.stop(); console.log('done');
      })`);
    const out = await output(second, 'done');
    expect(out).toContain(`LOG stopping the embedded PostgreSQL left running by a previous run (pid ${orphanPid})`);
    expect(out).toContain('ROWS [{"one":1}]');
    expect(() => process.kill(orphanPid, 0)).toThrow();

    // No secrets for others: nothing left in the temp folder (no password file), a private data folder and log.
    expect(fs.readdirSync(privateTmp)).toEqual([]);
    const dataDirUsed = /DIR (.*)/.exec(out)![1];
    expect(fs.statSync(dataDirUsed).mode & 0o077).toBe(0);
    expect(fs.statSync(path.join(dataDirUsed, 'postgres.log')).mode & 0o077).toBe(0);
  });

  it('restarts the embedded server when it dies while the API runs, and /readyz recovers', async () => {
    const port = await freePort();
    const api = startApi({ EMBEDDED_PG_DIR: path.join(dir, 'api'), EMBEDDED_PG_PORT: String(port), PORT: String(await freePort()), SWEEP_INTERVAL_SECONDS: '0', SEED_DEMO_DATA: 'false' });
    try {
      const readyLine = await api.waitFor(/ready in \d+ ms/, 60_000);
      const apiPort = Number(/localhost:(\d+)/.exec(readyLine)![1]);
      const pgPid = Number(fs.readFileSync(path.join(dir, 'api', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pgPid, 'SIGKILL');
      await api.waitFor(/the embedded PostgreSQL stopped unexpectedly; restarting it/);
      await api.waitFor(/embedded PostgreSQL restarted/, 60_000);
      await until(async () => (await fetch(`http://127.0.0.1:${apiPort}/readyz`)).status === 200);
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    } finally {
      api.child.kill('SIGKILL');
    }
  });
});
