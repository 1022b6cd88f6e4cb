import { memberId, submitApplication } from '../support/factories';
import { createTestApp, expectNoErrors, type TestApp } from '../support/harness';

describe('joining without revealing who is a member (ATS-57, COP-2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an application with a member’s email exactly as any other, and tells the member by email', async () => {
    const taken = await submitApplication(t, { email: 'member@example.org' });
    const fresh = await submitApplication(t);
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
    expect(taken.status).toBe('SUBMITTED');
    const res = await t.gql(`{ notifications(first: 50) { nodes { template toAddress recipientMemberId } } }`, undefined, 'membership-team');
    expectNoErrors(res);
    const notices = res.data!.notifications.nodes.filter((n: { toAddress: string }) => n.toAddress === 'member@example.org');
    // Issue 7: the fixed confirmation message first; DEC-J1: once confirmed, the owner is told in their own notifications.
    expect(notices.map((n: { template: string }) => n.template).sort()).toEqual(['MEMBERSHIP_APPLICATION_CONFIRM', 'MEMBERSHIP_APPLICATION_FOR_EXISTING_MEMBER']);
    expect(notices.find((n: { template: string }) => n.template === 'MEMBERSHIP_APPLICATION_FOR_EXISTING_MEMBER').recipientMemberId).toBe(memberId('member'));
  });

  it('never approves a second membership for the same email', async () => {
    const taken = await submitApplication(t, { email: 'fellow@example.org' });
    const res = await t.gql(
      `mutation($id: ID!, $panel: [ID!]!) { decideMembershipApplication(id: $id, input: { outcome: APPROVE, reasons: "Suitable for membership", panelMemberIds: $panel }) { status } }`,
      { id: taken.id, panel: [memberId('panel-member')] },
      'membership-team',
    );
    // DEC-J1: such an application is closed neutrally, never approved.
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-J1' });
  });

  it('keeps the outbox from staff outside the membership team', async () => {
    for (const role of ['finance', 'conduct-panel', 'professional-status-team']) {
      const res = await t.gql(`{ notifications(first: 5) { nodes { body } } }`, undefined, role);
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });
});
