import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type GraphQLEnumType, type GraphQLObjectType } from 'graphql';
import { QualificationList } from '../../src/domain/ats/applications/application.enums';
import { ViolationCondition } from '../../src/domain/shared/violation-conditions';
import { ErrorCode } from '../../src/graphql/error-codes';
import { getSchema } from '../../src/graphql/schema';
import { DECIDE, submitApplication } from '../support/factories';
import { createTestApp, type TestApp } from '../support/harness';

const CODES = new Set<string>(Object.values(ErrorCode));

/** The source folder (tests run from dist/test/api). */
const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Issue 7: one error shape and one documented list of codes, typed in the schema. */
describe('the error contract', () => {
  let t: TestApp;
  const seen: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    // Every code met in this file is on the documented list.
    expect(seen.filter((c) => !CODES.has(c))).toEqual([]);
  });

  function expectShape(body: any, code: string): void {
    expect(body).toEqual({ errors: [expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code }) })] });
    seen.push(body.errors[0].extensions.code);
  }

  describe('outside GraphQL, the same { errors: [{ message, extensions: { code } }] } shape', () => {
    it('an unknown route is 404 NOT_FOUND', async () => {
      const res = await t.http().get('/no-such-route');
      expect(res.status).toBe(404);
      expectShape(res.body, 'NOT_FOUND');
    });

    it('a body over the limit is 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await t.http().post('/graphql').set('content-type', 'application/json').send(JSON.stringify({ query: '{ cohorts { nodes { id } } }', variables: { pad: 'x'.repeat(1_100_000) } }));
      expect(res.status).toBe(413);
      expectShape(res.body, 'PAYLOAD_TOO_LARGE');
    });

    it('a body that is not JSON is 400 BAD_REQUEST', async () => {
      const res = await t.http().post('/graphql').set('content-type', 'application/json').send('{"query": ');
      expect(res.status).toBe(400);
      expectShape(res.body, 'BAD_REQUEST');
    });

    it('an unsupported content type is 415 BAD_REQUEST', async () => {
      const res = await t.http().post('/graphql').set('content-type', 'application/xml').send('<query/>');
      expect(res.status).toBe(415);
      expectShape(res.body, 'BAD_REQUEST');
    });
  });

  describe('tokens, as documented', () => {
    it('a bad token is refused outright: HTTP 401, UNAUTHENTICATED, even on a public operation', async () => {
      const res = await t.http().post('/graphql').set('authorization', 'Bearer not-a-token').send({ query: '{ cohorts { nodes { id } } }' });
      expect(res.status).toBe(401);
      expectShape(res.body, 'UNAUTHENTICATED');
    });

    it('no token on a protected operation: HTTP 200 with UNAUTHENTICATED for that field (public fields still answer)', async () => {
      const res = await t.http().post('/graphql').send({ query: '{ me { id } }' });
      expect(res.status).toBe(200);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      seen.push(res.body.errors[0].extensions.code);
    });
  });

  describe('GraphQL failures', () => {
    it('a syntax error is 400 GRAPHQL_PARSE_FAILED', async () => {
      const res = await t.http().post('/graphql').send({ query: '{ cohorts { id }' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      seen.push(res.body.errors[0].extensions.code);
    });

    it('a document that does not match the schema is 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const res = await t.http().post('/graphql').send({ query: '{ cohorts { nope } }' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      seen.push(res.body.errors[0].extensions.code);
    });

    it('a rule refusal carries extensions.rule and violations [{ rule, condition, message }] with a published condition (COP-4)', async () => {
      const application = await submitApplication(t);
      const res = await t.gql(DECIDE, { id: application.id, input: { outcome: 'APPROVE', reasons: 'Suitable for membership.', panelMemberIds: ['00000000-0000-4000-8000-000000000099'] } }, 'membership-team');
      const error = res.errors![0];
      expect(error.extensions.code).toBe('RULE_VIOLATION');
      expect(error.extensions.rule).toBe('COP-4');
      expect(error.extensions.violations).toEqual([{ rule: 'COP-4', condition: 'PANEL_MEMBER_UNKNOWN', message: expect.any(String) }]);
      expect(Object.values(ViolationCondition)).toContain(error.extensions.violations![0].condition);
      seen.push(error.extensions.code);
    });
  });

  describe('in the schema', () => {
    it('publishes ErrorCode with exactly the documented codes', async () => {
      const schema = await getSchema();
      const type = schema.getType('ErrorCode') as GraphQLEnumType;
      expect(type.getValues().map((v) => v.value).sort()).toEqual([...CODES].sort());
      for (const code of ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RULE_VIOLATION', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'BAD_REQUEST', 'INTERNAL_SERVER_ERROR', 'UNAVAILABLE']) {
        expect(CODES).toContain(code);
      }
    });

    it('publishes ViolationCondition, and Violation.condition uses it', async () => {
      const schema = await getSchema();
      const conditions = schema.getType('ViolationCondition') as GraphQLEnumType;
      expect(conditions.getValues().map((v) => v.value).sort()).toEqual(Object.values(ViolationCondition).sort());
      const violation = schema.getType('Violation') as GraphQLObjectType;
      expect(String(violation.getFields().condition.type)).toBe('ViolationCondition');
      expect(Object.keys(violation.getFields()).sort()).toEqual(['condition', 'field', 'message', 'rule']);
      expect(schema.getType('ErrorExtensions')).toBeDefined();
    });

    it('lists every condition thrown anywhere in the domain', () => {
      const found = new Set<string>();
      for (const file of sourceFiles(SRC)) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/condition:\s*'([A-Za-z_]+)'/g)) found.add(m[1]);
        for (const m of text.matchAll(/condition:\s*ViolationCondition\.([A-Za-z_]+)/g)) found.add(m[1]);
        for (const m of text.matchAll(/condition:\s*`([A-Z_]+)\$\{/g)) for (const list of Object.values(QualificationList)) found.add(`${m[1]}${list}`);
      }
      expect(found.size).toBeGreaterThan(20);
      expect([...found].filter((c) => !(c in ViolationCondition)).sort()).toEqual([]);
    });
  });
});
