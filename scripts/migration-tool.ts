import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildDataSource } from '../src/db/data-source';
import { createDatabase, dropDatabase, startScratchServer } from '../src/db/scratch-database';

/**
 * `check`: builds a scratch database from migrations/, then asks TypeORM what SQL would bring it in line with the
 * entities (what `migration:generate` would write). Anything at all means entities and migrations have drifted.
 * `generate <Name>`: writes that SQL as a new migration.
 */
async function main(mode: string, name?: string): Promise<number> {
  const server = await startScratchServer();
  const dbName = `drift_${process.pid}`;
  try {
    const url = await createDatabase(server.adminUrl, dbName);
    const ds = buildDataSource(url);
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      const sql = await ds.driver.createSchemaBuilder().log();
      // Each up query has its down query at the same index; `--tables a,b` keeps only statements on those tables,
      // so people working on different areas at once each generate just their own migration.
      const tablesArg = process.argv.indexOf('--tables');
      const only = tablesArg > 0 ? new Set(process.argv[tablesArg + 1].split(',')) : null;
      const keep = sql.upQueries.map((q) => !only || only.has(targetTable(q.query) ?? ''));
      const up = sql.upQueries.filter((_, i) => keep[i]).map((q) => q.query);
      const down = sql.downQueries.filter((_, i) => keep[i]).map((q) => q.query).reverse();
      if (mode === 'check') {
        process.stdout.write(`applied ${applied.length} migrations on ${server.embedded ? 'embedded' : 'external'} PostgreSQL\n`);
        if (up.length === 0) {
          process.stdout.write('no drift: migrations match the entities\n');
          return 0;
        }
        process.stderr.write(`drift: entities need ${up.length} statements that no migration has:\n${up.join(';\n')}\n`);
        return 1;
      }
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('generate needs a PascalCase name');
      if (up.length === 0) {
        process.stdout.write('nothing to generate\n');
        return 0;
      }
      const ts = Date.now();
      const file = path.join(__dirname, '..', '..', 'migrations', `${ts}-${name}.ts`);
      const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
      fs.writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n` +
          `  async up(q: QueryRunner): Promise<void> {\n${up.map((s) => `    await q.query(\`${esc(s)}\`);`).join('\n')}\n  }\n\n` +
          `  async down(q: QueryRunner): Promise<void> {\n${down.map((s) => `    await q.query(\`${esc(s)}\`);`).join('\n')}\n  }\n}\n`,
      );
      process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
      return 0;
    } finally {
      await ds.destroy();
    }
  } finally {
    await dropDatabase(server.adminUrl, dbName).catch(() => undefined);
    await server.stop();
  }
}

function targetTable(query: string): string | undefined {
  return /(?:TABLE|ON)\s+(?:"public"\.)?"([A-Za-z0-9_]+)"/.exec(query)?.[1];
}

main(process.argv[2] ?? 'check', process.argv[3]).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(2);
  },
);
