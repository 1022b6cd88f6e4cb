import { PaymentPlan } from '../../src/domain/ats/programme/programme.enums';
import { createTestApp, expectNoErrors, type TestApp } from '../support/harness';
import { freshMember, insertParticipant } from '../support/payments';

/** Issue 7 item 10, ATS-57: a staff read of a member through OverdueBalance.member is audited like member(id), once per request and member. */
describe('OverdueBalance.member is an audited staff read', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('records one member.read per member and request, however many aliases reach it', async () => {
    const a = await freshMember(t);
    const b = await freshMember(t);
    // Balances due six months after a 1 May issue date: overdue on 23 November (ATS-17).
    await insertParticipant(t, { memberId: a.id, plan: PaymentPlan.SINGLE, registrationDate: '2026-03-20', issueDate: '2026-05-01' });
    await insertParticipant(t, { memberId: b.id, plan: PaymentPlan.SINGLE, registrationDate: '2026-03-20', issueDate: '2026-05-01' });
    const reads = async () =>
      (await t.dataSource.query(`SELECT target_id FROM audit_entry WHERE action = 'member.read' AND target_id = ANY($1) ORDER BY target_id`, [[a.id, b.id]])).map((r: { target_id: string }) => r.target_id);
    expect(await reads()).toEqual([]);

    const res = await t.gql(
      `{ x: overdueBalances(first: 10) { nodes { memberId member { id } again: member { email } } } y: overdueBalances(first: 10) { nodes { member { familyName } } } }`,
      {},
      'finance',
    );
    expectNoErrors(res);
    expect(res.data!.x.nodes.map((n: { memberId: string }) => n.memberId).sort()).toEqual([a.id, b.id].sort());
    expect(await reads()).toEqual([a.id, b.id].sort());

    // A second request is a second read: audited again, once per member.
    expectNoErrors(await t.gql(`{ overdueBalances(first: 10) { nodes { member { id } } } }`, {}, 'finance'));
    expect((await reads()).length).toBe(4);
  });
});
