import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { DEMO_MEMBERS } from '../../src/db/demo-identities';
import { CodeOfPracticeService } from '../../src/domain/membership/code-of-practice.service';
import { MemberService } from '../../src/domain/membership/member.service';
import { MembershipApplicationService } from '../../src/domain/membership/membership-application.service';
import { APPLICATION_FIELDS, CONFIRM, DECIDE, MEMBER_FIELDS, applicationInput, confirmationToken, memberId, submitApplication, SUBMIT } from '../support/factories';
import { createTestApp, errorCode, expectNoErrors, type GraphQLResponse, type TestApp } from '../support/harness';

const MEMBER_QUERY = `query ($id: ID!) { member(id: $id) { ${MEMBER_FIELDS} codeAcceptances { codeVersionId context } } }`;
const RENEW = `mutation ($memberId: ID!, $code: ID!) { renewMembership(memberId: $memberId, acceptedCodeVersionId: $code) { ${MEMBER_FIELDS} } }`;
const REQUEST_REVIEW = `mutation ($id: ID!, $grounds: String!) { requestMembershipApplicationReview(id: $id, grounds: $grounds) { ${APPLICATION_FIELDS} } }`;
const DECIDE_REVIEW = `mutation ($id: ID!, $input: ReviewDecisionInput!) { decideMembershipApplicationReview(id: $id, input: $input) { ${APPLICATION_FIELDS} } }`;
const PUBLISH = `mutation ($input: PublishCodeOfPracticeVersionInput!) { publishCodeOfPracticeVersion(input: $input) { id version effectiveFrom } }`;
const NOTIFICATIONS = `query ($filter: NotificationFilterInput) { notifications(filter: $filter, first: 100) { nodes { id recipientMemberId toAddress template subject body rule status } } }`;
const MEMBERS = `query ($filter: MemberFilterInput, $first: Int, $after: String) {
  members(filter: $filter, first: $first, after: $after) { nodes { id familyName givenName grade status membershipNumber } pageInfo { endCursor hasNextPage } }
}`;

const REASONS = 'The declaration raises no concern under the Code of Practice.';
const ACTIVE_DEMO_IDS = DEMO_MEMBERS.filter((m) => m.status === 'ACTIVE').map((m) => m.id);

async function notices(t: TestApp, filter: Record<string, unknown>): Promise<Record<string, any>[]> {
  const res = await t.gql(NOTIFICATIONS, { filter }, 'membership-team');
  expectNoErrors(res);
  return res.data!.notifications.nodes;
}

async function readMember(t: TestApp, id: string): Promise<Record<string, any>> {
  const res = await t.gql(MEMBER_QUERY, { id }, 'membership-team');
  expectNoErrors(res);
  return res.data!.member;
}

describe(MembershipApplicationService.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes an application from anyone, without a token, accepting the current Code version (COP-1, COP-2)', async () => {
    const input = applicationInput({ email: 'Nia.Okafor@Example.org', declarationDetails: 'Nothing to declare.' });
    const res = await t.gql(SUBMIT, { input });
    expectNoErrors(res);
    const application = res.data!.submitMembershipApplication;
    expect(application).toMatchObject({ status: 'SUBMITTED', email: 'nia.okafor@example.org', codeVersionId: DEMO_CODE_VERSION_ID, reviewStatus: 'NOT_REQUESTED', memberId: null });
    expect(application.reference).toMatch(/^MA-\d{6}$/);
    expectNoErrors(await t.gql(CONFIRM, { token: await confirmationToken(t, application.email) }));
    const received = await notices(t, { template: 'MEMBERSHIP_APPLICATION_RECEIVED' });
    expect(received.filter((n) => n.toAddress === 'nia.okafor@example.org')).toEqual([
      expect.objectContaining({ rule: 'COP-2', status: 'PENDING', subject: expect.stringContaining(application.reference) }),
    ]);
  });

  it('refuses an application accepting an unknown Code version (COP-1) and stores nothing', async () => {
    const email = 'unknown.code@example.org';
    const res = await t.gql(SUBMIT, { input: applicationInput({ email, acceptedCodeVersionId: '00000000-0000-4000-b000-0000000000aa' }) });
    expect(errorCode(res)).toBe('RULE_VIOLATION');
    expect(res.errors![0].extensions.rule).toBe('COP-1');
    expect((await notices(t, { template: 'MEMBERSHIP_APPLICATION_RECEIVED' })).some((n) => n.toAddress === email)).toBe(false);
  });

  it('admits an applicant on a MEMBERSHIP_TEAM decision with reasons and a panel of current members, as a member for a year (COP-2, COP-4, DEC-M1)', async () => {
    const application = await submitApplication(t, { requestedGrade: 'FELLOW' });
    const res = await t.gql(DECIDE, { id: application.id, input: { outcome: 'APPROVE', reasons: REASONS, panelMemberIds: [memberId('panel-member'), memberId('panel-member-2')] } }, 'membership-team');
    expectNoErrors(res);
    const decided = res.data!.decideMembershipApplication;
    expect(decided).toMatchObject({ status: 'APPROVED', decisionReasons: REASONS, panelMemberIds: [memberId('panel-member'), memberId('panel-member-2')] });
    expect(decided.memberId).toEqual(expect.any(String));

    const member = await readMember(t, decided.memberId);
    expect(member).toMatchObject({ email: application.email, grade: 'FELLOW', status: 'ACTIVE', joinedOn: '2026-11-23', renewalDate: '2027-11-23', acceptedCodeVersionId: DEMO_CODE_VERSION_ID });
    expect(member.membershipNumber).toMatch(/^SET\d{7}$/);
    expect(member.codeAcceptances).toEqual([{ codeVersionId: DEMO_CODE_VERSION_ID, context: 'JOIN' }]);

    const decisions = (await notices(t, { template: 'MEMBERSHIP_APPLICATION_DECIDED' })).filter((n) => n.toAddress === application.email);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ rule: 'COP-2', recipientMemberId: decided.memberId });
    expect(decisions[0].body).toContain('Welcome to SET');
    expect(decisions[0].body).toContain(REASONS);
  });

  it('gives each new member a different membership number', async () => {
    const numbers = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const a = await submitApplication(t);
      const res = await t.gql(DECIDE, { id: a.id, input: { outcome: 'APPROVE', reasons: REASONS, panelMemberIds: [memberId('fellow')] } }, 'membership-team');
      expectNoErrors(res);
      numbers.add((await readMember(t, res.data!.decideMembershipApplication.memberId)).membershipNumber);
    }
    expect(numbers.size).toBe(3);
  });

  it('refuses a decision without a panel member who is a current member (COP-4)', async () => {
    const application = await submitApplication(t);
    const res = await t.gql(DECIDE, { id: application.id, input: { outcome: 'APPROVE', reasons: REASONS, panelMemberIds: [memberId('suspended-member')] } }, 'membership-team');
    expect(errorCode(res)).toBe('RULE_VIOLATION');
    expect(res.errors![0].extensions.rule).toBe('COP-4');
    expect(res.errors![0].extensions.violations).toEqual([expect.objectContaining({ condition: 'PANEL_MEMBER_NOT_CURRENT' })]);
  });

  it('refuses to decide an application twice (COP-2)', async () => {
    const application = await submitApplication(t);
    const input = { outcome: 'REFUSE', reasons: REASONS, panelMemberIds: [memberId('panel-member')] };
    expectNoErrors(await t.gql(DECIDE, { id: application.id, input }, 'membership-team'));
    const again = await t.gql(DECIDE, { id: application.id, input: { ...input, outcome: 'APPROVE' } }, 'membership-team');
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors![0].extensions.rule).toBe('COP-2');
  });

  it('does not let a member decide applications', async () => {
    const application = await submitApplication(t);
    const res = await t.gql(DECIDE, { id: application.id, input: { outcome: 'APPROVE', reasons: REASONS, panelMemberIds: [memberId('panel-member')] } }, 'member');
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  describe('refusal and review (COP-3)', () => {
    let refused: Record<string, any>;

    beforeAll(async () => {
      const application = await submitApplication(t, { hasUnspentConvictions: true, declarationDetails: 'A conviction in 2019.' });
      const res = await t.gql(DECIDE, { id: application.id, input: { outcome: 'REFUSE', reasons: 'The declared conviction is relevant to teaching.', panelMemberIds: [memberId('panel-member')] } }, 'membership-team');
      expectNoErrors(res);
      refused = res.data!.decideMembershipApplication;
    });

    it('records the refusal with reasons, creates no member and tells the applicant they may ask for a review', async () => {
      expect(refused).toMatchObject({ status: 'REFUSED', memberId: null, decisionReasons: 'The declared conviction is relevant to teaching.' });
      const [notice] = (await notices(t, { template: 'MEMBERSHIP_APPLICATION_DECIDED' })).filter((n) => n.toAddress === refused.email);
      expect(notice.recipientMemberId).toBeNull();
      expect(notice.body).toContain('unable to approve');
      expect(notice.body).toContain('reviewed');
    });

    it('refuses a review panel that shares a member with the original panel (COP-3)', async () => {
      expectNoErrors(await t.gql(REQUEST_REVIEW, { id: refused.id, grounds: 'The conviction is spent as of this year.' }, 'membership-team'));
      const res = await t.gql(
        DECIDE_REVIEW,
        { id: refused.id, input: { outcome: 'OVERTURN', reasons: 'The conviction is now spent.', panelMemberIds: [memberId('panel-member-2'), memberId('panel-member')] } },
        'membership-team',
      );
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('COP-3');
      expect(res.errors![0].extensions.violations).toEqual([expect.objectContaining({ condition: 'REVIEW_PANEL_NOT_INDEPENDENT', message: expect.stringContaining(memberId('panel-member')) })]);
      const still = await t.gql(`query ($id: ID!) { membershipApplication(id: $id) { status reviewStatus memberId } }`, { id: refused.id }, 'membership-team');
      expect(still.data!.membershipApplication).toEqual({ status: 'REFUSED', reviewStatus: 'REQUESTED', memberId: null });
    });

    it('refuses a second review request', async () => {
      const res = await t.gql(REQUEST_REVIEW, { id: refused.id, grounds: 'Again.' }, 'membership-team');
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors![0].extensions.rule).toBe('COP-3');
    });

    it('admits the applicant when an independent panel overturns the refusal, and tells them', async () => {
      const res = await t.gql(
        DECIDE_REVIEW,
        { id: refused.id, input: { outcome: 'OVERTURN', reasons: 'The conviction is now spent.', panelMemberIds: [memberId('panel-member-2')] } },
        'membership-team',
      );
      expectNoErrors(res);
      const reviewed = res.data!.decideMembershipApplicationReview;
      expect(reviewed).toMatchObject({ status: 'APPROVED', reviewStatus: 'OVERTURNED', reviewReasons: 'The conviction is now spent.', reviewPanelMemberIds: [memberId('panel-member-2')], panelMemberIds: [memberId('panel-member')] });
      const member = await readMember(t, reviewed.memberId);
      expect(member).toMatchObject({ email: refused.email, status: 'ACTIVE', renewalDate: '2027-11-23' });
      const [notice] = (await notices(t, { template: 'MEMBERSHIP_APPLICATION_REVIEW_DECIDED' })).filter((n) => n.toAddress === refused.email);
      expect(notice).toMatchObject({ rule: 'COP-3', recipientMemberId: reviewed.memberId });
    });

    it('refuses a review of an application that was approved (COP-3)', async () => {
      const res = await t.gql(REQUEST_REVIEW, { id: refused.id, grounds: 'Nothing to review.' }, 'membership-team');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('COP-3');
    });

    it('keeps a refusal when the review panel upholds it, and says the decision is final', async () => {
      const application = await submitApplication(t);
      expectNoErrors(await t.gql(DECIDE, { id: application.id, input: { outcome: 'REFUSE', reasons: REASONS, panelMemberIds: [memberId('fellow')] } }, 'membership-team'));
      expectNoErrors(await t.gql(REQUEST_REVIEW, { id: application.id, grounds: 'Please look again.' }, 'membership-team'));
      const res = await t.gql(DECIDE_REVIEW, { id: application.id, input: { outcome: 'UPHOLD', reasons: 'The original reasons stand.', panelMemberIds: [memberId('panel-member')] } }, 'membership-team');
      expectNoErrors(res);
      expect(res.data!.decideMembershipApplicationReview).toMatchObject({ status: 'REFUSED', reviewStatus: 'UPHELD', memberId: null });
      const [notice] = (await notices(t, { template: 'MEMBERSHIP_APPLICATION_REVIEW_DECIDED' })).filter((n) => n.toAddress === application.email);
      expect(notice.body).toContain('final');
    });
  });
});

describe(MemberService.name, () => {
  describe('reading members (ATS-57)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows a member their own record through `me`', async () => {
      const res = await t.gql(`{ me { ${MEMBER_FIELDS} boundByTeachersStandards codeAcceptances { context codeVersionId } } }`, undefined, 'member');
      expectNoErrors(res);
      expect(res.data!.me).toMatchObject({ id: memberId('member'), givenName: 'Zoë', fullName: 'Zoë Adébáyọ̀', email: 'member@example.org', grade: 'MEMBER', status: 'ACTIVE', renewalDate: '2027-05-23' });
      expect(res.data!.me.codeAcceptances).toEqual([{ context: 'JOIN', codeVersionId: DEMO_CODE_VERSION_ID }]);
    });

    it('lets a member read themselves by id', async () => {
      const res = await t.gql(MEMBER_QUERY, { id: memberId('member') }, 'member');
      expectNoErrors(res);
      expect(res.data!.member.id).toBe(memberId('member'));
    });

    it('refuses a member reading another member with FORBIDDEN (ATS-57), leaking nothing', async () => {
      const res = await t.gql(MEMBER_QUERY, { id: memberId('fellow') }, 'member');
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0].extensions.rule).toBe('ATS-57');
      expect(res.data ?? null).toBeNull();
      expect(JSON.stringify(res)).not.toContain('fellow@example.org');
    });

    it('gives a member FORBIDDEN, not NOT_FOUND, for an id that does not exist, so ids cannot be probed', async () => {
      const res = await t.gql(MEMBER_QUERY, { id: '00000000-0000-4000-8000-0000000000ee' }, 'member');
      expect(errorCode(res)).toBe('FORBIDDEN');
    });

    it('refuses staff-only searches to members', async () => {
      expect(errorCode(await t.gql(MEMBERS, {}, 'member'))).toBe('FORBIDDEN');
    });

    it('filters members by status and by grade', async () => {
      const lapsed = await t.gql(MEMBERS, { filter: { status: 'LAPSED' } }, 'membership-team');
      expectNoErrors(lapsed);
      expect(lapsed.data!.members.nodes.map((m: any) => m.id).sort()).toEqual(DEMO_MEMBERS.filter((m) => m.status === 'LAPSED').map((m) => m.id).sort());
      const fellows = await t.gql(MEMBERS, { filter: { grade: 'FELLOW', status: 'ACTIVE' } }, 'finance');
      expectNoErrors(fellows);
      expect(fellows.data!.members.nodes.map((m: any) => m.id).sort()).toEqual(
        DEMO_MEMBERS.filter((m) => m.grade === 'FELLOW' && m.status === 'ACTIVE').map((m) => m.id).sort(),
      );
    });

    it.each([
      ['an accented name typed with its accents', 'Adébá', 'member'],
      ['an accented name typed without accents', 'adeba', 'member'],
      ['an accented given name typed without accents', 'zoe', 'member'],
      ['a name with an accent in the middle', 'wisn', 'expelled-member'],
      ['a name with an apostrophe', "o'con", 'fellow'],
      ['a given name in upper case', 'SIOBH', 'fellow'],
      ['an email prefix', 'lapsed-fellow@', 'lapsed-fellow'],
    ] as const)('searches by prefix: %s', async (_label, search, alias) => {
      const res = await t.gql(MEMBERS, { filter: { search } }, 'membership-team');
      expectNoErrors(res);
      expect(res.data!.members.nodes.map((m: any) => m.id)).toEqual([memberId(alias)]);
    });

    it('searches by membership number prefix and treats LIKE wildcards literally', async () => {
      const one = await readMember(t, memberId('associate'));
      const byNumber = await t.gql(MEMBERS, { filter: { search: one.membershipNumber } }, 'membership-team');
      expect(byNumber.data!.members.nodes.map((m: any) => m.id)).toEqual([one.id]);
      const wildcard = await t.gql(MEMBERS, { filter: { search: '%' } }, 'membership-team');
      expectNoErrors(wildcard);
      expect(wildcard.data!.members.nodes).toEqual([]);
      const middle = await t.gql(MEMBERS, { filter: { search: 'connor' } }, 'membership-team');
      expect(middle.data!.members.nodes).toEqual([]);
    });

    it('pages through every member in name order without skipping or repeating one', async () => {
      const all = await t.gql(MEMBERS, { first: 100 }, 'membership-team');
      expectNoErrors(all);
      const expected = all.data!.members.nodes.map((m: any) => m.id);
      expect(expected).toHaveLength(DEMO_MEMBERS.length);

      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res: GraphQLResponse = await t.gql(MEMBERS, { first: 4, after }, 'membership-team');
        expectNoErrors(res);
        const { nodes, pageInfo } = res.data!.members;
        seen.push(...nodes.map((m: any) => m.id));
        pages++;
        if (!pageInfo.hasNextPage) break;
        expect(nodes).toHaveLength(4);
        after = pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(DEMO_MEMBERS.length / 4));
      expect(seen).toEqual(expected);
    });

    it('keeps paging stable when members share a family name (the id breaks ties)', async () => {
      for (const given of ['Ann', 'Ann', 'Ann', 'Bea']) {
        const a = await submitApplication(t, { familyName: 'Samename', givenName: given });
        expectNoErrors(await t.gql(DECIDE, { id: a.id, input: { outcome: 'APPROVE', reasons: REASONS, panelMemberIds: [memberId('fellow')] } }, 'membership-team'));
      }
      const all = await t.gql(MEMBERS, { filter: { search: 'samename' }, first: 100 }, 'membership-team');
      const expected = all.data!.members.nodes.map((m: any) => m.id);
      expect(expected).toHaveLength(4);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const res: any = await t.gql(MEMBERS, { filter: { search: 'samename' }, first: 1, after }, 'membership-team');
        seen.push(...res.data.members.nodes.map((m: any) => m.id));
        after = res.data.members.pageInfo.hasNextPage ? res.data.members.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expected);
    });
  });

  describe('profile updates (ATS-51)', () => {
    let t: TestApp;
    const UPDATE = `mutation ($input: UpdateProfileInput!) { updateMyProfile(input: $input) { ${MEMBER_FIELDS} employerName employerContactEmail employerVerificationConsent } }`;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('lets a member update their own details; a new email waits for confirmation from the new address (DEC-J1)', async () => {
      const res = await t.gql(UPDATE, { input: { familyName: 'Adebayo-Smith', email: 'Zoe.New@Example.org' } }, 'member');
      expectNoErrors(res);
      expect(res.data!.updateMyProfile).toMatchObject({ id: memberId('member'), familyName: 'Adebayo-Smith', givenName: 'Zoë', email: 'member@example.org' });
    });

    it('withdraws consent to verify with the employer when the employer is removed (ATS-51)', async () => {
      const res = await t.gql(UPDATE, { input: { employerName: null } }, 'fellow');
      expectNoErrors(res);
      expect(res.data!.updateMyProfile).toMatchObject({ employerName: null, employerVerificationConsent: false });
    });

    it('answers a change to an email another member uses exactly as any other change (DEC-J1)', async () => {
      const taken = await t.gql(UPDATE, { input: { email: 'fellow@example.org' } }, 'associate');
      const free = await t.gql(UPDATE, { input: { email: 'nobody-uses-this@example.org' } }, 'associate');
      expectNoErrors(taken);
      expect(taken).toEqual(free);
    });

    it.each(['givenName', 'familyName', 'email', 'sector', 'employerVerificationConsent'])('refuses null for the required field %s with BAD_USER_INPUT naming it', async (field) => {
      const res = await t.gql(UPDATE, { input: { [field]: null } }, 'associate');
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe(field);
    });
  });

  describe('renewal (COP-1, COP-6, DEC-M1)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ today: '2026-11-23' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('refuses a renewal more than three months before the renewal date (DEC-M1)', async () => {
      // member renews on 2027-05-23; on 2027-02-22 that is three months and one day ahead
      t.setToday('2027-02-22');
      const res = await t.gql(RENEW, { memberId: memberId('member'), code: DEMO_CODE_VERSION_ID }, 'member');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('DEC-M1');
      expect((await readMember(t, memberId('member'))).renewalDate).toBe('2027-05-23');
    });

    it('refuses a renewal that does not accept the current Code (COP-1)', async () => {
      t.setToday('2027-02-23');
      const res = await t.gql(RENEW, { memberId: memberId('member'), code: '00000000-0000-4000-b000-0000000000aa' }, 'member');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('COP-1');
      expect((await readMember(t, memberId('member'))).renewalDate).toBe('2027-05-23');
    });

    it('renews exactly three months ahead for a year from the current renewal date, accepting the current Code (COP-1)', async () => {
      t.setToday('2027-02-23');
      const res = await t.gql(RENEW, { memberId: memberId('member'), code: DEMO_CODE_VERSION_ID }, 'member');
      expectNoErrors(res);
      expect(res.data!.renewMembership).toMatchObject({ status: 'ACTIVE', renewalDate: '2028-05-23' });
      const member = await readMember(t, memberId('member'));
      expect(member.codeAcceptances).toEqual(expect.arrayContaining([{ codeVersionId: DEMO_CODE_VERSION_ID, context: 'RENEWAL' }]));
      const renewed = await notices(t, { recipientMemberId: memberId('member'), template: 'MEMBERSHIP_RENEWED' });
      expect(renewed).toHaveLength(1);
      expect(renewed[0].body).toContain('2028-05-23');
    });

    it('does not let a renewal push the date further out straight away (DEC-M1)', async () => {
      const res = await t.gql(RENEW, { memberId: memberId('member'), code: DEMO_CODE_VERSION_ID }, 'member');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('DEC-M1');
    });

    it.each([
      ['a suspended member renewing themselves', 'suspended-member', 'suspended-member'],
      ['staff renewing a suspended member', 'suspended-fellow', 'membership-team'],
      ['an expelled member renewing themselves', 'expelled-member', 'expelled-member'],
      ['staff renewing an expelled member', 'expelled-associate', 'admin'],
    ] as const)('refuses %s (COP-6)', async (_label, alias, caller) => {
      const before = await readMember(t, memberId(alias));
      const res = await t.gql(RENEW, { memberId: memberId(alias), code: DEMO_CODE_VERSION_ID }, caller);
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('COP-6');
      expect(await readMember(t, memberId(alias))).toEqual(before);
    });

    it('reactivates a lapsed member for a year from today', async () => {
      t.setToday('2027-03-10');
      const res = await t.gql(RENEW, { memberId: memberId('lapsed-member'), code: DEMO_CODE_VERSION_ID }, 'lapsed-member');
      expectNoErrors(res);
      expect(res.data!.renewMembership).toMatchObject({ status: 'ACTIVE', renewalDate: '2028-03-10' });
      const [notice] = await notices(t, { recipientMemberId: memberId('lapsed-member'), template: 'MEMBERSHIP_RENEWED' });
      expect(notice.body).toContain('active again');
    });

    it('refuses a member renewing someone else (ATS-57)', async () => {
      const res = await t.gql(RENEW, { memberId: memberId('lapsed-fellow'), code: DEMO_CODE_VERSION_ID }, 'member');
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0].extensions.rule).toBe('ATS-57');
    });
  });

  describe('the lapse sweep (DEC-M1)', () => {
    let t: TestApp;
    const RUN = 'mutation { runSweeps { name affected } }';
    const lapseCount = (res: any) => res.data.runSweeps.find((s: any) => s.name === 'membership.lapse').affected;

    beforeAll(async () => {
      t = await createTestApp({ today: '2026-11-23' });
      // Nothing is overdue on the seeding day; an earlier sweep leaves nothing for the tests below to find.
      expectNoErrors(await t.gql(RUN, undefined, 'membership-team'));
    });
    afterAll(async () => {
      await t.close();
    });

    it('leaves a member whose renewal date is today ACTIVE', async () => {
      t.setToday('2027-05-23', 23, 59);
      const res = await t.gql(RUN, undefined, 'membership-team');
      expectNoErrors(res);
      expect(lapseCount(res)).toBe(0);
      expect((await readMember(t, memberId('member'))).status).toBe('ACTIVE');
    });

    it('lapses the member the day after the renewal date, tells them once, and a second run changes nothing', async () => {
      t.setToday('2027-05-24', 0, 1);
      // DEC-M1 holds at once: the status reads LAPSED before the sweep has stored it.
      expect((await readMember(t, memberId('member'))).status).toBe('LAPSED');

      const first = await t.gql(RUN, undefined, 'membership-team');
      expectNoErrors(first);
      expect(lapseCount(first)).toBe(1);
      const lapsed = await readMember(t, memberId('member'));
      expect(lapsed).toMatchObject({ status: 'LAPSED', renewalDate: '2027-05-23' });
      const filtered = await t.gql(MEMBERS, { filter: { status: 'LAPSED' }, first: 100 }, 'membership-team');
      expect(filtered.data!.members.nodes.map((m: any) => m.id)).toContain(memberId('member'));

      const told = await notices(t, { template: 'MEMBERSHIP_LAPSED' });
      expect(told).toEqual([expect.objectContaining({ recipientMemberId: memberId('member'), toAddress: 'member@example.org', rule: 'DEC-M1' })]);

      const second = await t.gql(RUN, undefined, 'membership-team');
      expectNoErrors(second);
      expect(lapseCount(second)).toBe(0);
      expect(await readMember(t, memberId('member'))).toEqual(lapsed);
      expect(await notices(t, { template: 'MEMBERSHIP_LAPSED' })).toEqual(told);
    });

    it('does not touch members whose renewal date has not passed, or who are suspended or expelled', async () => {
      for (const alias of ['fellow', 'associate', 'panel-member', 'suspended-member', 'expelled-member'] as const) {
        const m = await readMember(t, memberId(alias));
        expect(m.status).toBe(DEMO_MEMBERS.find((d) => d.alias === alias)!.status);
      }
    });

    it('is refused to a member', async () => {
      expect(errorCode(await t.gql(RUN, undefined, 'member'))).toBe('FORBIDDEN');
    });
  });
});

describe(CodeOfPracticeService.name, () => {
  let t: TestApp;
  let published: { id: string; version: string; effectiveFrom: string };
  const input = { version: '2027.1', title: 'SET Code of Professional Practice (2027)', effectiveFrom: '2027-01-04', summaryOfChanges: 'Adds a section on the use of AI in assessment.' };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses publication by a member', async () => {
    expect(errorCode(await t.gql(PUBLISH, { input }, 'member'))).toBe('FORBIDDEN');
  });

  it('refuses a version that would take effect in the past', async () => {
    const res = await t.gql(PUBLISH, { input: { ...input, effectiveFrom: '2026-11-22' } }, 'membership-team');
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.field).toBe('effectiveFrom');
  });

  it('publishes a new version and queues a notice to every ACTIVE member and none to others (COP-5)', async () => {
    const res = await t.gql(PUBLISH, { input }, 'membership-team');
    expectNoErrors(res);
    published = res.data!.publishCodeOfPracticeVersion;
    expect(published).toMatchObject({ version: '2027.1', effectiveFrom: '2027-01-04' });

    const told = await notices(t, { template: 'CODE_OF_PRACTICE_CHANGED' });
    expect(told.map((n) => n.recipientMemberId).sort()).toEqual([...ACTIVE_DEMO_IDS].sort());
    expect(told.every((n) => n.rule === 'COP-5' && n.subject.includes('2027-01-04'))).toBe(true);
    const zoe = told.find((n) => n.recipientMemberId === memberId('member'))!;
    expect(zoe.toAddress).toBe('member@example.org');
    expect(zoe.body).toMatch(/^Dear Zoë,/);
    expect(zoe.body).toContain('Adds a section on the use of AI in assessment.');
  });

  it('refuses publishing the same version again (and queues nothing more)', async () => {
    const res = await t.gql(PUBLISH, { input: { ...input, effectiveFrom: '2027-02-01' } }, 'membership-team');
    expect(errorCode(res)).toBe('CONFLICT');
    expect(await notices(t, { template: 'CODE_OF_PRACTICE_CHANGED' })).toHaveLength(ACTIVE_DEMO_IDS.length);
  });

  it('keeps the old version current until the new one’s effective date', async () => {
    t.setToday('2027-01-03', 23, 59);
    const before = await t.gql('{ currentCodeOfPractice { id version } }');
    expect(before.data!.currentCodeOfPractice).toEqual({ id: DEMO_CODE_VERSION_ID, version: '2024.1' });
    // an applicant cannot accept a version that is not yet in effect (COP-1)
    const early = await t.gql(SUBMIT, { input: applicationInput({ acceptedCodeVersionId: published.id }) });
    expect(early.errors![0].extensions.rule).toBe('COP-1');

    t.setToday('2027-01-04', 0, 0);
    const after = await t.gql('{ currentCodeOfPractice { id version } }');
    expect(after.data!.currentCodeOfPractice).toEqual({ id: published.id, version: '2027.1' });
  });

  it('then refuses joining and renewal on the old version (COP-1) and accepts the new one', async () => {
    t.setToday('2027-03-01');
    const oldJoin = await t.gql(SUBMIT, { input: applicationInput({ acceptedCodeVersionId: DEMO_CODE_VERSION_ID }) });
    expect(errorCode(oldJoin)).toBe('RULE_VIOLATION');
    expect(oldJoin.errors![0].extensions.rule).toBe('COP-1');
    expect(oldJoin.errors![0].message).toContain('2027.1');
    const newJoin = await t.gql(SUBMIT, { input: applicationInput({ acceptedCodeVersionId: published.id }) });
    expectNoErrors(newJoin);

    const oldRenewal = await t.gql(RENEW, { memberId: memberId('member'), code: DEMO_CODE_VERSION_ID }, 'member');
    expect(errorCode(oldRenewal)).toBe('RULE_VIOLATION');
    expect(oldRenewal.errors![0].extensions.rule).toBe('COP-1');
    const renewal = await t.gql(RENEW, { memberId: memberId('member'), code: published.id }, 'member');
    expectNoErrors(renewal);
    expect(renewal.data!.renewMembership).toMatchObject({ acceptedCodeVersionId: published.id, renewalDate: '2028-05-23' });
  });

  it('does not tell a member whose renewal date has passed, even before the lapse sweep has run (COP-5, DEC-M1)', async () => {
    // fellow renews on 2027-06-23; on 2027-06-24 they read as LAPSED though still stored ACTIVE
    t.setToday('2027-06-24');
    expect((await readMember(t, memberId('fellow'))).status).toBe('LAPSED');
    expectNoErrors(await t.gql(PUBLISH, { input: { ...input, version: '2027.2', effectiveFrom: '2027-07-01' } }, 'membership-team'));
    const told = (await notices(t, { template: 'CODE_OF_PRACTICE_CHANGED' })).filter((n) => n.subject.includes('2027-07-01'));
    expect(told.map((n) => n.recipientMemberId).sort()).toEqual(ACTIVE_DEMO_IDS.filter((id) => id !== memberId('fellow')).sort());
  });
});
