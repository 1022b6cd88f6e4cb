import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { buildDataSource, MIGRATION_DATABASE_TIMEOUTS } from './db/data-source';
import { isDatabaseUnavailable, unavailableReason } from './db/database-errors';
import { waitForDatabase } from './db/wait-for-database';
import { SystemClock } from './domain/shared/clock';
import { seedDemoData, seedDemoProgramme, seedDemoRegister } from './db/demo-seed';
import { DEMO_IDENTITIES } from './db/demo-identities';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { OutboxDispatcher, SmtpMailSender } from './domain/notifications/outbox-dispatcher';
import { CollegePushDispatcher } from './domain/register/college/college-push.dispatcher';

/** Process entry: config -> database -> migrations -> demo data -> server -> listen; graceful shutdown. */
async function main(): Promise<void> {
  const started = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  // Synchronous, so the last lines before process.exit are not lost.
  const log = pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: true }));
  if (config.jwt.usingDevelopmentSecret) {
    log.warn({ host: config.host }, 'using the built-in development JWT secret: anyone can mint tokens; set JWT_SECRET, or NODE_ENV=production with RS256/ES256 keys');
  }

  if (config.payments.provider === 'stripe' && (!config.payments.stripeSecretKey || !config.payments.stripeWebhookSecret)) {
    log.warn('PAYMENT_PROVIDER is stripe but STRIPE_SECRET_KEY or STRIPE_WEBHOOK_SECRET is unset: card payments are unavailable (DEC-P4)');
  }

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  const faults = config.faults;
  if (!databaseUrl) {
    log.info({ dir: config.embeddedPgDir, port: config.embeddedPgPort }, 'DATABASE_URL is unset: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(config.embeddedPgDir, config.embeddedPgPort, 'set_ats', { log: (line) => log.info(line) });
    databaseUrl = embedded.url;
  } else {
    // Issue 8: the database may still be starting (containers starting together, a restart): wait rather than crash.
    await waitForDatabase(databaseUrl, { waitSeconds: faults.dbStartupWaitSeconds, log: (line) => log.warn(line) });
  }

  // Migrations and the demo seed run on a connection with no statement timeout (an index on a big table may take minutes).
  const setup = buildDataSource(databaseUrl, { poolSize: 2, timeouts: MIGRATION_DATABASE_TIMEOUTS });
  await setup.initialize();
  const dataSource = buildDataSource(databaseUrl, {
    poolSize: faults.dbPoolSize,
    timeouts: { acquireTimeoutMs: faults.dbAcquireTimeoutMs, statementTimeoutMs: faults.dbStatementTimeoutMs, idleInTransactionTimeoutMs: faults.dbIdleInTransactionTimeoutMs },
  });
  await dataSource.initialize();
  const app = await createApp({ config, dataSource });
  // Instances starting together take turns: migrations and the demo seed run under one advisory lock.
  try {
    await withStartupLock(setup, async () => {
      const applied = await setup.runMigrations({ transaction: 'each' });
      if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
      await app.services.serverClock.refresh(); // the shared test clock (DEC-T2), so demo data is dated like every instance
      if (config.seedDemoData && (await seedDemoData(setup, app.services.clock))) log.info('demo data seeded');
      if (config.seedDemoData && (await seedDemoProgramme(setup, app.services.clock))) log.info('demo ATS cohorts, template and approved qualifications seeded');
      if (config.seedDemoData && (await seedDemoRegister(setup, app.services.clock))) log.info('demo register holders seeded');
    });
  } finally {
    await setup.destroy();
  }

  let stopping = false;
  if (embedded) {
    const db = embedded;
    let restarts = 0;
    // Issue 8: if the embedded server dies, restart it (a few times, with backoff); past that, exit for a supervisor.
    db.onUnexpectedExit((code, signal) => {
      if (stopping) return;
      restarts++;
      if (restarts > faults.embeddedPgMaxRestarts) {
        log.fatal({ code, signal, restarts: restarts - 1 }, 'the embedded PostgreSQL keeps stopping; exiting so a supervisor can restart the API');
        process.exit(70);
      }
      log.error({ code, signal, attempt: restarts }, 'the embedded PostgreSQL stopped unexpectedly; restarting it');
      void sleep(Math.min(10_000, 500 * 2 ** (restarts - 1)))
        .then(() => db.restart())
        .then(
          () => log.info({ pid: db.pid }, 'embedded PostgreSQL restarted'),
          (err: Error) => {
            log.fatal({ reason: err?.message }, 'the embedded PostgreSQL could not be restarted; exiting so a supervisor can restart the API');
            process.exit(70);
          },
        );
    });
  }

  const timers: NodeJS.Timeout[] = [];
  let sweepInFlight: Promise<void> = Promise.resolve();
  if (config.sweepIntervalSeconds > 0) {
    const sweep = async () => {
      // Each sweep runs under a PostgreSQL advisory lock, so with several instances it runs once (issue 8).
      for (const r of await app.services.sweeps.runAll()) {
        if (r.error) log.warn({ sweep: r.name, affected: r.affected, reason: r.error }, 'sweep incomplete; it runs again next time');
        else if (r.affected) log.info({ sweep: r.name, affected: r.affected }, 'sweep done');
      }
    };
    await sweep();
    timers.push(
      setInterval(() => {
        sweepInFlight = sweep().catch((err: Error) => log.warn({ reason: err?.name }, 'sweep run failed; it runs again next time'));
      }, config.sweepIntervalSeconds * 1000),
    );
  }
  let dispatcher: OutboxDispatcher | undefined;
  if (config.smtpUrl) {
    const m = faults.mail;
    const sender = new SmtpMailSender(config.smtpUrl, config.mailFrom, { connectionTimeoutMs: m.smtpConnectionTimeoutMs, greetingTimeoutMs: m.smtpGreetingTimeoutMs, socketTimeoutMs: m.smtpSocketTimeoutMs });
    // Delivery runs on real time (not the test clock), so leases and backoff mean what they say.
    dispatcher = new OutboxDispatcher(dataSource, sender, new SystemClock(), {
      batchSize: m.batchSize,
      concurrency: m.concurrency,
      maxBatchesPerRun: m.maxBatchesPerRun,
      leaseSeconds: m.leaseSeconds,
      retryHours: m.retryHours,
      retryBaseSeconds: m.retryBaseSeconds,
      retryMaxSeconds: m.retryMaxSeconds,
    });
    dispatcher.start(
      config.mailPollSeconds * 1000,
      (err) => log.warn({ reason: unavailableReason(err) }, 'mail delivery run failed; it runs again next time'),
      (r) => {
        if (r.claimed) log.info(r, 'mail delivery run');
      },
    );
  } else {
    log.info('SMTP_URL is unset: notifications are kept in the outbox; staff can read them with the `notifications` query');
  }

  if (config.collegeWebhookUrl && config.collegeWebhookSecret) {
    // ATS-49: push conferrals to the Chartered College from the college_push outbox, with retries and backoff.
    const push = new CollegePushDispatcher(dataSource, { url: config.collegeWebhookUrl, secret: config.collegeWebhookSecret });
    timers.push(setInterval(() => push.dispatchBatch().catch((err) => log.error({ err: { name: err?.name } }, 'college push failed')), config.collegePushPollSeconds * 1000));
  }

  await app.server.listen({ host: config.host, port: config.port });
  const readyMs = Math.round(performance.now() - started);
  const url = `http://localhost:${config.port}/graphql`;
  log.info({ readyMs, url, embeddedDatabase: Boolean(embedded), firstInitialisation: embedded?.initialised ?? false }, `ready in ${readyMs} ms at ${url}`);
  if (config.seedDemoData && config.jwt.algorithm === 'HS256') {
    log.info(
      { aliases: DEMO_IDENTITIES.map((i) => i.alias) },
      'mint a development token with `npm run token -- <alias>` (e.g. `npm run token -- admin`, `npm run token -- member`, `npm run token -- chartered-college`); `npm run token -- --list` lists them all',
    );
  }

  /**
   * Issue 8: stop accepting (new requests on open connections get 503), let in-flight requests finish for up to
   * SHUTDOWN_DRAIN_SECONDS (longer than the 5 s lock timeout), wait for the mail batch in flight and a running sweep,
   * close the pool once no connection is checked out, then stop the embedded database.
   */
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, drainSeconds: faults.shutdownDrainSeconds }, 'shutting down: refusing new requests, finishing in-flight ones');
    timers.forEach(clearInterval);
    const force = setTimeout(() => {
      log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, (faults.shutdownDrainSeconds + 15) * 1000);
    force.unref();
    try {
      const closing = app.close();
      const drained = await Promise.race([closing.then(() => true), sleep(faults.shutdownDrainSeconds * 1000).then(() => false)]);
      if (!drained) {
        log.warn('drain period over: closing the connections still open');
        app.server.server.closeAllConnections();
        await closing;
      }
      log.debug('http server closed');
      await dispatcher?.stop();
      await sweepInFlight;
      await waitForPoolIdle(dataSource, 10_000);
      await dataSource.destroy();
      log.debug('database pool closed');
      if (embedded) await embedded.stop();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until no pooled connection is checked out (every handler has released its connection). */
async function waitForPoolIdle(dataSource: DataSource, timeoutMs: number): Promise<void> {
  const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number } }).master;
  const deadline = Date.now() + timeoutMs;
  while (pool && pool.totalCount - pool.idleCount > 0 && Date.now() < deadline) await sleep(50);
}

const STARTUP_LOCK_KEY = 7_411_203; // any fixed number shared by every instance

async function withStartupLock(dataSource: DataSource, work: () => Promise<void>): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

main().catch((err: unknown) => {
  // One clear line (issue 8): the cause a user can act on, not a stack; LOG_LEVEL=debug adds the stack.
  const e = err as { name?: string; message?: string; code?: string; stack?: string } | undefined;
  const known = e?.name === 'StartupError' || e?.name === 'EmbeddedPostgresError';
  const detail = known ? e?.message : isDatabaseUnavailable(err) ? `the database is unavailable (${unavailableReason(err)})` : `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
  process.stderr.write(`startup failed: ${detail}\n`);
  if (process.env.LOG_LEVEL === 'debug' && e?.stack) process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
