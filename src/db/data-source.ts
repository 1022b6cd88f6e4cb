import path from 'node:path';
import { DataSource, type LoggerOptions } from 'typeorm';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

/** Compiled migrations live in dist/migrations; this file is dist/src/db/data-source.js. */
export const MIGRATIONS_GLOB = path.join(__dirname, '..', '..', 'migrations', '*.js');

/** Issue 8 / issue 7: every pooled connection waits, runs and idles in a transaction for a bounded time. */
export interface DatabaseTimeouts {
  /** pg `connectionTimeoutMillis`: waiting for a pooled connection (or opening one); 0 = for ever. */
  acquireTimeoutMs: number;
  /** PostgreSQL `statement_timeout` (0 = none, for migrations). */
  statementTimeoutMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout` (0 = none). */
  idleInTransactionTimeoutMs: number;
}

/** What the server runs with unless configured otherwise (`DB_*` variables, src/config.ts). */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { acquireTimeoutMs: 3000, statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 30_000 };
/**
 * For migrations, seeds and scripts (and any caller that does not ask for timeouts): no statement timeout, since an
 * index or a bulk load on a big table may take minutes; only the wait for a connection is bounded.
 */
export const MIGRATION_DATABASE_TIMEOUTS: DatabaseTimeouts = { acquireTimeoutMs: 10_000, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 };

export function poolOptions(timeouts: DatabaseTimeouts): Record<string, unknown> {
  return {
    connectionTimeoutMillis: timeouts.acquireTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    // A frozen server (SIGSTOP, a dead network path) never answers, so statement_timeout cannot fire: the client gives
    // up a little later by itself and the request gets UNAVAILABLE instead of hanging for as long as the freeze lasts.
    ...(timeouts.statementTimeoutMs > 0 ? { query_timeout: timeouts.statementTimeoutMs + 2000 } : {}),
    keepAlive: true,
  };
}

export function buildDataSource(url: string, options: { logging?: LoggerOptions; poolSize?: number; timeouts?: DatabaseTimeouts } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false, // migrations build the database, always
    uuidExtension: 'pgcrypto', // gen_random_uuid() is built into PostgreSQL 13+; no extension needed
    logging: options.logging ?? false,
    extra: { max: options.poolSize ?? 10, application_name: 'set-professional-status-api', ...poolOptions(options.timeouts ?? MIGRATION_DATABASE_TIMEOUTS) },
  });
}
