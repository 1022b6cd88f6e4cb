import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { seedDemoProgramme } from '../../src/db/demo-seed';
import { getSchema } from '../../src/graphql/schema';
import { namedDocument, OPERATIONS_FILE, readmeOperations } from '../../scripts/readme-operations';
import { createTestApp, type TestApp } from '../support/harness';

/**
 * Issue 7 item 9: the README's lifecycle runs exactly as written. The operations are read from the ```graphql block
 * under "## The ATS lifecycle as GraphQL operations", in order; each ends with `# [ROLE]` naming whose token to send.
 * Placeholders ("<participant id>") are filled from earlier answers by PLACEHOLDERS below, so a changed README step
 * needs only a change to that table (and to EXPECTED_ERRORS when a step is meant to be refused).
 */
/** Whose token each README role tag means (the demo identities of `npm run token`). */
const ROLE_ALIAS: Record<string, string> = {
  ADMIN: 'admin',
  MEMBER: 'member',
  MEMBERSHIP_TEAM: 'membership-team',
  FINANCE: 'finance',
  PROFESSIONAL_STATUS_TEAM: 'professional-status-team',
};

type Answers = Record<string, any[]>;
const byList = (a: Answers, list: string) => a.approvedQualifications[0].nodes.find((q: { list: string }) => q.list === list).id;

/** How each README placeholder is filled from earlier answers (keyed by root field, in order of answers). */
const PLACEHOLDERS: Record<string, (a: Answers) => string> = {
  '<2027-10 cohort id>': (a) => a.createCohort[0].id,
  '<2028-04 cohort id>': (a) => a.createCohort[1].id,
  '<my member id>': (a) => a.me[0].id,
  '<current code id>': (a) => a.currentCodeOfPractice[0].id,
  '<approved ITT id>': (a) => byList(a, 'ITT'),
  '<approved English id>': (a) => byList(a, 'ENGLISH'),
  '<approved maths id>': (a) => byList(a, 'MATHS'),
  '<template id>': (a) => a.currentAtsApplicationTemplate[0].id,
  '<my ITT id>': (a) => a.recordMyQualification[0].id,
  '<my English id>': (a) => a.recordMyQualification[1].id,
  '<my maths id>': (a) => a.recordMyQualification[2].id,
  '<application id>': (a) => a.submitAtsApplication[0].id,
  '<window id>': (a) => a.registrationWindows[0].nodes.find((w: { cohortId: string }) => w.cohortId === a.createCohort[0].id).id,
  '<participant id>': (a) => a.registerForAts[0].id,
  '<uuid from the client>': () => '6b1f4c1e-2d7a-4f0e-9c3b-0a1b2c3d4e5f',
  '<another uuid>': () => '7c2e5d2f-3e8b-4a1f-8d4c-1b2c3d4e5f60',
  '<extension request id>': (a) => a.requestExtension[0].id,
};

/** Operations the README itself says are refused or are an alternative already taken, with the codes they give. */
const EXPECTED_ERRORS: Record<string, string[]> = {
  // Step 7: refused, listing the unmet ATS-22 conditions (the fee is not paid in full, sections remain).
  submitPortfolio: ['RULE_VIOLATION'],
  // Step 8b is the alternative to 8a, which the walk has taken: the participant is already withdrawn.
  withdrawIneligibleParticipant: ['RULE_VIOLATION', 'CONFLICT'],
  // ATS-45: the balance decision follows only SET's withdrawal (8b); after the member's own (8a) it is refused.
  decideWithdrawnBalance: ['RULE_VIOLATION', 'CONFLICT'],
};

/**
 * Things the README tells the reader to do outside GraphQL after an operation (keyed by its root field), such as
 * completing a sandbox card checkout in the browser: the test does them here.
 */
const AFTER: Record<string, (t: TestApp, answers: Answers) => Promise<void>> = {
  // Step 4 (DEC-P4): `curl -X POST localhost:4000/sandbox/checkout/<providerCheckoutId>/complete`, which sends the
  // provider's signed webhook; the payment exists only once that webhook is accepted.
  startCardPayment: async (t, answers) => {
    const checkout = answers.startCardPayment.at(-1);
    const done = await t.http().post(`/sandbox/checkout/${checkout.providerCheckoutId}/complete`).send();
    if (done.status !== 200 || done.body.webhook?.statusCode !== 200 || !done.body.paymentId) {
      throw new Error(`sandbox checkout did not complete: ${done.status} ${JSON.stringify(done.body)}`);
    }
  },
};

function rootField(text: string): string {
  return /^(?:query|mutation)\s*\{\s*(\w+)/.exec(text)?.[1] ?? '?';
}

describe('the README lifecycle (issue 7 item 9)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    // What `npm start` seeds on first start besides the demo members.
    await seedDemoProgramme(t.dataSource, t.app.services.clock);
  });
  afterAll(async () => {
    await t.close();
  });

  it('extracts operations that each name a role, and every one is valid against the schema', async () => {
    const operations = readmeOperations();
    expect(operations.length).toBeGreaterThan(30);
    const schema = await getSchema();
    const invalid = operations
      .map((op) => ({ op, errors: validate(schema, parse(op.text.replace(/"<[^">]+>"/g, '"00000000-0000-4000-8000-000000000001"'))) }))
      .filter((r) => r.errors.length)
      .map((r) => `${r.op.text}: ${r.errors.map((e) => e.message).join('; ')}`);
    expect(invalid).toEqual([]);
    expect(operations.filter((op) => !ROLE_ALIAS[op.role]).map((op) => op.role)).toEqual([]);
  });

  it('keeps docs/operations/readme.graphql (what codegen and @graphql-eslint read) in step with the README (run `npm run docs:operations`)', () => {
    const checkedIn = fs.readFileSync(path.join(__dirname, '..', '..', '..', OPERATIONS_FILE), 'utf8');
    expect(checkedIn).toBe(namedDocument(readmeOperations()));
  });

  it('runs every operation in order with the named role, and none answers with an error it does not expect', async () => {
    const answers: Answers = {};
    const problems: string[] = [];
    for (const op of readmeOperations()) {
      const unknown = [...op.text.matchAll(/"(<[^">]+>)"/g)].map((m) => m[1]).filter((p) => !PLACEHOLDERS[p]);
      if (unknown.length) {
        problems.push(`step ${op.step}: no mapping for ${unknown.join(', ')} (add it to PLACEHOLDERS)`);
        break;
      }
      let filled: string;
      try {
        filled = op.text.replace(/"(<[^">]+>)"/g, (_, p: string) => JSON.stringify(PLACEHOLDERS[p](answers)));
      } catch (error) {
        problems.push(`step ${op.step}: could not fill a placeholder in ${op.text} from earlier answers (${(error as Error).message})`);
        break;
      }
      const res = await t.gql(filled, undefined, ROLE_ALIAS[op.role]);
      const field = rootField(op.text);
      const expected = EXPECTED_ERRORS[field];
      const codes = (res.errors ?? []).map((e) => e.extensions.code);
      if (expected) {
        if (!codes.length || codes.some((c) => !expected.includes(c))) problems.push(`step ${op.step} ${field}: expected ${expected.join(' or ')}, got ${JSON.stringify(res.errors ?? res.data)}`);
      } else if (codes.length) {
        problems.push(`step ${op.step} ${field} as ${op.role}: ${JSON.stringify(res.errors)}`);
      }
      for (const [key, value] of Object.entries(res.data ?? {})) (answers[key] ??= []).push(value);
      await AFTER[field]?.(t, answers);
    }
    expect(problems).toEqual([]);
    // The walk did what the README says: the extension moved the participant, and 8a withdrew them.
    expect(answers.decideExtension?.[0]).toMatchObject({ status: 'GRANTED', newDeadline: '2028-12-15', toCohortId: answers.createCohort[1].id });
    expect(answers.withdrawFromAts?.[0]).toMatchObject({ status: 'WITHDRAWN' });
    // Step 4 paid by card through the provider's webhook (DEC-P4): the second balance shows the ONLINE payment.
    const paid = answers.participantBalance?.[1];
    expect(paid.payments).toEqual([expect.objectContaining({ channel: 'ONLINE', amountPence: answers.startCardPayment[0].amountPence, payerKind: 'PARTICIPANT' })]);
  });
});
