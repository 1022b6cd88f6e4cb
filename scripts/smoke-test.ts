import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { buildDataSource } from '../src/db/data-source';
import { seedDemoData, seedDemoProgramme } from '../src/db/demo-seed';
import { DEMO_IDENTITIES } from '../src/db/demo-identities';
import { createDatabase, dropDatabase, startScratchServer } from '../src/db/scratch-database';
import { mintDevelopmentToken } from '../src/graphql/auth';

/**
 * Proves a plain PostgreSQL (DATABASE_URL, or embedded when unset) runs the whole stack: migrations from scratch,
 * demo data, and a few real requests through HTTP.
 */
async function main(): Promise<void> {
  const server = await startScratchServer();
  const name = `smoke_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(server.adminUrl, name);
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const ds = buildDataSource(url);
  try {
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    const app = await createApp({ config, dataSource: ds, logger: false });
    await seedDemoData(ds, app.services.clock);
    await seedDemoProgramme(ds, app.services.clock);
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.server.address() as { port: number };
    const admin = DEMO_IDENTITIES.find((i) => i.alias === 'admin')!;
    const token = mintDevelopmentToken(config.jwt, admin.subject, admin.roles);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ members(first: 5) { nodes { membershipNumber status } } serverClock { londonDate } registrationWindows(openOnly: true) { nodes { id } } }' }),
    });
    const body = (await res.json()) as { data?: { members: { nodes: unknown[] }; registrationWindows: { nodes: unknown[] } }; errors?: unknown };
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    await app.close();
    if (body.errors || !body.data || body.data.members.nodes.length !== 5 || body.data.registrationWindows.nodes.length !== 1 || ready.status !== 200) {
      throw new Error(`smoke test failed: ${JSON.stringify(body)} readyz=${ready.status}`);
    }
    const version = (await ds.query('SHOW server_version'))[0].server_version;
    process.stdout.write(`smoke test passed on PostgreSQL ${version}: ${applied.length} migrations, members, an open registration window and /readyz answered\n`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(server.adminUrl, name).catch(() => undefined);
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
