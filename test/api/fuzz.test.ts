import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { encodeCursor } from '../../src/domain/shared/pagination';
import { createTestApp, type TestApp } from '../support/harness';

/**
 * Issue 7 item 3: a generated fuzz test. The schema is read by introspection; every root operation is called as
 * anonymous and as every role with generated arguments (wrong types, boundary numbers, unicode, NUL, huge strings,
 * nulls, malformed ids and cursors, far-off dates), as inline literals and as variables. A fixed seed makes a failure
 * reproducible. No answer may be INTERNAL_SERVER_ERROR (or a 5xx): bad input is always the caller's error.
 * Set FUZZ_ROUNDS to change the number of argument sets per operation and caller (default 5).
 */
const SEED = 20261124;
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 5);
const CALLERS: (string | null)[] = [null, 'member', 'membership-team', 'professional-status-team', 'finance', 'conduct-panel', 'admin', 'chartered-college'];

/** mulberry32: a tiny seeded PRNG, so every run sends the same requests. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRANGE_STRINGS = [
  '',
  ' ',
  'a',
  'x'.repeat(10_001),
  'y'.repeat(120_000),
  'NUL\u0000inside',
  '\u0000',
  'lone \ud800 surrogate',
  'lone \udc00 low',
  'Zoë Adébáyọ̀ 👩🏽‍🏫 مرحبا 中文 \u200b\u202e',
  "'; DROP TABLE member; --",
  '%_\\',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '\r\n\t',
  '9999-12-31',
  '0000-00-00',
  '2027-02-30',
  'Infinity',
  '-0',
  '1e309',
];
const STRANGE_IDS = [
  '',
  '1',
  'not-an-id',
  '00000000-0000-0000-0000-000000000000',
  '00000000-0000-4000-8000-000000000001x',
  '{00000000-0000-4000-8000-000000000001}',
  '00000000_0000_4000_8000_000000000001',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "' OR '1'='1",
  '\u0000',
  'z'.repeat(5000),
];
const STRANGE_CURSORS = [
  '',
  'junk',
  '!!!',
  'e30',
  encodeCursor(['x', 'y']),
  encodeCursor(['not-a-date', '00000000-0000-4000-8000-000000000001']),
  encodeCursor(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
  encodeCursor(['9999-99-99', '00000000-0000-4000-8000-000000000001']),
  encodeCursor([1, 2, 3]),
  encodeCursor(['a', 'b', 'not-a-uuid']),
  encodeCursor(['00000000-0000-4000-8000-000000000001']),
  Buffer.from('{"a":1}').toString('base64url'),
  Buffer.from('[null,null]').toString('base64url'),
  'A'.repeat(20_000),
];
const NUMBERS = [0, -1, 1, 2, 99, 100, 101, 2147483647, -2147483648, 2147483648, 1e15, 1.5, -0.0001, 1e308];
const DATES = ['2026-11-23', '1900-01-01', '1899-12-31', '2200-12-31', '2201-01-01', '9999-12-31', '0001-01-01', '2026-02-29', '2026-13-01', '26-1-1', ''];
const INSTANTS = ['2026-11-23T12:00:00Z', '1899-12-31T23:59:59Z', '9999-12-31T23:59:59Z', '2026-11-23', 'yesterday', '+275760-09-13T00:00:00Z', ''];

class Generator {
  constructor(
    private readonly random: () => number,
    private readonly realIds: string[],
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** A value for `type`: mostly of the right shape with hostile content, sometimes of the wrong type or null. */
  value(type: GraphQLInputType, name: string, depth = 0): unknown {
    if (this.chance(0.06)) return null;
    if (this.chance(0.05)) return this.wrongType();
    if (isNonNullType(type)) return this.value(type.ofType, name, depth);
    if (isListType(type)) {
      const n = this.pick([0, 1, 2, 3, 60]);
      return Array.from({ length: n }, () => this.value(type.ofType, name, depth + 1));
    }
    if (isEnumType(type)) return this.chance(0.9) ? this.pick(type.getValues()).name : 'NOT_A_VALUE';
    if (isInputObjectType(type)) {
      if (depth > 3) return {};
      const out: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (isNonNullType(field.type) || this.chance(0.6)) out[field.name] = this.value(field.type, field.name, depth + 1);
      }
      if (this.chance(0.05)) out.notAField = 'x';
      return out;
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'ID':
          return this.chance(0.5) && this.realIds.length ? this.pick(this.realIds) : this.pick(STRANGE_IDS);
        case 'Int':
        case 'Float':
          return this.pick(NUMBERS);
        case 'Boolean':
          return this.chance(0.5);
        case 'LocalDate':
          return this.pick(DATES);
        case 'DateTimeISO':
          return this.pick(INSTANTS);
        case 'JSONObject':
          return this.chance(0.5) ? { a: this.pick(STRANGE_STRINGS) } : 'not an object';
        default:
          if (/^(after|before)$/.test(name)) return this.pick(STRANGE_CURSORS);
          return this.pick(STRANGE_STRINGS);
      }
    }
    return null;
  }

  wrongType(): unknown {
    return this.pick([42, 'text', true, [], {}, -1.5, ['a', 1], { nested: { deep: 1 } }]);
  }
}

/** A GraphQL literal for a JSON value (enum values unquoted when `enumLike`). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const named = isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(named) ? named.ofType : named)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? named)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && isEnumType(getNamedType(named)) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}

/** Leaf fields of a type (and of its nodes/edges for connections), so serializers run too. */
function selection(type: GraphQLObjectType, depth = 0): string {
  const parts: string[] = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth < 2) parts.push(`${field.name} { ${selection(named, depth + 1)} }`);
  }
  return parts.join(' ');
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, gen: Generator, asVariables: boolean) {
  const args = field.args.filter((a) => isNonNullType(a.type) || gen.chance(0.5));
  const values = args.map((a) => ({ arg: a, value: gen.value(a.type, a.name) }));
  const named = getNamedType(field.type);
  const sel = isObjectType(named) ? ` { ${selection(named)} }` : '';
  if (asVariables) {
    const decl = values.map(({ arg }) => `$${arg.name}: ${String(arg.type)}`).join(', ');
    const use = values.map(({ arg }) => `${arg.name}: $${arg.name}`).join(', ');
    return {
      query: `${kind} Fuzz${decl ? `(${decl})` : ''} { ${field.name}${use ? `(${use})` : ''}${sel} }`,
      variables: Object.fromEntries(values.map(({ arg, value }) => [arg.name, value])),
    };
  }
  const inline = values.map(({ arg, value }) => `${arg.name}: ${literal(value, arg.type)}`).join(', ');
  return { query: `${kind} { ${field.name}${inline ? `(${inline})` : ''}${sel} }`, variables: undefined };
}

describe('fuzzing every operation from the schema (issue 7 item 3)', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let realIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const introspection = await t.gql<IntrospectionQuery>(getIntrospectionQuery(), undefined, 'admin');
    schema = buildClientSchema(introspection.data as IntrospectionQuery);
    const ids = await t.gql(
      `{ members(first: 5) { nodes { id } } cohorts { nodes { id } } registrationWindows { nodes { id } } approvedQualifications { nodes { id } }
         atsApplicationTemplateVersions { id } participants(first: 5) { nodes { id } } }`,
      undefined,
      'admin',
    );
    realIds = JSON.stringify(ids.data ?? {}).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers thousands of hostile requests without a single INTERNAL_SERVER_ERROR or 5xx', async () => {
    const gen = new Generator(prng(SEED), realIds);
    const counts: Record<string, number> = {};
    const failures: string[] = [];
    let requests = 0;
    const record = (res: { status: number; errors?: { message: string; extensions: { code: string } }[] }, what: string) => {
      requests++;
      const codes = res.errors?.length ? [...new Set(res.errors.map((e) => e.extensions?.code ?? 'NO_CODE'))] : ['OK'];
      for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
      if (res.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('NO_CODE')) {
        if (failures.length < 25) failures.push(`${res.status} ${codes.join(',')} ${what.slice(0, 600)}`);
      }
    };

    for (const [kind, root] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        // setServerClock moves the clock for everybody; it is fuzzed too, and the clock is reset after each call.
        for (const caller of CALLERS) {
          for (let round = 0; round < ROUNDS; round++) {
            const op = operation(kind, field as GraphQLField<unknown, unknown>, gen, round % 2 === 1);
            const res = await t.gql(op.query, op.variables, caller);
            record(res, `${caller ?? 'anonymous'}: ${op.query} ${JSON.stringify(op.variables ?? {})}`);
            if (field.name === 'setServerClock') await t.gql('mutation { setServerClock(at: null) { londonDate } }', undefined, 'admin');
          }
        }
      }
    }

    // graphql-js stops after 50 invalid variables ("Too many errors processing variables").
    const names = Array.from({ length: 60 }, (_, i) => `$v${i}`);
    const manyRes = await t.gql(
      `mutation Many(${names.map((n) => `${n}: ID!`).join(', ')}) {
        submitAtsApplication(input: { templateVersionId: $v0, isRestart: false, eligibilityStatement: "x", qualificationIds: [${names.slice(1).join(', ')}] }) { id }
      }`,
      Object.fromEntries(names.map((n) => [n.slice(1), { not: 'an id' }])),
      'member',
    );
    record(manyRes, 'sixty invalid variables');

    // Malformed documents and bodies.
    for (const body of ['{', 'query { cohorts { nodes { id } }', '\u0000', 'query { ' + 'cohorts { nodes { id } } '.repeat(3) + '}']) {
      record(await t.gql(body, undefined, null), `document ${JSON.stringify(body).slice(0, 80)}`);
    }

    console.log(`fuzz: ${requests} requests (seed ${SEED}, ${ROUNDS} rounds per operation and caller); answers by code: ${JSON.stringify(counts)}`);
    expect(failures).toEqual([]);
    expect(counts.INTERNAL_SERVER_ERROR ?? 0).toBe(0);
    expect(manyRes.errors?.map((e) => e.extensions.code)).toEqual(expect.arrayContaining(['BAD_USER_INPUT']));
    expect(manyRes.errors?.some((e) => e.extensions.code !== 'BAD_USER_INPUT')).toBe(false);
    expect(requests).toBeGreaterThan(2000);
  }, 240_000);
});
