import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { buildDataSource } from './db/data-source';
import { seedDemoData, seedDemoProgramme } from './db/demo-seed';
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

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log.info({ dir: config.embeddedPgDir, port: config.embeddedPgPort }, 'DATABASE_URL is unset: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(config.embeddedPgDir, config.embeddedPgPort, 'set_ats', true);
    databaseUrl = embedded.url;
  }

  const dataSource = buildDataSource(databaseUrl);
  await dataSource.initialize();
  const app = await createApp({ config, dataSource });
  // Instances starting together take turns: migrations and the demo seed run under one advisory lock.
  await withStartupLock(dataSource, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    if (config.seedDemoData && (await seedDemoData(dataSource, app.services.clock))) log.info('demo data seeded');
    if (config.seedDemoData && (await seedDemoProgramme(dataSource, app.services.clock))) log.info('demo ATS cohorts, template and approved qualifications seeded');
  });

  const timers: NodeJS.Timeout[] = [];
  if (config.sweepIntervalSeconds > 0) {
    const sweep = async () => {
      for (const r of await app.services.sweeps.runAll()) {
        if (r.error) log.warn({ sweep: r.name, affected: r.affected, reason: r.error }, 'sweep incomplete; it runs again next time');
        else if (r.affected) log.info({ sweep: r.name, affected: r.affected }, 'sweep done');
      }
    };
    await sweep();
    timers.push(setInterval(sweep, config.sweepIntervalSeconds * 1000));
  }
  if (config.smtpUrl) {
    const dispatcher = new OutboxDispatcher(dataSource, new SmtpMailSender(config.smtpUrl, config.mailFrom), app.services.clock);
    timers.push(setInterval(() => dispatcher.dispatchBatch().catch((err) => log.error({ err: { name: err?.name } }, 'mail dispatch failed')), config.mailPollSeconds * 1000));
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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    timers.forEach(clearInterval);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      log.debug('http server closed');
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

main().catch((err) => {
  process.stderr.write(`startup failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
