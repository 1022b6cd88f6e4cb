import { randomUUID } from 'node:crypto';
import { Member } from '../../src/domain/membership/member.entity';
import { MemberGrade, MemberStatus, Sector } from '../../src/domain/membership/membership.enums';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { Role } from '../../src/domain/shared/viewer';
import { memberId } from '../support/factories';
import { payByCard } from '../support/payments';
import { createTestApp, errorCode, expectNoErrors, type GraphQLResponse, type TestApp } from '../support/harness';

/**
 * A cohort walked from application to submission with the test clock (ATS-9..27, 44, 45; DEC-P1, DEC-P2, DEC-T1).
 * One timeline: the tests run in order and move the clock forwards.
 */
const P_FIELDS = `id memberId status attemptKind feePence paymentPlan deadline registrationDate coolingOffEndsOn withdrawalKind withdrawalReason
  cohort { id name submissionDeadline } originalCohort { id name }
  sections { key completedAt } reasonableAdjustments { id status includesExtension }`;
const REGISTER = `mutation($input: RegisterForAtsInput!) { registerForAts(input: $input) { ${P_FIELDS} } }`;
const PARTICIPANT = `query($id: ID!) { participant(id: $id) { ${P_FIELDS} submissionReadiness { ready violations { rule condition } } accessReports { late } extensionRequests { status reason newDeadline } } }`;
const BALANCE = `query($id: ID!) { participantBalance(participantId: $id) { chargedPence paidPence refundedPence outstandingPence paidInFull items { id kind amountPence dueOn status } } }`;
const NOTIFICATIONS = `query($filter: NotificationFilterInput) { notifications(filter: $filter, first: 100) { nodes { template subject body rule recipientMemberId } } }`;

describe('ATS programme lifecycle (ATS-9..27, 44, 45)', () => {
  let t: TestApp;
  const approved: Record<string, string> = {};
  let templateId: string;
  let cohortA: { id: string; windowId: string };
  let cohortB: { id: string; windowId: string };
  let cohortC: { id: string; windowId: string };
  /** alias -> token subject or demo alias */
  const who: Record<string, string> = {};
  const participants: Record<string, string> = {};

  async function ok(res: Promise<GraphQLResponse>): Promise<Record<string, any>> {
    const r = await res;
    expectNoErrors(r);
    return r.data!;
  }
  const as = (alias: string) => who[alias] ?? alias;

  /** A fresh ACTIVE member at MEMBER grade, with a token. */
  async function newMember(alias: string): Promise<void> {
    const id = randomUUID();
    const now = t.app.services.clock.now();
    await t.dataSource.getRepository(Member).insert({
      id,
      membershipNumber: `SETT${Math.floor(Math.random() * 1e7).toString().padStart(7, '0')}`.slice(0, 12),
      givenName: alias,
      familyName: 'Tester',
      email: `${alias}-${id.slice(0, 6)}@example.org`,
      grade: MemberGrade.MEMBER,
      status: MemberStatus.ACTIVE,
      joinedOn: '2026-01-01',
      renewalDate: '2030-01-01',
      sector: Sector.FURTHER_EDUCATION,
      employerName: 'Riverside College',
      employerContactEmail: null,
      employerVerificationConsent: true,
      acceptedCodeVersionId: DEMO_CODE_VERSION_ID,
      createdAt: now,
      updatedAt: now,
    });
    who[alias] = t.token(id, [Role.MEMBER]);
  }

  /** Qualifications on the approved lists and a successful application (ATS-2..8). */
  async function successfulApplication(alias: string, isRestart = false): Promise<void> {
    const ids: string[] = [];
    const existing = await ok(t.gql(`{ myQualifications { nodes { id } } }`, {}, as(alias)));
    if (existing.myQualifications.nodes.length === 0) {
      for (const list of ['ITT', 'ENGLISH', 'MATHS']) {
        const q = await ok(
          t.gql(
            `mutation($input: RecordQualificationInput!) { recordMyQualification(input: $input) { id } }`,
            { input: { approvedQualificationId: approved[list], certificateDate: '2019-07-01', grade: 'Pass', certificateReference: `${alias}-${list}`, declaresAuthentic: true } },
            as(alias),
          ),
        );
        ids.push(q.recordMyQualification.id);
      }
    } else ids.push(...existing.myQualifications.nodes.map((q: { id: string }) => q.id));
    const app = await ok(
      t.gql(
        `mutation($input: SubmitAtsApplicationInput!) { submitAtsApplication(input: $input) { id } }`,
        { input: { templateVersionId: templateId, isRestart, eligibilityStatement: 'I meet the ATS eligibility criteria.', qualificationIds: ids } },
        as(alias),
      ),
    );
    await ok(
      t.gql(
        `mutation($id: ID!) { decideAtsApplication(id: $id, input: { outcome: SUCCESSFUL, reasons: "Meets every eligibility criterion." }) { status } }`,
        { id: app.submitAtsApplication.id },
        'membership-team',
      ),
    );
  }

  async function createCohort(name: string, issue: string, deadline: string, results: string, opens: string, closes: string) {
    const c = await ok(
      t.gql(
        `mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }`,
        { input: { name, portfolioIssueDate: issue, submissionDeadline: deadline, provisionalResultsDate: results } },
        'membership-team',
      ),
    );
    const w = await ok(
      t.gql(`mutation($input: CreateRegistrationWindowInput!) { createRegistrationWindow(input: $input) { id } }`, { input: { cohortId: c.createCohort.id, opensOn: opens, closesOn: closes } }, 'membership-team'),
    );
    return { id: c.createCohort.id as string, windowId: w.createRegistrationWindow.id as string };
  }

  const participant = async (alias: string, viewer = alias) => (await ok(t.gql(PARTICIPANT, { id: participants[alias] }, as(viewer)))).participant;
  const balance = async (alias: string) => (await ok(t.gql(BALANCE, { id: participants[alias] }, 'finance'))).participantBalance;
  const outbox = async (template: string, recipient: string) =>
    (await ok(t.gql(NOTIFICATIONS, { filter: { template, recipientMemberId: recipient } }, 'membership-team'))).notifications.nodes as { body: string; rule: string }[];
  const sweep = async () => ok(t.gql(`mutation { runSweeps { name affected } }`, {}, 'membership-team'));
  const register = (alias: string, input: Record<string, unknown>) => t.gql(REGISTER, { input }, as(alias));

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-04-10' });
    templateId = (await ok(t.gql(`mutation { publishAtsApplicationTemplateVersion(input: { versionLabel: "2027.1", publishedOn: "2027-04-10" }) { id } }`, {}, 'membership-team')))
      .publishAtsApplicationTemplateVersion.id;
    for (const [list, title] of [
      ['ITT', 'Certificate in Education'],
      ['ENGLISH', 'GCSE English Language'],
      ['MATHS', 'GCSE Mathematics'],
    ]) {
      approved[list] = (
        await ok(t.gql(`mutation($input: ApprovedQualificationInput!) { addApprovedQualification(input: $input) { id } }`, { input: { list, title, awardingBody: 'AQA', level: '2' } }, 'membership-team'))
      ).addApprovedQualification.id;
    }
    for (const alias of ['cooler', 'late-cooler', 'lapser', 'ineligible']) await newMember(alias);
    for (const alias of ['member', 'fellow', 'cooler', 'late-cooler', 'lapser', 'ineligible']) await successfulApplication(alias);
    cohortA = await createCohort('2027-10', '2027-10-01', '2028-06-30', '2028-09-15', '2027-09-01', '2027-09-30');
    cohortB = await createCohort('2028-04', '2028-04-01', '2028-12-15', '2029-02-01', '2028-03-01', '2028-03-20');
    cohortC = await createCohort('2029-01', '2029-01-10', '2029-09-28', '2029-12-01', '2028-11-01', '2028-12-01');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('registration (ATS-9..15)', () => {
    it('refuses registration before the window opens (ATS-10)', async () => {
      t.setToday('2027-08-31');
      const res = await register('member', { registrationWindowId: cohortA.windowId, paymentPlan: 'SINGLE' });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.violations!.map((v) => v.condition)).toEqual(['WINDOW_CLOSED']);
    });

    it('lists every failed condition at once: grade, no application, missing qualifications (ATS-9, ATS-11, ATS-2)', async () => {
      t.setToday('2027-09-01');
      const res = await register('associate', { registrationWindowId: cohortA.windowId, paymentPlan: 'SINGLE' });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      const rules = res.errors![0].extensions.violations!.map((v) => v.rule);
      expect(rules).toEqual(expect.arrayContaining(['ATS-9', 'ATS-11', 'ATS-2']));
    });

    it('invites successful applicants once per open window (ATS-8)', async () => {
      expect(await outbox('ATS_REGISTRATION_INVITATION', memberId('member'))).toHaveLength(0);
      await sweep();
      await sweep();
      const invites = await outbox('ATS_REGISTRATION_INVITATION', memberId('member'));
      expect(invites).toHaveLength(1);
      expect(invites[0].rule).toBe('ATS-8');
    });

    it('refuses a lapsed member (ATS-9)', async () => {
      const res = await register('lapsed-member', { registrationWindowId: cohortA.windowId, paymentPlan: 'SINGLE' });
      expect(res.errors![0].extensions.violations!.map((v) => v.condition)).toEqual(expect.arrayContaining(['ACTIVE_MEMBERSHIP']));
    });

    it('registers a member on direct debit: fee fixed at £815, DEC-P1 schedule, confirmation email (ATS-12, ATS-14, ATS-15)', async () => {
      t.setToday('2027-09-15');
      const data = await ok(register('member', { registrationWindowId: cohortA.windowId, paymentPlan: 'DIRECT_DEBIT' }));
      const p = data.registerForAts;
      participants.member = p.id;
      expect(p).toMatchObject({ status: 'REGISTERED', attemptKind: 'NEW', feePence: 81_500, paymentPlan: 'DIRECT_DEBIT', deadline: '2028-06-30', coolingOffEndsOn: '2027-10-15' });
      const b = await balance('member');
      expect(b.chargedPence).toBe(81_500);
      expect(b.items.map((i: { amountPence: number; dueOn: string }) => [i.amountPence, i.dueOn])).toEqual([
        [21_500, '2027-09-15'],
        [10_000, '2027-10-15'],
        [10_000, '2027-11-15'],
        [10_000, '2027-12-15'],
        [10_000, '2028-01-15'],
        [10_000, '2028-02-15'],
        [10_000, '2028-03-15'],
      ]);
      const mail = await outbox('ATS_REGISTRATION_CONFIRMED', memberId('member'));
      expect(mail).toHaveLength(1);
      expect(mail[0].body).toContain('2028-06-30');
      expect(mail[0].rule).toBe('ATS-12');
    });

    it('refuses a second registration while one is in progress, and the application is used up (ATS-11)', async () => {
      const res = await register('member', { registrationWindowId: cohortA.windowId, paymentPlan: 'SINGLE' });
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors![0].extensions.rule).toBe('ATS-11');
      expect(res.errors![0].extensions.violations).toEqual([expect.objectContaining({ rule: 'ATS-11', condition: 'PARTICIPATION_IN_PROGRESS' })]);
    });

    it('records a reasonable-adjustment request made during registration (ATS-13)', async () => {
      const data = await ok(register('fellow', { registrationWindowId: cohortA.windowId, paymentPlan: 'SINGLE', reasonableAdjustmentRequest: 'Extra time for dyslexia' }));
      participants.fellow = data.registerForAts.id;
      expect(data.registerForAts.reasonableAdjustments).toEqual([expect.objectContaining({ status: 'REQUESTED' })]);
      for (const alias of ['cooler', 'late-cooler', 'lapser', 'ineligible']) {
        participants[alias] = (await ok(register(alias, { registrationWindowId: cohortA.windowId, paymentPlan: 'SINGLE' }))).registerForAts.id;
      }
    });

    it('keeps adjustment details from finance and assessors (ATS-57)', async () => {
      for (const role of ['finance', 'professional-status-team']) {
        const res = await t.gql(`query($id: ID!) { participant(id: $id) { id status reasonableAdjustments { details } } }`, { id: participants.fellow }, role);
        expect(errorCode(res)).toBe('FORBIDDEN');
        expect(res.errors![0].extensions.rule).toBe('ATS-57');
        const plain = await ok(t.gql(`query($id: ID!) { participant(id: $id) { id status } }`, { id: participants.fellow }, role));
        expect(plain.participant.status).toBe('REGISTERED');
      }
    });

    it('lets only the participant and staff read a participation (ATS-57)', async () => {
      const res = await t.gql(PARTICIPANT, { id: participants.member }, 'fellow');
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0].extensions.rule).toBe('ATS-57');
      expect((await participant('member', 'membership-team')).id).toBe(participants.member);
    });

    it('agrees the adjustment with an extension (ATS-13, ATS-25.1)', async () => {
      const p = await participant('fellow');
      const res = await ok(
        t.gql(
          `mutation($id: ID!) { decideReasonableAdjustment(adjustmentId: $id, input: { agree: true, outcome: "Extension to the next cohort agreed", includesExtension: true }) { status includesExtension } }`,
          { id: p.reasonableAdjustments[0].id },
          'membership-team',
        ),
      );
      expect(res.decideReasonableAdjustment).toEqual({ status: 'AGREED', includesExtension: true });
    });
  });

  describe('portfolio issue and cooling off (ATS-19, ATS-20, DEC-T1, DEC-P2)', () => {
    it('issues portfolios on the cohort issue date when the test clock reaches it', async () => {
      await ok(t.gql(`mutation { setServerClock(at: "2027-10-01T08:00:00.000Z") { londonDate } }`, {}, 'admin'));
      const p = await participant('member');
      expect(p.status).toBe('PORTFOLIO_ISSUED');
      expect(p.sections).toHaveLength(6);
      expect(await outbox('ATS_PORTFOLIO_ISSUED', memberId('member'))).toHaveLength(1);
      await ok(t.gql(`mutation { setServerClock(at: null) { londonDate } }`, {}, 'admin'));
    });

    it('marks an access report on day 14 on time and on day 15 late', async () => {
      t.setToday('2027-10-15');
      await ok(t.gql(`mutation($id: ID!) { reportPortfolioAccessProblem(participantId: $id, description: "Cannot log in") { late } }`, { id: participants.member }, 'member'));
      t.setToday('2027-10-16');
      await ok(t.gql(`mutation($id: ID!) { reportPortfolioAccessProblem(participantId: $id, description: "Still cannot log in") { late } }`, { id: participants.member }, 'member'));
      expect((await participant('member')).accessReports.map((r: { late: boolean }) => r.late)).toEqual([false, true]);
    });

    it('refunds everything paid to a new participant who withdraws on day 14 and cancels what is owed (ATS-20)', async () => {
      t.setToday('2027-10-15');
      await payByCard(t, participants.cooler, 81_500, as('cooler'));
      const data = await ok(t.gql(`mutation($id: ID!) { withdrawFromAts(participantId: $id, reason: "Changed my mind") { status withdrawalKind } }`, { id: participants.cooler }, as('cooler')));
      expect(data.withdrawFromAts).toEqual({ status: 'WITHDRAWN', withdrawalKind: 'COOLING_OFF' });
      expect(await balance('cooler')).toMatchObject({ paidPence: 81_500, refundedPence: 81_500 });
    });

    it('keeps the payment terms for one who withdraws on day 15', async () => {
      t.setToday('2027-10-16');
      const data = await ok(t.gql(`mutation($id: ID!) { withdrawFromAts(participantId: $id) { withdrawalKind } }`, { id: participants['late-cooler'] }, as('late-cooler')));
      expect(data.withdrawFromAts.withdrawalKind).toBe('PARTICIPANT_REQUEST');
      expect(await balance('late-cooler')).toMatchObject({ refundedPence: 0, outstandingPence: 81_500 });
    });

    it('refuses a second withdrawal: a refused transition changes nothing', async () => {
      const res = await t.gql(`mutation($id: ID!) { withdrawFromAts(participantId: $id) { status } }`, { id: participants.cooler }, as('cooler'));
      expect(errorCode(res)).toBe('CONFLICT');
      expect(await balance('cooler')).toMatchObject({ refundedPence: 81_500 });
    });

    it('lets SET withdraw an ineligible participant only with a reason (ATS-45)', async () => {
      const bare = await t.gql(`mutation($id: ID!) { withdrawIneligibleParticipant(participantId: $id, reason: "") { status } }`, { id: participants.ineligible }, 'membership-team');
      expect(errorCode(bare)).toBe('BAD_USER_INPUT');
      const data = await ok(
        t.gql(`mutation($id: ID!) { withdrawIneligibleParticipant(participantId: $id, reason: "Not teaching in the sector") { withdrawalKind withdrawalReason } }`, { id: participants.ineligible }, 'membership-team'),
      );
      expect(data.withdrawIneligibleParticipant).toEqual({ withdrawalKind: 'INELIGIBLE', withdrawalReason: 'Not teaching in the sector' });
    });
  });

  describe('submission (ATS-21, ATS-22)', () => {
    it('refuses submission listing every unmet condition at once, lapsed membership included', async () => {
      t.setToday('2028-01-10');
      const res = await t.gql(`mutation($id: ID!) { submitPortfolio(participantId: $id) { status } }`, { id: participants.member }, 'member');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.violations!.map((v) => v.condition)).toEqual(['SECTIONS_INCOMPLETE', 'NO_SUPPORTING_STATEMENT', 'FEE_NOT_PAID', 'NOT_SHARED', 'MEMBERSHIP_NOT_ACTIVE']);
      expect((await participant('member')).status).toBe('PORTFOLIO_ISSUED');
    });

    it('accepts the submission once every condition holds, and only once', async () => {
      const p = await participant('member');
      // The demo membership's renewal date passed in October: the portfolio is closed to a lapsed member (ATS-22)
      // until they renew (COP-1, DEC-M1).
      const closed = await t.gql(`mutation($id: ID!, $key: String!) { setPortfolioSectionComplete(participantId: $id, sectionKey: $key, complete: true) { completedAt } }`, { id: p.id, key: p.sections[0].key }, 'member');
      expect(closed.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-22' });
      await ok(t.gql(`mutation($id: ID!, $code: ID!) { renewMembership(memberId: $id, acceptedCodeVersionId: $code) { status } }`, { id: memberId('member'), code: DEMO_CODE_VERSION_ID }, 'member'));
      for (const s of p.sections) {
        await ok(t.gql(`mutation($id: ID!, $key: String!) { setPortfolioSectionComplete(participantId: $id, sectionKey: $key, complete: true) { completedAt } }`, { id: p.id, key: s.key }, 'member'));
      }
      await ok(t.gql(`mutation($id: ID!) { recordSupportingStatement(participantId: $id) { id } }`, { id: p.id }, 'member'));
      await ok(t.gql(`mutation($id: ID!) { recordPortfolioSharedWithSet(participantId: $id) { id } }`, { id: p.id }, 'member'));
      const b = await balance('member');
      for (const item of b.items) {
        await ok(
          t.gql(
            `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
            { input: { participantId: p.id, amountPence: item.amountPence, channel: item.kind === 'INITIAL_PAYMENT' ? 'PHONE' : 'DIRECT_DEBIT', idempotencyKey: randomUUID(), providerReference: `ref-${item.id}` } },
            'finance',
          ),
        );
      }
      expect((await participant('member')).submissionReadiness).toEqual({ ready: true, violations: [] });
      const pending = await ok(
        t.gql(
          `mutation($id: ID!, $input: ExtensionRequestInput!) { requestExtension(participantId: $id, input: $input) { id } }`,
          { id: p.id, input: { reason: 'EMPLOYMENT_CHANGE', evidenceNotes: 'New post from March; may need more time.' } },
          'member',
        ),
      );
      const data = await ok(t.gql(`mutation($id: ID!) { submitPortfolio(participantId: $id) { status } }`, { id: p.id }, 'member'));
      expect(data.submitPortfolio.status).toBe('SUBMITTED');
      expect(await outbox('ATS_PORTFOLIO_SUBMITTED', memberId('member'))).toHaveLength(1);
      expect(errorCode(await t.gql(`mutation($id: ID!) { submitPortfolio(participantId: $id) { status } }`, { id: p.id }, 'member'))).toBe('CONFLICT');
      // The undecided extension request closed with the submission; it can no longer be granted.
      expect((await participant('member')).extensionRequests).toEqual([expect.objectContaining({ status: 'CANCELLED' })]);
      const late = await t.gql(`mutation($id: ID!) { decideExtension(requestId: $id, grant: true, reasons: "Too late to matter") { status } }`, { id: pending.requestExtension.id }, 'membership-team');
      expect(errorCode(late)).toBe('CONFLICT');
    });
  });

  describe('extensions (ATS-25..27)', () => {
    it('refuses a request 41 days before the deadline without an unforeseen event (ATS-27)', async () => {
      t.setToday('2028-05-20');
      // The fellow's membership lapsed in November; extensions need active membership (ATS-22), so they renew first.
      await ok(t.gql(`mutation($id: ID!, $code: ID!) { renewMembership(memberId: $id, acceptedCodeVersionId: $code) { status } }`, { id: memberId('fellow'), code: DEMO_CODE_VERSION_ID }, 'fellow'));
      const res = await t.gql(
        `mutation($id: ID!, $input: ExtensionRequestInput!) { requestExtension(participantId: $id, input: $input) { id } }`,
        { id: participants.fellow, input: { reason: 'REASONABLE_ADJUSTMENT_AGREED', evidenceNotes: 'Agreed at registration.' } },
        'fellow',
      );
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.violations!.map((v) => v.condition)).toEqual(['TOO_LATE']);
    });

    it('accepts one 42 days before, and of two staff deciding at once one wins and one gets CONFLICT; a grant moves the participant to the next cohort (ATS-26)', async () => {
      t.setToday('2028-05-19');
      const req = await ok(
        t.gql(
          `mutation($id: ID!, $input: ExtensionRequestInput!) { requestExtension(participantId: $id, input: $input) { id status } }`,
          { id: participants.fellow, input: { reason: 'REASONABLE_ADJUSTMENT_AGREED', evidenceNotes: 'Agreed at registration.' } },
          'fellow',
        ),
      );
      const decide = (grant: boolean, by: string) =>
        t.gql(`mutation($id: ID!, $grant: Boolean!) { decideExtension(requestId: $id, grant: $grant, reasons: "Agreed adjustment on file") { status newDeadline } }`, { id: req.requestExtension.id, grant }, by);
      // One deterministic race: a separate connection holds the participant's row lock; the grant queues first, the
      // refusal second; releasing the lock lets the grant through and the refusal then finds the request decided.
      const holder = t.dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`SELECT id FROM participant WHERE id = $1 FOR UPDATE`, [participants.fellow]);
      const waiting = async (n: number) => {
        for (let i = 0; i < 200; i++) {
          const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
          if (count >= n) return;
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error(`expected ${n} requests waiting on the lock`);
      };
      const grant = decide(true, 'membership-team');
      await waiting(1);
      const refuse = decide(false, 'admin');
      await waiting(2);
      await holder.commitTransaction();
      await holder.release();
      const [a, b] = await Promise.all([grant, refuse]);
      expect(a.data!.decideExtension).toEqual({ status: 'GRANTED', newDeadline: '2028-12-15' });
      expect(b.errors![0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'ATS-25' });
      const p = await participant('fellow');
      expect(p).toMatchObject({ deadline: '2028-12-15', cohort: { id: cohortB.id }, originalCohort: { id: cohortA.id } });
      expect(await outbox('ATS_EXTENSION_GRANTED', memberId('fellow'))).toHaveLength(1);
      expect(await outbox('ATS_EXTENSION_REFUSED', memberId('fellow'))).toHaveLength(0);
    });
  });

  describe('deadline withdrawal (ATS-21, ATS-44)', () => {
    it('refuses a submission after the deadline', async () => {
      t.setToday('2028-07-01', 0, 0);
      const res = await t.gql(`mutation($id: ID!) { submitPortfolio(participantId: $id) { status } }`, { id: participants.lapser }, as('lapser'));
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('ATS-21');
    });

    it('waits for the five-working-day late window, then withdraws non-submitters once, idempotently', async () => {
      t.setToday('2028-07-07'); // Fri 30 June + 5 working days
      await sweep();
      expect((await participant('lapser', 'membership-team')).status).toBe('PORTFOLIO_ISSUED');
      t.setToday('2028-07-08');
      await sweep();
      expect(await participant('lapser', 'membership-team')).toMatchObject({ status: 'WITHDRAWN', withdrawalKind: 'DEADLINE_PASSED' });
      // The fellow's extension moved their deadline to 15 December: the sweep leaves them alone.
      expect(await participant('fellow', 'membership-team')).toMatchObject({ status: 'PORTFOLIO_ISSUED', deadline: '2028-12-15' });
      const again = await sweep();
      expect(again.runSweeps.find((s: { name: string }) => s.name === 'ats.withdrawPastDeadline').affected).toBe(0);
      const lapser = await participant('lapser', 'membership-team');
      const notices = await outbox('ATS_WITHDRAWN', lapser.memberId);
      expect(notices).toHaveLength(1);
      expect(notices[0].rule).toBe('ATS-44');
    });
  });

  describe('restart (ATS-4, ATS-32..35, ATS-47, ATS-48)', () => {
    it('registers a member whose first attempt ended as a restart at the £50 fee, with no cooling off', async () => {
      t.setToday('2028-07-10');
      await successfulApplication('lapser', true);
      t.setToday('2028-11-05');
      const dd = await register('lapser', { registrationWindowId: cohortC.windowId, paymentPlan: 'DIRECT_DEBIT' });
      expect(errorCode(dd)).toBe('RULE_VIOLATION');
      expect(dd.errors![0].extensions.rule).toBe('ATS-15');
      const data = await ok(register('lapser', { registrationWindowId: cohortC.windowId, paymentPlan: 'SINGLE' }));
      expect(data.registerForAts).toMatchObject({ attemptKind: 'RESTART', feePence: 5_000, coolingOffEndsOn: null, deadline: '2029-09-28' });
    });
  });
});
