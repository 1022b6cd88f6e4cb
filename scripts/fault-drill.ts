import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { buildDataSource } from '../src/db/data-source';
import { DEMO_IDENTITIES, DEMO_MEMBERS } from '../src/db/demo-identities';
import { createDatabase, dropDatabase, freePort, startScratchServer } from '../src/db/scratch-database';
import { Cohort } from '../src/domain/ats/programme/cohort.entity';
import { Participant } from '../src/domain/ats/programme/participant.entity';
import { AttemptKind, ParticipantStatus, PaymentPlan } from '../src/domain/ats/programme/programme.enums';
import { createServices } from '../src/domain/services';
import { SystemClock } from '../src/domain/shared/clock';
import { addMonths, londonInstant } from '../src/domain/shared/dates';
import { mintDevelopmentToken } from '../src/graphql/auth';
import { FaultProxy } from '../test/support/fault-proxy';
import { TestRelay } from '../test/support/faults';

/**
 * Issue 8, item 7: the fault drill. Starts its own API process (`dist/src/main.js`) on a scratch database reached
 * through a fault-injecting TCP proxy, with a local SMTP relay, then runs each scenario under a steady load of payments
 * (each of which queues a confirmation email) while a second client samples /readyz. For each scenario it prints:
 * requests, errors by code, acknowledged versus stored payments, /readyz worst latency, and recovery seconds (from the
 * end of the fault to the first acknowledged payment). Bounded: about DRILL_FAULT_SECONDS per scenario.
 *
 *   npm run build && npm run fault-drill            (DRILL_FAULT_SECONDS=5, DRILL_WORKERS=8 by default)
 */
const FAULT_SECONDS = Number(process.env.DRILL_FAULT_SECONDS ?? 5);
const WORKERS = Number(process.env.DRILL_WORKERS ?? 8);
const MAIN_JS = path.join(__dirname, '..', 'src', 'main.js');

interface Tally {
  requests: number;
  codes: Map<string, number>;
  acknowledged: Set<string>;
  attempted: Set<string>;
  lastAckAt: number;
  readyzWorstMs: number;
  readyz: Map<number | string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const scratch = await startScratchServer();
  const dbName = `drill_${randomBytes(4).toString('hex')}`;
  const dbUrl = await createDatabase(scratch.adminUrl, dbName);
  const proxy = await FaultProxy.forUrl(dbUrl).start();
  const relay = await new TestRelay().start();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: proxy.via(dbUrl),
    PORT: String(port),
    SMTP_URL: relay.url,
    MAIL_POLL_SECONDS: '1',
    MAIL_LEASE_SECONDS: '10',
    MAIL_RETRY_BASE_SECONDS: '1',
    MAIL_RETRY_MAX_SECONDS: '2',
    SMTP_CONNECTION_TIMEOUT_MS: '2000',
    SMTP_GREETING_TIMEOUT_MS: '2000',
    SMTP_SOCKET_TIMEOUT_MS: '2000',
    DB_ACQUIRE_TIMEOUT_MS: '1000',
    DB_STATEMENT_TIMEOUT_MS: '2000',
    READYZ_TIMEOUT_MS: '500',
    RETRY_AFTER_SECONDS: '1',
    SWEEP_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'warn',
  };
  let api = startApi(env);
  const direct = buildDataSource(dbUrl, { poolSize: 2 });
  const logLines: string[] = [];
  try {
    await waitReady(base, 120_000);
    await direct.initialize();
    const participants = await Promise.all(DEMO_MEMBERS.slice(0, WORKERS).map((m) => openParticipant(direct, m.id)));
    const finance = DEMO_IDENTITIES.find((i) => i.alias === 'finance')!;
    const token = mintDevelopmentToken(loadConfig({}).jwt, finance.subject, finance.roles);

    const scenarios: { name: string; fault: () => Promise<void>; heal: () => Promise<void> }[] = [
      { name: 'baseline (no fault)', fault: async () => undefined, heal: async () => undefined },
      { name: 'database frozen (proxy passes no byte)', fault: async () => proxy.freeze(), heal: () => proxy.up() },
      { name: 'database down (connections cut, port closed)', fault: () => proxy.down(), heal: () => proxy.up() },
      ...lockScenario(dbUrl),
      { name: 'mail relay hangs (accepts, never greets)', fault: async () => void (relay.mode = 'hang'), heal: async () => ((relay.mode = 'accept'), relay.releaseHung()) },
      { name: 'mail relay refuses (421)', fault: async () => void (relay.mode = 'refuse'), heal: async () => void (relay.mode = 'accept') },
      {
        name: 'API killed with SIGKILL mid-load (and mid-mail-batch), then restarted',
        fault: async () => {
          relay.mode = 'hang'; // a batch is in flight when the API dies
          await sleep(1500);
          api.child.kill('SIGKILL');
          await api.exited;
        },
        heal: async () => {
          relay.mode = 'accept';
          relay.releaseHung();
          api = startApi(env);
        },
      },
    ];

    const rows: string[] = [];
    for (const scenario of scenarios) {
      const tally: Tally = { requests: 0, codes: new Map(), acknowledged: new Set(), attempted: new Set(), lastAckAt: 0, readyzWorstMs: 0, readyz: new Map() };
      let running = true;
      let faultOver = 0;
      const load = Array.from({ length: WORKERS }, (_, i) => worker(base, token, participants[i % participants.length], tally, () => running));
      const sampler = sampleReadyz(base, tally, () => running);
      await sleep(1000);
      await scenario.fault();
      await sleep(FAULT_SECONDS * 1000);
      await scenario.heal();
      faultOver = Date.now();
      // Recovery: the first payment acknowledged after the fault ended (bounded at 60 s).
      const deadline = faultOver + 60_000;
      while (tally.lastAckAt < faultOver && Date.now() < deadline) await sleep(50);
      const recovery = tally.lastAckAt >= faultOver ? (tally.lastAckAt - faultOver) / 1000 : NaN;
      await sleep(1000);
      running = false;
      await Promise.all([...load, sampler]);
      const stored = await storedPayments(direct, [...tally.attempted]);
      const lost = [...tally.acknowledged].filter((k) => !stored.has(k)).length;
      const codes = [...tally.codes.entries()].sort().map(([c, n]) => `${c}=${n}`).join(' ');
      const readyz = [...tally.readyz.entries()].map(([c, n]) => `${c}x${n}`).join(' ');
      rows.push(
        `${scenario.name}\n  requests ${tally.requests}; by result: ${codes}\n  payments acknowledged ${tally.acknowledged.size}, stored ${stored.size}, acknowledged but not stored ${lost}, stored without acknowledgement ${stored.size - (tally.acknowledged.size - lost)}\n  /readyz: ${readyz}; worst ${tally.readyzWorstMs} ms\n  recovery ${Number.isNaN(recovery) ? 'not within 60 s' : `${recovery.toFixed(2)} s`}`,
      );
      process.stdout.write(`${rows[rows.length - 1]}\n`);
    }

    // Mail: every payment confirmation queued during the drill is delivered, none lost; re-sends carry the same Message-ID.
    const mailDeadline = Date.now() + 60_000;
    let pending = 0;
    do {
      await sleep(1000);
      pending = (await direct.query(`SELECT count(*)::int AS n FROM notification WHERE status = 'PENDING'`))[0].n;
    } while (pending > 0 && Date.now() < mailDeadline);
    const [{ sent, undeliverable, total }] = await direct.query(
      `SELECT count(*) FILTER (WHERE status = 'SENT')::int AS sent, count(*) FILTER (WHERE status = 'UNDELIVERABLE')::int AS undeliverable, count(*)::int AS total FROM notification`,
    );
    const ids = relay.received.map((m) => m.messageId);
    const unique = new Set(ids).size;
    const mailLine = `mail: ${total} notices queued, ${sent} sent, ${pending} still pending, ${undeliverable} undeliverable; relay received ${ids.length} emails, ${unique} distinct Message-IDs (${ids.length - unique} re-sends recognisable by Message-ID)`;
    process.stdout.write(`${mailLine}\n`);
    logLines.push(...rows, mailLine);
  } finally {
    api.child.kill('SIGTERM');
    await Promise.race([api.exited, sleep(25_000)]);
    api.child.kill('SIGKILL');
    if (direct.isInitialized) await direct.destroy();
    await relay.stop();
    await proxy.stop();
    await dropDatabase(scratch.adminUrl, dbName).catch(() => undefined);
    await scratch.stop();
  }
  fs.writeFileSync(path.join(os.tmpdir(), 'fault-drill-last.txt'), `${logLines.join('\n')}\n`, { mode: 0o600 });
}

/** A table lock held by another session for the fault: payments wait past the statement timeout. */
function lockScenario(dbUrl: string) {
  let locker: Client | null = null;
  return [
    {
      name: 'payment table locked by another session (statement timeout)',
      fault: async () => {
        locker = new Client({ connectionString: dbUrl });
        await locker.connect();
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE payment IN ACCESS EXCLUSIVE MODE');
      },
      heal: async () => {
        await locker?.query('ROLLBACK');
        await locker?.end();
      },
    },
  ];
}

interface Api {
  child: ChildProcess;
  exited: Promise<number | null>;
}

function startApi(env: Record<string, string>): Api {
  const child = spawn(process.execPath, [MAIN_JS], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function waitReady(base: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error('the API did not become ready');
}

/** One client: pays, retrying the same idempotency key on 503 and network errors as the README tells clients to. */
async function worker(base: string, token: string, participantId: string, tally: Tally, running: () => boolean): Promise<void> {
  while (running()) {
    const key = `drill-${randomUUID()}`;
    tally.attempted.add(key);
    for (let attempt = 0; attempt < 20 && running(); attempt++) {
      tally.requests++;
      const code = await pay(base, token, participantId, key);
      tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
      if (code === 'OK') {
        tally.acknowledged.add(key);
        tally.lastAckAt = Date.now();
        break;
      }
      if (code !== 'UNAVAILABLE' && code !== 'NETWORK_ERROR' && code !== 'TIMEOUT' && code !== 'HTTP_503') break;
      await sleep(200);
    }
  }
}

async function pay(base: string, token: string, participantId: string, key: string): Promise<string> {
  try {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
        variables: { input: { participantId, amountPence: 1, channel: 'PHONE', idempotencyKey: key, providerReference: key.slice(0, 40) } },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: { recordPayment?: { id: string } }; errors?: { extensions?: { code?: string } }[] };
    if (body.data?.recordPayment?.id) return 'OK';
    return body.errors?.[0]?.extensions?.code ?? `HTTP_${res.status}`;
  } catch (error) {
    return (error as Error)?.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK_ERROR';
  }
}

async function sampleReadyz(base: string, tally: Tally, running: () => boolean): Promise<void> {
  while (running()) {
    const started = Date.now();
    const status = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status, () => 'no answer');
    tally.readyzWorstMs = Math.max(tally.readyzWorstMs, Date.now() - started);
    tally.readyz.set(status, (tally.readyz.get(status) ?? 0) + 1);
    await sleep(200);
  }
}

async function storedPayments(ds: ReturnType<typeof buildDataSource>, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows: { idempotency_key: string }[] = await ds.query(`SELECT idempotency_key FROM payment WHERE idempotency_key = ANY($1)`, [keys]);
  return new Set(rows.map((r) => r.idempotency_key));
}

/** A registered participant with an open account and a large balance, so the drill's 1p payments never settle it. */
async function openParticipant(ds: ReturnType<typeof buildDataSource>, memberId: string): Promise<string> {
  const services = createServices({ dataSource: ds, clock: new SystemClock(), adjustableClock: null });
  const cohortId = randomUUID();
  const participantId = randomUUID();
  const issueDate = '2027-01-04';
  const registrationDate = '2026-08-31';
  await ds.getRepository(Cohort).insert({ id: cohortId, name: `Drill ${cohortId.slice(0, 8)}`, portfolioIssueDate: issueDate, submissionDeadline: addMonths(issueDate, 9), provisionalResultsDate: addMonths(issueDate, 11), createdAt: new Date() });
  await ds.transaction(async (manager) => {
    const chargePence = await services.payments.fees.feeFor(manager, registrationDate, AttemptKind.NEW);
    await manager.insert(Participant, {
      id: participantId,
      memberId,
      applicationId: randomUUID(),
      registrationWindowId: randomUUID(),
      originalCohortId: cohortId,
      cohortId,
      attemptKind: AttemptKind.NEW,
      status: ParticipantStatus.REGISTERED,
      registeredAt: londonInstant(registrationDate, 10),
      registrationDate,
      feePence: chargePence,
      paymentPlan: PaymentPlan.SINGLE,
      deadline: addMonths(issueDate, 9),
    });
    await services.payments.accounts.openAccount(manager, { participantId, memberId, plan: PaymentPlan.SINGLE, chargePence, registrationDate });
  });
  return participantId;
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`fault drill failed: ${error?.message ?? error}\n`);
    process.exit(1);
  },
);
