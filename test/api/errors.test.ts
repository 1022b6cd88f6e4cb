import { GraphQLError } from 'graphql';
import { createErrorFormatter } from '../../src/graphql/errors';
import { applicationInput, DECIDE, memberId, submitApplication, SUBMIT } from '../support/factories';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';

const UNKNOWN_ID = '00000000-0000-4000-8000-0000000000ff';

describe('error model', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('input validation', () => {
    it('names the field when an application gives a bad email', async () => {
      const res = await t.gql(SUBMIT, { input: applicationInput({ email: 'not-an-email' }) });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      const ext = res.errors![0].extensions;
      expect(ext.field).toBe('email');
      expect(ext.violations).toEqual([expect.objectContaining({ field: 'email', message: expect.any(String) })]);
      expect(res.data ?? null).toBeNull();
    });

    it('lists every invalid field together', async () => {
      const res = await t.gql(SUBMIT, { input: applicationInput({ email: 'nope', givenName: '', acceptedCodeVersionId: 'v1' }) });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      const fields = res.errors![0].extensions.violations!.map((v) => v.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'givenName', 'acceptedCodeVersionId']));
    });

    it('names the field when a domain check refuses input (reasons too short, COP-2)', async () => {
      const application = await submitApplication(t);
      const res = await t.gql(DECIDE, { id: application.id, input: { outcome: 'APPROVE', reasons: 'ok', panelMemberIds: [memberId('panel-member')] } }, 'membership-team');
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe('reasons');
    });

    it('names `first` and `after` when pagination arguments are bad', async () => {
      const tooMany = await t.gql('{ members(first: 1000) { nodes { id } } }', undefined, 'membership-team');
      expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
      expect(tooMany.errors![0].extensions.field).toBe('first');
      const badCursor = await t.gql('{ members(after: "garbage") { nodes { id } } }', undefined, 'membership-team');
      expect(errorCode(badCursor)).toBe('BAD_USER_INPUT');
      expect(badCursor.errors![0].extensions.field).toBe('after');
    });

    it('reports a query that does not match the schema as GRAPHQL_VALIDATION_FAILED', async () => {
      const res = await t.gql('{ serverClock { noSuchField } }');
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('domain errors', () => {
    it('carry the code and the rule: an application accepting an unknown Code version is refused (COP-1)', async () => {
      const res = await t.gql(SUBMIT, { input: applicationInput({ acceptedCodeVersionId: UNKNOWN_ID }) });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('COP-1');
      expect(res.errors![0].extensions.violations).toEqual([expect.objectContaining({ rule: 'COP-1' })]);
    });

    it('carry FORBIDDEN with ATS-57 when a member reads another member', async () => {
      const res = await t.gql(`query ($id: ID!) { member(id: $id) { id email } }`, { id: memberId('fellow') }, 'member');
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0].extensions.rule).toBe('ATS-57');
      expect(res.data ?? null).toBeNull();
    });

    it('carry NOT_FOUND for an unknown record', async () => {
      const res = await t.gql(`query ($id: ID!) { membershipApplication(id: $id) { id } }`, { id: UNKNOWN_ID }, 'membership-team');
      expect(errorCode(res)).toBe('NOT_FOUND');
    });

    it('carry CONFLICT with the rule when an application is decided a second time (COP-2)', async () => {
      const application = await submitApplication(t);
      const decide = (outcome: string) =>
        t.gql(DECIDE, { id: application.id, input: { outcome, reasons: 'Meets the Code in every respect.', panelMemberIds: [memberId('panel-member')] } }, 'membership-team');
      expectNoErrors(await decide('REFUSE'));
      const res = await decide('APPROVE');
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors![0].extensions.rule).toBe('COP-2');
    });

    it('come back together in extensions.violations: a panel naming an unknown id and a lapsed member (COP-4)', async () => {
      const application = await submitApplication(t);
      const res = await t.gql(
        DECIDE,
        { id: application.id, input: { outcome: 'APPROVE', reasons: 'Meets the Code in every respect.', panelMemberIds: [UNKNOWN_ID, memberId('lapsed-member'), memberId('panel-member')] } },
        'membership-team',
      );
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      const { rule, violations } = res.errors![0].extensions;
      expect(rule).toBe('COP-4');
      expect(violations).toHaveLength(2);
      expect(violations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: 'COP-4', condition: 'PANEL_MEMBER_UNKNOWN', message: expect.stringContaining(UNKNOWN_ID) }),
          expect.objectContaining({ rule: 'COP-4', condition: 'PANEL_MEMBER_NOT_CURRENT', message: expect.stringContaining(memberId('lapsed-member')) }),
        ]),
      );
      // and the refused decision changed nothing
      const after = await t.gql(`query ($id: ID!) { membershipApplication(id: $id) { status panelMemberIds memberId } }`, { id: application.id }, 'membership-team');
      expect(after.data!.membershipApplication).toEqual({ status: 'SUBMITTED', panelMemberIds: [], memberId: null });
    });
  });

  describe('unexpected errors', () => {
    const secretMessage = "SELECT secret FROM member WHERE email = 'zoe.private@example.org'";

    it('are masked: no SQL, stack or personal data leaves the server', async () => {
      const original = t.app.services.codes.list;
      t.app.services.codes.list = async () => {
        throw new Error(secretMessage);
      };
      try {
        const res = await t.http().post('/graphql').send({ query: '{ codeOfPracticeVersions { id } }' });
        const [error] = res.body.errors;
        expect(error.message).toBe('Internal server error');
        expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
        expect(res.text).not.toMatch(/SELECT|secret|zoe\.private|@example\.org|stacktrace|at .*\.js/i);
      } finally {
        t.app.services.codes.list = original;
      }
      // the operation works again once the fault is gone
      expectNoErrors(await t.gql('{ codeOfPracticeVersions { id } }'));
    });

    it('are masked when a non-Error value is thrown', async () => {
      const original = t.app.services.codes.list;
      t.app.services.codes.list = () => Promise.reject({ sql: secretMessage });
      try {
        const res = await t.gql('{ codeOfPracticeVersions { id } }');
        expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
        expect(JSON.stringify(res.errors)).not.toContain('secret');
      } finally {
        t.app.services.codes.list = original;
      }
    });

    it('are logged by name and stack frames only, never with a message that may carry personal data (ATS-57)', () => {
      const logged: object[] = [];
      const format = createErrorFormatter({ error: (obj) => logged.push(obj) });
      const error = new GraphQLError('wrapped', { originalError: new Error(secretMessage), path: ['codeOfPracticeVersions'] });
      const out = format({ message: 'wrapped', path: ['codeOfPracticeVersions'] }, error);
      expect(out).toEqual({ message: 'Internal server error', path: ['codeOfPracticeVersions'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(logged).toHaveLength(1);
      expect(JSON.stringify(logged[0])).toContain('codeOfPracticeVersions');
      expect(JSON.stringify(logged[0])).not.toMatch(/secret|zoe\.private/);
    });
  });
});
