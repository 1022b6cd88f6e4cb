import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { Role } from '../../src/domain/shared/viewer';
import { ACCESS_EXTENSION, type AccessRule } from '../../src/graphql/access';
import { getSchema } from '../../src/graphql/schema';
import { createTestApp, type TestApp } from '../support/harness';

/**
 * Walks every root operation in the schema and calls it as each role and as nobody, with placeholder arguments.
 * Refused callers must get FORBIDDEN (or UNAUTHENTICATED without a token); allowed callers must get past the role check
 * (they may still meet NOT_FOUND, a rule, or the ownership check of ATS-57, but never the role guard).
 */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-999999999999';
const ROLE_ALIASES: Record<Role, string> = {
  [Role.MEMBER]: 'member',
  [Role.MEMBERSHIP_TEAM]: 'membership-team',
  [Role.PROFESSIONAL_STATUS_TEAM]: 'professional-status-team',
  [Role.FINANCE]: 'finance',
  [Role.CONDUCT_PANEL]: 'conduct-panel',
  [Role.ADMIN]: 'admin',
  [Role.CHARTERED_COLLEGE]: 'chartered-college',
};

function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return `"${PLACEHOLDER_ID}"`;
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'false';
      case 'LocalDate':
        return '"2026-01-01"';
      case 'DateTimeISO':
        return '"2026-01-01T00:00:00.000Z"';
      default:
        return '"placeholder"';
    }
  }
  throw new Error(`no placeholder for ${String(type)}`);
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${argText}${selection} }`;
}

describe('access rules for every operation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets exactly the declared roles past the role check, and nobody without a token unless public', async () => {
    const schema = await getSchema();
    const failures: string[] = [];
    for (const [kind, type] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        const rule = field.extensions?.[ACCESS_EXTENSION] as AccessRule | undefined;
        if (!rule) {
          failures.push(`${field.name}: no access rule`);
          continue;
        }
        const doc = operationFor(kind, field);
        const callers: (Role | null)[] = [null, ...Object.values(Role)];
        for (const role of callers) {
          const res = await t.gql(doc, undefined, role ? ROLE_ALIASES[role] : null);
          const guardError = res.errors?.find(
            (e) => e.extensions.code === 'UNAUTHENTICATED' || (e.extensions.code === 'FORBIDDEN' && !e.extensions.rule),
          );
          const allowed = 'public' in rule || (role !== null && rule.roles.includes(role));
          const who = role ?? 'anonymous';
          if (allowed && guardError) failures.push(`${field.name} as ${who}: refused (${guardError.extensions.code}) but declared allowed`);
          if (!allowed && !guardError) failures.push(`${field.name} as ${who}: not refused but not declared`);
          if (!allowed && role === null && guardError?.extensions.code !== 'UNAUTHENTICATED') failures.push(`${field.name} as anonymous: expected UNAUTHENTICATED`);
          if (!allowed && role !== null && guardError?.extensions.code !== 'FORBIDDEN') failures.push(`${field.name} as ${who}: expected FORBIDDEN`);
          if (res.errors?.some((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED')) failures.push(`${field.name}: placeholder query invalid`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
