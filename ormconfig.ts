import 'reflect-metadata';
import { loadConfig } from './src/config';
import { buildDataSource } from './src/db/data-source';

/**
 * The data source for TypeORM's CLI (`npm run typeorm -- migration:run`, `migration:generate`).
 * It needs DATABASE_URL; the app itself falls back to an embedded database.
 */
const config = loadConfig();
if (!config.databaseUrl) throw new Error('Set DATABASE_URL to use the TypeORM CLI');

export default buildDataSource(config.databaseUrl);
