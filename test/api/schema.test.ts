import fs from 'node:fs';
import path from 'node:path';
import { getSchema, printSdl } from '../../src/graphql/schema';
import { ACCESS_EXTENSION } from '../../src/graphql/access';

describe('schema', () => {
  it('matches the checked-in schema/schema.graphql (run `npm run schema:emit` after changing the API)', async () => {
    const checkedIn = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(await printSdl()).toBe(checkedIn);
  });

  it('declares an access rule on every query and mutation', async () => {
    const schema = await getSchema();
    const missing: string[] = [];
    for (const type of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        if (!field.extensions?.[ACCESS_EXTENSION]) missing.push(`${type!.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
