import { Pool } from 'pg';
import type { AreaDeps } from '../area';
import type { Sweep } from '../system/sweep.service';
import { RegisterSearchService, type Queryable } from './public/register-search.service';
import { CollegeFeedService } from './college/college-feed.service';

export interface RegisterAreaOptions {
  /** READ_DATABASE_URL: public register and employer-check reads go to this server (a read replica). */
  readDatabaseUrl?: string;
}

/**
 * The register area (issue 10): public search and employer check on their own read pool (the replica's when
 * configured, else the primary's pg pool under TypeORM), and the Chartered College feed on the primary.
 */
export function createRegisterArea(deps: Pick<AreaDeps, 'dataSource' | 'clock' | 'uow' | 'audit'>, options: RegisterAreaOptions = {}) {
  const readPool = options.readDatabaseUrl
    ? new Pool({
        connectionString: options.readDatabaseUrl,
        max: 10,
        application_name: 'set-register-read',
        // Nothing written through this pool can ever succeed: it is for reads only.
        options: '-c default_transaction_read_only=on',
      })
    : null;
  const pool: Queryable = readPool ?? (deps.dataSource.driver as unknown as { master: Pool }).master;
  const search = new RegisterSearchService(pool, deps.clock);
  const college = new CollegeFeedService(deps.dataSource, deps.clock, deps.uow, deps.audit);
  return {
    search,
    college,
    readPool,
    sweeps: [] as Sweep[],
    async close(): Promise<void> {
      await readPool?.end();
    },
  };
}
