import path from 'node:path';
import { DataSource, type LoggerOptions } from 'typeorm';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

/** Compiled migrations live in dist/migrations; this file is dist/src/db/data-source.js. */
export const MIGRATIONS_GLOB = path.join(__dirname, '..', '..', 'migrations', '*.js');

export function buildDataSource(url: string, options: { logging?: LoggerOptions; poolSize?: number } = {}): DataSource {
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
    extra: { max: options.poolSize ?? 10, application_name: 'set-professional-status-api' },
  });
}
