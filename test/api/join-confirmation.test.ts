import { applicationInput, CONFIRM, confirmationToken, DECIDE, memberId, SUBMIT } from '../support/factories';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';

const OUTBOX = `query ($filter: NotificationFilterInput) { notifications(filter: $filter, first: 100) { nodes { toAddress template subject body } } }`;
const PANEL_LIST = `{ membershipApplications(first: 100) { nodes { id confirmedAt } } }`;
const REASONS = 'The declaration raises no concern under the Code of Practice.';

/** Issue 7: the public join form confirms the address first, with a fixed message, and forgets unconfirmed applications. */
describe('join form confirmation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23', env: { JOIN_CONFIRMATION_HOURS: '72' } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function outboxFor(email: string) {
    const res = await t.gql(OUTBOX, {}, 'admin');
    expectNoErrors(res);
    return res.data!.notifications.nodes.filter((n: { toAddress: string }) => n.toAddress === email);
  }
  async function panelIds(): Promise<string[]> {
    const res = await t.gql(PANEL_LIST, {}, 'membership-team');
    expectNoErrors(res);
    return res.data!.membershipApplications.nodes.map((n: { id: string }) => n.id);
  }
  async function submit(overrides: Record<string, unknown> = {}) {
    const res = await t.gql(SUBMIT, { input: applicationInput(overrides) });
    expectNoErrors(res);
    return res.data!.submitMembershipApplication;
  }

  it('sends the address only a fixed confirmation message, with none of the text the applicant wrote', async () => {
    const application = await submit({ givenName: 'Visit https://spam.example now', familyName: 'Cheap pills', employerName: 'Buy at spam.example', declarationDetails: 'spam spam' });
    const mail = await outboxFor(application.email);
    expect(mail.map((m: { template: string }) => m.template)).toEqual(['MEMBERSHIP_APPLICATION_CONFIRM']);
    const text = `${mail[0].subject}\n${mail[0].body}`;
    for (const written of ['spam', 'Cheap', 'pills', 'Visit']) expect(text).not.toContain(written);
    expect(mail[0].body).toMatch(/token=[A-Za-z0-9_-]{43}/);
  });

  it('keeps an unconfirmed application from the panel: not listed, not readable, not decidable', async () => {
    const application = await submit();
    expect(await panelIds()).not.toContain(application.id);
    expect(errorCode(await t.gql(`query ($id: ID!) { membershipApplication(id: $id) { id } }`, { id: application.id }, 'membership-team'))).toBe('NOT_FOUND');
    const decided = await t.gql(DECIDE, { id: application.id, input: { outcome: 'APPROVE', reasons: REASONS, panelMemberIds: [memberId('panel-member')] } }, 'membership-team');
    expect(errorCode(decided)).toBe('NOT_FOUND');
  });

  it('considers the application once the applicant confirms with the emailed token, and only then says it was received', async () => {
    const application = await submit();
    const res = await t.gql(CONFIRM, { token: await confirmationToken(t, application.email) });
    expectNoErrors(res);
    expect(res.data!.confirmMembershipApplication).toMatchObject({ id: application.id, status: 'SUBMITTED', confirmedAt: expect.any(String) });
    expect(await panelIds()).toContain(application.id);
    expect((await outboxFor(application.email)).map((m: { template: string }) => m.template).sort()).toEqual(['MEMBERSHIP_APPLICATION_CONFIRM', 'MEMBERSHIP_APPLICATION_RECEIVED']);
    const decided = await t.gql(DECIDE, { id: application.id, input: { outcome: 'APPROVE', reasons: REASONS, panelMemberIds: [memberId('panel-member')] } }, 'membership-team');
    expectNoErrors(decided);
  });

  it('answers a second confirmation with the same link the same way, sending nothing more', async () => {
    const application = await submit();
    const token = await confirmationToken(t, application.email);
    expectNoErrors(await t.gql(CONFIRM, { token }));
    const again = await t.gql(CONFIRM, { token });
    expectNoErrors(again);
    expect(again.data!.confirmMembershipApplication.id).toBe(application.id);
    expect(await outboxFor(application.email)).toHaveLength(2);
  });

  it('refuses an unknown token as a COP-2 rule violation with condition CONFIRMATION_INVALID', async () => {
    const res = await t.gql(CONFIRM, { token: 'x'.repeat(43) });
    expect(errorCode(res)).toBe('RULE_VIOLATION');
    expect(res.errors![0].extensions.rule).toBe('COP-2');
    expect(res.errors![0].extensions.violations).toEqual([expect.objectContaining({ rule: 'COP-2', condition: 'CONFIRMATION_INVALID', field: 'token' })]);
  });

  it('takes the DEC-J1 neutral path through confirmation too: a member’s address is told only after confirming', async () => {
    const application = await submit({ email: 'fellow@example.org' });
    expect((await outboxFor('fellow@example.org')).map((m: { template: string }) => m.template)).toEqual(['MEMBERSHIP_APPLICATION_CONFIRM']);
    expectNoErrors(await t.gql(CONFIRM, { token: await confirmationToken(t, 'fellow@example.org') }));
    expect((await outboxFor('fellow@example.org')).map((m: { template: string }) => m.template).sort()).toEqual(['MEMBERSHIP_APPLICATION_CONFIRM', 'MEMBERSHIP_APPLICATION_FOR_EXISTING_MEMBER']);
    expect(application.status).toBe('SUBMITTED');
  });

  it('refuses a confirmation 72 hours after submitting, and the sweep deletes the expired application', async () => {
    t.setToday('2026-11-24', 9);
    const application = await submit();
    const token = await confirmationToken(t, application.email);
    t.setToday('2026-11-27', 8, 59); // 71 h 59 min later: still valid for another application
    const kept = await submit();
    t.setToday('2026-11-27', 9, 1); // 72 h and a minute after the first
    const late = await t.gql(CONFIRM, { token });
    expect(errorCode(late)).toBe('RULE_VIOLATION');
    expect(late.errors![0].extensions.violations![0].condition).toBe('CONFIRMATION_INVALID');
    const sweep = await t.gql(`mutation { runSweeps { name affected } }`, undefined, 'admin');
    expectNoErrors(sweep);
    expect(sweep.data!.runSweeps.find((r: { name: string }) => r.name === 'membershipApplication.expireUnconfirmed').affected).toBeGreaterThanOrEqual(1);
    const rows = await t.dataSource.query(`SELECT id FROM membership_application WHERE id = ANY($1)`, [[application.id, kept.id]]);
    expect(rows.map((r: { id: string }) => r.id)).toEqual([kept.id]);
  });
});
