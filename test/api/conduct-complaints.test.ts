import { Complaint } from '../../src/domain/conduct/complaint.entity';
import { newMember, ok, staffId } from '../support/conduct-fixtures';
import { createTestApp, errorCode, type TestApp } from '../support/harness';

/** COP-7: complaints from the public (email confirmed first) and from members, through to escalation to an appeal. */
describe('Complaints under the complaints and appeals policy (COP-7)', () => {
  let t: TestApp;
  const email = 'jo.public@example.net';
  let complaintId: string;
  let statusToken: string;

  const SUBMIT = `mutation($input: PublicComplaintInput!) { submitPublicComplaint(input: $input) { accepted message } }`;
  const input = (overrides: Record<string, string> = {}) => ({ name: 'Jo Public', email, summary: 'Rude tutor', details: 'A SET member was abusive to learners at an open evening.', ...overrides });
  const mails = async (template: string, to: string): Promise<{ body: string; subject: string }[]> =>
    t.dataSource.query(`SELECT subject, body FROM notification WHERE template = $1 AND to_address = $2 ORDER BY created_at, id`, [template, to]);
  const STATUS = `query($token: String!) { complaintStatus(token: $token) { reference status receivedOn outcome resolution } }`;
  const OPEN = `query($overdue: Boolean) { openComplaints(overdueOnly: $overdue) { nodes { id status receivedOn clock { ageDays acknowledgeBy resolveBy acknowledgementOverdue resolutionOverdue } } } }`;

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-03-01', env: { COMPLAINT_ACKNOWLEDGE_DAYS: '3', COMPLAINT_RESOLVE_DAYS: '20' } });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('a complaint from a member of the public', () => {
    it('takes it without an account and mails a fixed confirmation with a code, none of the complainant’s text', async () => {
      const data = await ok(t.gql(SUBMIT, { input: input() }));
      expect(data.submitPublicComplaint.accepted).toBe(true);
      const [mail] = await mails('COMPLAINT_CONFIRM_EMAIL', email);
      expect(mail.body).toMatch(/confirmation code: \S{40,}/);
      for (const text of ['Jo Public', 'Rude tutor', 'abusive']) expect(mail.body + mail.subject).not.toContain(text);
    });

    it('keeps an unconfirmed complaint away from staff', async () => {
      expect((await ok(t.gql(OPEN, {}, 'conduct-panel'))).openComplaints.nodes).toEqual([]);
    });

    it('refuses a wrong code with NOT_FOUND and rule COP-7', async () => {
      const res = await t.gql(`mutation { confirmComplaint(token: "not-the-code") { status } }`);
      expect([errorCode(res), res.errors![0].extensions.rule]).toEqual(['NOT_FOUND', 'COP-7']);
    });

    it('confirms with the code: RECEIVED, and a private status link is mailed to the confirmed address', async () => {
      const [mail] = await mails('COMPLAINT_CONFIRM_EMAIL', email);
      const code = /confirmation code: (\S+)/.exec(mail.body)![1];
      const data = await ok(t.gql(`mutation($token: String!) { confirmComplaint(token: $token) { reference status receivedOn } }`, { token: code }));
      expect(data.confirmComplaint).toMatchObject({ status: 'RECEIVED', receivedOn: '2027-03-01' });
      const [received] = await mails('COMPLAINT_RECEIVED', email);
      statusToken = /token=(\S+)/.exec(received.body)![1];
      expect((await ok(t.gql(STATUS, { token: statusToken }))).complaintStatus).toMatchObject({ status: 'RECEIVED', outcome: null });
      expect(errorCode(await t.gql(`mutation($token: String!) { confirmComplaint(token: $token) { status } }`, { token: code }))).toBe('NOT_FOUND');
      const row = await t.dataSource.getRepository(Complaint).findOneByOrFail({ contactEmail: email });
      complaintId = row.id;
      expect(row.confirmationTokenHash).toBeNull();
      expect(row.statusTokenHash).not.toContain(statusToken);
    });

    it('shows nothing through a made-up status link', async () => {
      expect(errorCode(await t.gql(STATUS, { token: 'x'.repeat(43) }))).toBe('NOT_FOUND');
    });

    it('lists open complaints by age with the configured targets; overdue from the day after the target', async () => {
      t.setToday('2027-03-04');
      let nodes = (await ok(t.gql(OPEN, { overdue: true }, 'conduct-panel'))).openComplaints.nodes;
      expect(nodes).toEqual([]);
      t.setToday('2027-03-05');
      nodes = (await ok(t.gql(OPEN, { overdue: true }, 'conduct-panel'))).openComplaints.nodes;
      expect(nodes).toEqual([
        { id: complaintId, status: 'RECEIVED', receivedOn: '2027-03-01', clock: { ageDays: 4, acknowledgeBy: '2027-03-04', resolveBy: '2027-03-21', acknowledgementOverdue: true, resolutionOverdue: false } },
      ]);
    });

    it('refuses resolving before acknowledging (CONFLICT, COP-7)', async () => {
      const res = await t.gql(`mutation($id: ID!) { resolveComplaint(id: $id, outcome: UPHELD, resolution: "We spoke to the member concerned.") { status } }`, { id: complaintId }, 'conduct-panel');
      expect([errorCode(res), res.errors![0].extensions.rule]).toEqual(['CONFLICT', 'COP-7']);
    });

    it('acknowledges, assigns and resolves with an outcome; the complainant sees the outcome through the link', async () => {
      await ok(t.gql(`mutation($id: ID!) { acknowledgeComplaint(id: $id) { status } }`, { id: complaintId }, 'conduct-panel'));
      expect((await ok(t.gql(OPEN, { overdue: true }, 'conduct-panel'))).openComplaints.nodes).toEqual([]);
      await ok(t.gql(`mutation($id: ID!, $s: ID!) { assignComplaint(id: $id, staffUserId: $s) { status assignedTo } }`, { id: complaintId, s: staffId('conduct-panel') }, 'conduct-panel'));
      const resolved = await ok(t.gql(`mutation($id: ID!) { resolveComplaint(id: $id, outcome: PARTLY_UPHELD, resolution: "We spoke to the member concerned.") { status outcome } }`, { id: complaintId }, 'conduct-panel'));
      expect(resolved.resolveComplaint).toEqual({ status: 'RESOLVED', outcome: 'PARTLY_UPHELD' });
      expect((await ok(t.gql(STATUS, { token: statusToken }))).complaintStatus).toMatchObject({ status: 'RESOLVED', outcome: 'PARTLY_UPHELD', resolution: 'We spoke to the member concerned.' });
      expect(await mails('COMPLAINT_RESOLVED', email)).toHaveLength(1);
    });

    it('escalates to an appeal whose panel excludes whoever handled the complaint (COP-3), decided and mailed to the complainant', async () => {
      const esc = await ok(t.gql(`mutation($id: ID!) { escalateComplaint(id: $id, grounds: "The member was not spoken to about learners.") { status appealId } }`, { id: complaintId }, 'conduct-panel'));
      expect(esc.escalateComplaint.status).toBe('ESCALATED');
      const appealId = esc.escalateComplaint.appealId;
      const appeal = await ok(t.gql(`query($id: ID!) { conductAppeal(id: $id) { subject status complaintId } }`, { id: appealId }, 'conduct-panel'));
      expect(appeal.conductAppeal).toEqual({ subject: 'COMPLAINT_OUTCOME', status: 'LODGED', complaintId });
      const member = await newMember(t, 'complaintpanel');
      const bad = await t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneAppealPanel(appealId: $id, seats: $seats) { status } }`, { id: appealId, seats: [{ memberId: member.id }, { staffUserId: staffId('conduct-panel') }] }, 'admin');
      expect(bad.errors![0].extensions.rule).toBe('COP-3');
      await ok(t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneAppealPanel(appealId: $id, seats: $seats) { status } }`, { id: appealId, seats: [{ memberId: member.id }, { staffUserId: staffId('admin') }] }, 'admin'));
      const varied = await t.gql(`mutation($id: ID!) { decideConductAppeal(appealId: $id, input: { outcome: SANCTION_VARIED, reasons: "Not applicable here at all.", sanctions: [] }) { status } }`, { id: appealId }, 'admin');
      expect(errorCode(varied)).toBe('BAD_USER_INPUT');
      const decided = await ok(t.gql(`mutation($id: ID!) { decideConductAppeal(appealId: $id, input: { outcome: NOT_UPHELD, reasons: "The complaint was handled in line with policy." }) { status outcome } }`, { id: appealId }, 'admin'));
      expect(decided.decideConductAppeal).toEqual({ status: 'DECIDED', outcome: 'NOT_UPHELD' });
      expect((await mails('CONDUCT_APPEAL_DECIDED', email))[0].body).toContain('The complaint was handled in line with policy.');
      expect((await ok(t.gql(STATUS, { token: statusToken }))).complaintStatus.status).toBe('ESCALATED');
    });

    it('refuses escalating twice (ESCALATED is final)', async () => {
      const res = await t.gql(`mutation($id: ID!) { escalateComplaint(id: $id, grounds: "Once more with feeling please.") { status } }`, { id: complaintId }, 'conduct-panel');
      expect(errorCode(res)).toBe('CONFLICT');
    });
  });

  describe('unconfirmed complaints and flooding', () => {
    it('refuses a code after it expires, and the sweep deletes the unconfirmed complaint', async () => {
      const other = 'late.confirmer@example.net';
      await ok(t.gql(SUBMIT, { input: input({ email: other }) }));
      const code = /confirmation code: (\S+)/.exec((await mails('COMPLAINT_CONFIRM_EMAIL', other))[0].body)![1];
      t.clock.set(new Date(t.clock.now().getTime() + 49 * 3600_000));
      expect(errorCode(await t.gql(`mutation($token: String!) { confirmComplaint(token: $token) { status } }`, { token: code }))).toBe('NOT_FOUND');
      await ok(t.gql(`mutation { runSweeps { name affected } }`, {}, 'admin'));
      expect(await t.dataSource.getRepository(Complaint).countBy({ contactEmail: other })).toBe(0);
    });

    it('sends at most three confirmation mails a day to one address, answering every request the same way', async () => {
      const target = 'victim@example.net';
      for (let i = 0; i < 5; i++) expect((await ok(t.gql(SUBMIT, { input: input({ email: target }) }))).submitPublicComplaint.accepted).toBe(true);
      expect(await mails('COMPLAINT_CONFIRM_EMAIL', target)).toHaveLength(3);
    });

    it('refuses bad input without touching the database', async () => {
      const res = await t.gql(SUBMIT, { input: input({ email: 'not-an-email' }) });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      const long = await t.gql(SUBMIT, { input: input({ summary: 'x'.repeat(201) }) });
      expect(errorCode(long)).toBe('BAD_USER_INPUT');
    });
  });

  describe('a complaint from a member', () => {
    it('is received at once, visible to that member only, and the member may escalate it once resolved', async () => {
      const m = await newMember(t, 'complainer');
      const other = await newMember(t, 'bystander');
      const logged = await ok(t.gql(`mutation { logComplaint(input: { summary: "Renewal fee taken twice", details: "I was charged twice for my renewal in March." }) { id status complainantMemberId } }`, {}, m.token));
      const id = logged.logComplaint.id;
      expect(logged.logComplaint).toMatchObject({ status: 'RECEIVED', complainantMemberId: m.id });
      expect((await ok(t.gql(`{ myComplaints { id } }`, {}, m.token))).myComplaints).toEqual([{ id }]);
      expect((await ok(t.gql(`{ myComplaints { id } }`, {}, other.token))).myComplaints).toEqual([]);
      expect(errorCode(await t.gql(`mutation($id: ID!) { escalateComplaint(id: $id, grounds: "Not resolved to my satisfaction.") { status } }`, { id }, other.token))).toBe('NOT_FOUND');
      await ok(t.gql(`mutation($id: ID!) { acknowledgeComplaint(id: $id) { status } }`, { id }, 'conduct-panel'));
      await ok(t.gql(`mutation($id: ID!) { resolveComplaint(id: $id, outcome: UPHELD, resolution: "The duplicate payment is refunded.") { status } }`, { id }, 'conduct-panel'));
      const esc = await ok(t.gql(`mutation($id: ID!) { escalateComplaint(id: $id, grounds: "The refund has not arrived in my account.") { status } }`, { id }, m.token));
      expect(esc.escalateComplaint.status).toBe('ESCALATED');
    });
  });

  describe('the open queue under keyset paging (issue 7 item 7)', () => {
    const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
      openComplaints(first: $first, after: $after, last: $last, before: $before) { nodes { id receivedOn } edges { cursor node { id } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } }
    }`;
    const ids = (c: { nodes: { id: string }[] }) => c.nodes.map((n) => n.id);

    it('pages backward with last/before over the same oldest-first order as forward paging', async () => {
      const m = await newMember(t, 'pager');
      const logged: string[] = [];
      for (const day of ['2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13']) {
        t.setToday(day);
        const data = await ok(t.gql(`mutation($d: String!) { logComplaint(input: { summary: "Queue order", details: $d }) { id } }`, { d: `A complaint received on ${day}.` }, m.token));
        logged.push(data.logComplaint.id);
      }
      const all = (await ok(t.gql(PAGE, { first: 100 }, 'conduct-panel'))).openComplaints;
      const order = ids(all);
      const dates: string[] = all.nodes.map((n: { receivedOn: string }) => n.receivedOn);
      expect(dates).toEqual([...dates].sort()); // oldest first: by age
      expect(order.filter((id) => logged.includes(id))).toEqual(logged);
      expect(order.slice(-4)).toEqual(logged);

      const tail = (await ok(t.gql(PAGE, { last: 2 }, 'conduct-panel'))).openComplaints;
      expect(ids(tail)).toEqual(logged.slice(2));
      expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: tail.edges[0].cursor, endCursor: tail.edges[1].cursor });

      const before = (await ok(t.gql(PAGE, { last: 2, before: tail.pageInfo.startCursor }, 'conduct-panel'))).openComplaints;
      expect(ids(before)).toEqual(logged.slice(0, 2));
      expect(before.pageInfo.hasNextPage).toBe(true);

      const forward = (await ok(t.gql(PAGE, { first: 2, after: before.pageInfo.endCursor }, 'conduct-panel'))).openComplaints;
      expect(ids(forward)).toEqual(logged.slice(2));
      expect(forward.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    });

    it('refuses a junk cursor and mixed directions as BAD_USER_INPUT naming the argument', async () => {
      const junk = await t.gql(PAGE, { last: 2, before: 'not-a-cursor' }, 'conduct-panel');
      expect([errorCode(junk), junk.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'before']);
      const mixed = await t.gql(PAGE, { first: 2, last: 2 }, 'conduct-panel');
      expect([errorCode(mixed), mixed.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'last']);
    });
  });

  describe('visibility (ATS-57)', () => {
    it.each(['member', 'membership-team', 'finance', 'professional-status-team'])('refuses the complaint queue and records to %s', async (who) => {
      expect(errorCode(await t.gql(OPEN, {}, who))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(`query($id: ID!) { complaint(id: $id) { id } }`, { id: complaintId }, who))).toBe('FORBIDDEN');
    });

    it('audits public confirmation, link reads and staff reads', async () => {
      const actions: { action: string }[] = await t.dataSource.query(`SELECT DISTINCT action FROM audit_entry WHERE target_type = 'complaint'`);
      expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['complaint.submitPublic', 'complaint.confirm', 'complaint.readByLink', 'complaint.listOpen', 'complaint.acknowledge', 'complaint.resolve', 'complaint.escalate', 'complaint.log', 'complaint.readOwn']));
    });
  });
});
