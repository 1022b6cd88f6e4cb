import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { buildDataSource, type DatabaseTimeouts } from '../../src/db/data-source';
import { seedDemoData } from '../../src/db/demo-seed';
import { DEMO_IDENTITIES } from '../../src/db/demo-identities';
import { createDatabase, dropDatabase } from '../../src/db/scratch-database';
import { FixedClock } from '../../src/domain/shared/clock';
import { londonInstant, type LocalDate } from '../../src/domain/shared/dates';
import type { Role } from '../../src/domain/shared/viewer';
import { mintDevelopmentToken } from '../../src/graphql/auth';
import { TEMPLATE_DB } from './global-setup';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors?: { message: string; path?: string[]; extensions: { code: string; rule?: string; field?: string; violations?: any[] } }[];
}

export interface TestApp {
  app: App;
  config: Config;
  dataSource: DataSource;
  /** The base clock under the server's adjustable clock; tests move time with `clock.set(...)` or `setToday(...)`. */
  clock: FixedClock;
  /** The app's database (direct, not through `connectVia`). */
  databaseUrl: string;
  setToday(date: LocalDate, hour?: number, minute?: number): void;
  /** A token for a demo alias (`admin`, `member`, `membership-team`, ...) or for any subject and roles. */
  token(aliasOrSubject: string, roles?: Role[]): string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, auth?: string | null): Promise<GraphQLResponse<T>>;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** London date (and noon) the clock starts at. */
  today?: LocalDate;
  seed?: boolean;
  env?: Record<string, string>;
  /** Issue 8: pool settings for fault tests (small pools, short timeouts); defaults otherwise. */
  poolSize?: number;
  timeouts?: DatabaseTimeouts;
  /** Issue 8: reach the database another way (through a fault-injecting proxy); gets and returns a URL. */
  connectVia?: (url: string) => string;
  /** Issue 8: a second instance on another app's database (`t.databaseUrl`), sharing its base clock; not dropped on close. */
  shareDatabase?: { url: string; clock: FixedClock };
}

/** A whole app on its own database (cloned from the migrated template), with a fixed clock and demo data. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is unset: run tests through `npm test`');
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  const url = options.shareDatabase?.url ?? (await createDatabase(adminUrl, dbName, TEMPLATE_DB));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TEST_CLOCK_ENABLED: 'true', ...options.env });
  const dataSource = buildDataSource(options.connectVia ? options.connectVia(url) : url, { poolSize: options.poolSize ?? 5, timeouts: options.timeouts });
  await dataSource.initialize();
  const clock = options.shareDatabase?.clock ?? new FixedClock(londonInstant(options.today ?? '2026-11-23', 12));
  const app = await createApp({ config, dataSource, clock, logger: false });
  if (options.seed !== false) await seedDemoData(dataSource, app.services.clock);
  await app.server.ready();

  const token = (aliasOrSubject: string, roles?: Role[]) => {
    if (roles) return mintDevelopmentToken(config.jwt, aliasOrSubject, roles);
    const identity = DEMO_IDENTITIES.find((i) => i.alias === aliasOrSubject);
    if (!identity) throw new Error(`unknown demo alias ${aliasOrSubject}`);
    return mintDevelopmentToken(config.jwt, identity.subject, identity.roles);
  };

  return {
    app,
    config,
    dataSource,
    clock,
    databaseUrl: url,
    setToday: (date, hour = 12, minute = 0) => clock.set(londonInstant(date, hour, minute)),
    token,
    http: () => request(app.server.server),
    async gql(query, variables, auth) {
      const req = request(app.server.server).post('/graphql').set('content-type', 'application/json');
      if (auth) req.set('authorization', `Bearer ${auth.includes('.') ? auth : token(auth)}`);
      const res = await req.send({ query, variables });
      return { status: res.status, data: res.body.data, errors: res.body.errors };
    },
    async close() {
      await app.close();
      // A test may already have destroyed the data source (to see /readyz fail).
      if (dataSource.isInitialized) await dataSource.destroy();
      if (!options.shareDatabase) await dropDatabase(adminUrl, dbName).catch(() => undefined);
    },
  };
}

/** The actors of a test that walks people through the API: each alias's token, and answers checked for errors. */
export class ApiActors {
  /** alias -> token */
  readonly tokens: Record<string, string> = {};

  constructor(readonly t: TestApp) {}

  async ok(res: Promise<GraphQLResponse> | GraphQLResponse): Promise<Record<string, any>> {
    const r = await res;
    expectNoErrors(r);
    return r.data!;
  }

  as(alias: string): string {
    return this.tokens[alias] ?? alias;
  }
}

/** The first error's code, for assertions that read like the rule. */
export function errorCode(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export function expectNoErrors(res: GraphQLResponse): void {
  if (res.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
}
