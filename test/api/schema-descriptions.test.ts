import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType } from 'graphql';
import { ACCESS_EXTENSION } from '../../src/graphql/access';
import { ACCESS_PREFIX, CONSTRAINTS_PREFIX } from '../../src/graphql/contract';
import { getSchema } from '../../src/graphql/schema';

/** The human-written part of a description (the generated Access/Constraints paragraphs do not count). */
function written(description: string | null | undefined): string {
  return (description ?? '')
    .split('\n\n')
    .filter((p) => !p.startsWith(ACCESS_PREFIX) && !p.startsWith(CONSTRAINTS_PREFIX))
    .join('\n\n')
    .trim();
}

/** Issue 7 item 8: a self-describing schema. */
describe('schema descriptions', () => {
  it('describes every type, field, argument, input field and enum value', async () => {
    const schema = await getSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
      if (!written(type.description)) missing.push(`type ${type.name}`);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!written(field.description)) missing.push(`field ${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!written(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!written(value.description)) missing.push(`enum value ${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('prints each operation’s access rule from its @Allow/@Public metadata, never by hand', async () => {
    const schema = await getSchema();
    const wrong: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        const rule = field.extensions?.[ACCESS_EXTENSION] as { public?: true; roles?: string[] } | undefined;
        const lines = (field.description ?? '').split('\n').filter((l) => l.startsWith(ACCESS_PREFIX));
        const expected = rule?.public ? `${ACCESS_PREFIX}public (no token needed).` : `${ACCESS_PREFIX}${rule?.roles?.join(', ')}.`;
        if (lines.length !== 1 || lines[0] !== expected) wrong.push(`${root!.name}.${field.name}: ${JSON.stringify(lines)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('states input constraints (lengths, formats) in the descriptions', async () => {
    const schema = await getSchema();
    const input = schema.getType('CreateCohortInput');
    expect(isInputObjectType(input) && input.getFields().name.description).toMatch(/Constraints: 1\.\.40 characters/);
    const id = schema.getQueryType()!.getFields().member.args.find((a) => a.name === 'id');
    expect(id?.description).toMatch(/Constraints: a UUID/);
  });
});
