import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSdl } from '../src/graphql/schema';

/** Writes the emitted SDL to schema/schema.graphql (a test fails when the checked-in copy drifts). */
async function main(): Promise<void> {
  const target = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');
  fs.writeFileSync(target, await printSdl());
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
