import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';

/** Issue 7 item 3: bad input is BAD_USER_INPUT naming the field, decided in one place for every operation. */
describe('the input contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a malformed id as BAD_USER_INPUT naming the argument, inline and as a variable', async () => {
    const inline = await t.gql('{ member(id: "not-an-id") { id } }', undefined, 'admin');
    expect(errorCode(inline)).toBe('BAD_USER_INPUT');
    expect(inline.errors?.[0].extensions.field).toBe('id');
    const variable = await t.gql('query ($id: ID!) { participant(id: $id) { id } }', { id: '42' }, 'admin');
    expect(errorCode(variable)).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0].extensions.field).toBe('id');
  });

  it('answers who-are-you before what-did-you-send: a refused caller gets UNAUTHENTICATED or FORBIDDEN, not an input error', async () => {
    expect(errorCode(await t.gql('{ member(id: "not-an-id") { id } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql('{ auditLog(after: "junk") { nodes { id } } }', undefined, 'finance'))).toBe('FORBIDDEN');
  });

  it('names the field inside an input object and a list', async () => {
    const res = await t.gql(
      'mutation ($input: SubmitAtsApplicationInput!) { submitAtsApplication(input: $input) { id } }',
      { input: { templateVersionId: '00000000-0000-4000-8000-000000000001', isRestart: false, eligibilityStatement: 'I teach.', qualificationIds: ['00000000-0000-4000-8000-000000000001', 'x'] } },
      'member',
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions.field).toBe('qualificationIds[1]');
  });

  it('refuses strings holding NUL or an unpaired surrogate, and strings over the central maximum', async () => {
    for (const search of ['a\u0000b', 'a\ud800b', 'x'.repeat(10_001)]) {
      const res = await t.gql('query ($s: String) { members(filter: { search: $s }) { nodes { id } } }', { s: search }, 'admin');
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions.field).toBe('search');
    }
    const fine = await t.gql('query ($s: String) { members(filter: { search: $s }) { nodes { id } } }', { s: 'Zoë 👩🏽‍🏫' }, 'admin');
    expectNoErrors(fine);
  });

  it('refuses junk and forged cursors as BAD_USER_INPUT naming after or before', async () => {
    const forged = Buffer.from(JSON.stringify(['not-a-date', 'also-not-an-id'])).toString('base64url');
    for (const [arg, cursor] of [
      ['after', 'junk!'],
      ['after', forged],
      ['before', forged],
    ]) {
      const res = await t.gql(`{ auditLog(${arg}: "${cursor}") { nodes { id } } }`, undefined, 'admin');
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions.field).toBe(arg);
    }
    const members = await t.gql(`{ members(after: "${forged}") { nodes { id } } }`, undefined, 'admin');
    expect(errorCode(members)).toBe('BAD_USER_INPUT');
  });

  it('bounds dates to 1900-01-01..2200-12-31, so a fee for 9999-12-31 is refused and programmeFees keeps working', async () => {
    const fee = await t.gql('mutation { publishProgrammeFee(input: { amountPence: 90000, publishedOn: "9999-12-31" }) { id } }', undefined, 'admin');
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(errorCode(fee));
    const asVariable = await t.gql('query ($d: LocalDate!) { programmeFeeFor(registrationDate: $d) }', { d: '2201-01-01' });
    expect(errorCode(asVariable)).toBe('BAD_USER_INPUT');
    const clock = await t.gql('mutation ($at: DateTimeISO) { setServerClock(at: $at) { londonDate } }', { at: '9999-12-31T00:00:00Z' }, 'admin');
    expect(errorCode(clock)).toBe('BAD_USER_INPUT');
    const fees = await t.gql('{ programmeFees { amountPence appliesFrom publishedOn } }');
    expectNoErrors(fees);
  });
});

describe('a validator that throws on input the contract refuses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers BAD_USER_INPUT, not INTERNAL_SERVER_ERROR, for an email holding an unpaired surrogate (isEmail would throw URIError)', async () => {
    const res = await t.gql(`mutation ($input: PublicComplaintInput!) { submitPublicComplaint(input: $input) { accepted } }`, {
      input: { name: 'A B', email: 'lone \udc00 low@example.org', summary: 'A summary', details: 'Some details' },
    });
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions.field).toBe('email');
  });
});
