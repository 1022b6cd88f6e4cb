import 'reflect-metadata';
import { buildDataSource } from '../../src/db/data-source';
import { createDatabase, startScratchServer, type ScratchServer } from '../../src/db/scratch-database';

export const TEMPLATE_DB = 'set_ats_test_template';

/**
 * Once per run: a PostgreSQL server (embedded, or the one at DATABASE_URL) and a template database built by the
 * migrations. Each test file then gets its own database cloned from the template.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startScratchServer();
  const url = await createDatabase(server.adminUrl, TEMPLATE_DB);
  const ds = buildDataSource(url, { poolSize: 1 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env.TEST_PG_ADMIN_URL = server.adminUrl;
  (globalThis as { __SCRATCH__?: ScratchServer }).__SCRATCH__ = server;
}
