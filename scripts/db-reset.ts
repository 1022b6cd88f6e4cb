import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';

/**
 * `npm run db:reset`: deletes the embedded PostgreSQL data folder (EMBEDDED_PG_DIR, default .data/postgres), so the
 * next `npm start` migrates a new database and seeds the demo data again. Stop the server first. It never touches a
 * server given by DATABASE_URL.
 */
function main(): void {
  const config = loadConfig();
  if (config.databaseUrl) {
    process.stderr.write('DATABASE_URL is set: db:reset only deletes the embedded database; reset that server yourself.\n');
    process.exit(1);
  }
  const dir = path.resolve(config.embeddedPgDir);
  if (!fs.existsSync(dir)) {
    process.stdout.write(`nothing to reset: ${dir} does not exist\n`);
    return;
  }
  if (fs.existsSync(path.join(dir, 'postmaster.pid'))) {
    process.stderr.write(`${dir} is in use (postmaster.pid): stop the server first.\n`);
    process.exit(1);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`deleted ${dir}; the next \`npm start\` creates and seeds a new demo database\n`);
}

main();
