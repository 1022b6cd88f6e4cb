import { Role } from '../../src/domain/shared/viewer';
import { applicationInput, CONFIRM, confirmationToken, memberId, submitApplication } from '../support/factories';
import { createTestApp, expectNoErrors, type GraphQLResponse, type TestApp } from '../support/harness';

/** DEC-J1 (join applications and email changes that reuse a member's email) and DEC-G1 in the membership area. */
describe('DEC-J1 and DEC-G1 in membership', () => {
  let t: TestApp;
  const ext = (r: GraphQLResponse): Record<string, any> => r.errors?.[0]?.extensions ?? {};
  const ok = async (r: Promise<GraphQLResponse>) => {
    const res = await r;
    expectNoErrors(res);
    return res.data!;
  };
  const APP = `query($id: ID!) { membershipApplication(id: $id) { id status emailMatchesMember } }`;
  const CLOSE = `mutation($id: ID!) { closeMembershipApplication(id: $id) { id status } }`;
  const OUTBOX = `query($f: NotificationFilterInput) { notifications(filter: $f, first: 50) { nodes { template toAddress subject body recipientMemberId } } }`;
  /** The demo member who is also on the membership team (one token, both roles). */
  let memberStaff: string;

  beforeAll(async () => {
    t = await createTestApp();
    memberStaff = t.token(memberId('member'), [Role.MEMBER, Role.MEMBERSHIP_TEAM]);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('a join application that gives a member’s email', () => {
    let taken: Record<string, any>;
    let fresh: Record<string, any>;

    it('shows the match to the panel only (a staff-only field; null for the public)', async () => {
      const SUBMIT = `mutation ($input: SubmitMembershipApplicationInput!) { submitMembershipApplication(input: $input) { id status emailMatchesMember } }`;
      const publicAnswer = await ok(t.gql(SUBMIT, { input: applicationInput({ email: 'fellow@example.org' }) }));
      expect(publicAnswer.submitMembershipApplication).toMatchObject({ status: 'SUBMITTED', emailMatchesMember: null });
      taken = publicAnswer.submitMembershipApplication;
      // Issue 7: the address is confirmed first; only then is the application considered and its owner told.
      await ok(t.gql(CONFIRM, { token: await confirmationToken(t, 'fellow@example.org') }));
      fresh = await submitApplication(t);
      expect((await ok(t.gql(APP, { id: taken.id }, 'membership-team'))).membershipApplication.emailMatchesMember).toBe(true);
      expect((await ok(t.gql(APP, { id: fresh.id }, 'membership-team'))).membershipApplication.emailMatchesMember).toBe(false);
    });

    it('tells the address’s owner in their own notifications (recipient is the member)', async () => {
      const mine = await ok(t.gql(`{ myNotifications(first: 20) { nodes { template } } }`, {}, 'fellow'));
      expect(mine.myNotifications.nodes.map((n: { template: string }) => n.template)).toContain('MEMBERSHIP_APPLICATION_FOR_EXISTING_MEMBER');
    });

    it('is never decided on suitability: approval and refusal are refused citing DEC-J1', async () => {
      for (const outcome of ['APPROVE', 'REFUSE']) {
        const res = await t.gql(
          `mutation($id: ID!, $o: SuitabilityOutcome!, $panel: [ID!]!) { decideMembershipApplication(id: $id, input: { outcome: $o, reasons: "Decided on the application", panelMemberIds: $panel }) { status } }`,
          { id: taken.id, o: outcome, panel: [memberId('panel-member')] },
          'membership-team',
        );
        expect(ext(res)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-J1' });
      }
    });

    it('refuses DEC-G1 to a staff user closing an application that gives their own email', async () => {
      const mine = await submitApplication(t, { email: 'member@example.org' });
      expect(ext(await t.gql(CLOSE, { id: mine.id }, memberStaff))).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
    });

    it('closes it with a neutral status and a neutral email that offers no review', async () => {
      expect((await ok(t.gql(CLOSE, { id: taken.id }, 'membership-team'))).closeMembershipApplication.status).toBe('CLOSED');
      const mail = await ok(t.gql(OUTBOX, { f: { template: 'MEMBERSHIP_APPLICATION_CLOSED' } }, 'membership-team'));
      expect(mail.notifications.nodes).toHaveLength(1);
      const [notice] = mail.notifications.nodes;
      expect(notice.toAddress).toBe('fellow@example.org');
      expect(notice.recipientMemberId).toBeNull();
      expect(`${notice.subject} ${notice.body}`).not.toMatch(/review|member of SET|already|refus/i);
      const review = await t.gql(`mutation($id: ID!) { requestMembershipApplicationReview(id: $id, grounds: "Please look again") { id } }`, { id: taken.id }, 'membership-team');
      expect(ext(review)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'COP-3' });
    });

    it('closes only applications that give a member’s email (DEC-J1)', async () => {
      expect(ext(await t.gql(CLOSE, { id: fresh.id }, 'membership-team'))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-J1' });
    });
  });

  describe('changing a member’s email (DEC-J1)', () => {
    const UPDATE = `mutation ($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id email familyName } }`;
    const CONFIRM = `mutation($token: String!) { confirmEmailChange(token: $token) { id email } }`;
    const tokenSentTo = async (address: string): Promise<string> => {
      const mail = await ok(t.gql(OUTBOX, { f: { template: 'MEMBER_EMAIL_CHANGE_CONFIRM' } }, 'membership-team'));
      const notice = mail.notifications.nodes.find((n: { toAddress: string }) => n.toAddress === address);
      return /code: (\S+)/.exec(notice.body)![1];
    };

    it('answers the same whether or not the new address is taken, and changes nothing yet', async () => {
      const taken = await t.gql(UPDATE, { input: { email: 'fellow@example.org' } }, 'associate');
      const free = await t.gql(UPDATE, { input: { email: 'rahul.new@example.org' } }, 'associate');
      expect(taken).toEqual(free);
      expect(free.data!.updateMyProfile.email).toBe('associate@example.org');
    });

    it('sends the code only to the new address, never into the member’s own notifications', async () => {
      const mine = await ok(t.gql(`{ myNotifications(first: 50) { nodes { template } } }`, {}, 'associate'));
      expect(mine.myNotifications.nodes.map((n: { template: string }) => n.template)).not.toContain('MEMBER_EMAIL_CHANGE_CONFIRM');
    });

    it('refuses a wrong code citing DEC-J1 and applies the change with the right one', async () => {
      expect(ext(await t.gql(CONFIRM, { token: 'not-the-code' }, 'associate'))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-J1' });
      const token = await tokenSentTo('rahul.new@example.org');
      expect(ext(await t.gql(CONFIRM, { token }, 'fellow'))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-J1' });
      expect((await ok(t.gql(CONFIRM, { token }, 'associate'))).confirmEmailChange.email).toBe('rahul.new@example.org');
      expect(ext(await t.gql(CONFIRM, { token }, 'associate'))).toMatchObject({ rule: 'DEC-J1' });
    });

    it('refuses, at confirmation by the address’s holder, an address another member uses', async () => {
      const token = await tokenSentTo('fellow@example.org');
      expect(ext(await t.gql(CONFIRM, { token }, 'associate'))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-J1' });
    });

    it('refuses a code more than 24 hours old', async () => {
      await ok(t.gql(UPDATE, { input: { email: 'zoe.later@example.org' } }, 'member'));
      const token = await tokenSentTo('zoe.later@example.org');
      t.clock.set(new Date(t.clock.now().getTime() + 24 * 3600 * 1000 + 1000));
      expect(ext(await t.gql(CONFIRM, { token }, 'member'))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-J1' });
    });
  });

  it('refuses DEC-G1 to a staff user changing their own grade', async () => {
    const res = await t.gql(`mutation($id: ID!) { changeMemberGrade(memberId: $id, grade: FELLOW) { grade } }`, { id: memberId('member') }, memberStaff);
    expect(ext(res)).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
  });
});
