import { randomUUID } from 'node:crypto';
import { DEMO_MEMBERS } from '../../src/db/demo-identities';
import { londonInstant } from '../../src/domain/shared/dates';
import { createTestApp, errorCode, expectNoErrors, type GraphQLResponse, type TestApp } from '../support/harness';

/**
 * ATS-2..8, ATS-11, ATS-52 through GraphQL. One app, one timeline through the 2027 application round:
 * the tests run in order and move the clock forwards.
 */
const id = (alias: string) => DEMO_MEMBERS.find((m) => m.alias === alias)!.id;

const APPLICATION_FIELDS = `id reference memberId status isRestart isResubmission resubmissionOfId submittedOn decisionDueOn isOverdue decisionReasons qualificationIds templateVersionId`;

const SUBMIT = `mutation($input: SubmitAtsApplicationInput!) { submitAtsApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
const RESUBMIT = `mutation($prev: ID!, $input: SubmitAtsApplicationInput!) { resubmitAtsApplication(previousApplicationId: $prev, input: $input) { ${APPLICATION_FIELDS} } }`;
const DECIDE = `mutation($id: ID!, $input: AtsApplicationDecisionInput!) { decideAtsApplication(id: $id, input: $input) { ${APPLICATION_FIELDS} decidedAt } }`;
const LIST = `query($filter: AtsApplicationFilterInput, $first: Int, $after: String) {
  atsApplications(filter: $filter, first: $first, after: $after) { nodes { ${APPLICATION_FIELDS} } pageInfo { endCursor hasNextPage } } }`;
const NOTIFICATIONS = `query($filter: NotificationFilterInput) { notifications(filter: $filter, first: 100) { nodes { template subject body rule toAddress recipientMemberId } } }`;
const MY_QUALIFICATIONS = `{ myQualifications { nodes { id memberId certificateDate authenticityStatus approvedQualification { list title } } } }`;

describe('ATS applications (ATS-2..8, ATS-11, ATS-52)', () => {
  let t: TestApp;
  let templateV1: string;
  const approved: Record<string, string> = {};
  /** alias -> list -> member qualification id */
  const quals: Record<string, Record<string, string>> = {};

  async function ok(res: Promise<GraphQLResponse>): Promise<Record<string, any>> {
    const r = await res;
    expectNoErrors(r);
    return r.data!;
  }

  const input = (alias: string, over: Record<string, unknown> = {}) => ({
    templateVersionId: templateV1,
    isRestart: false,
    eligibilityStatement: 'I teach in further education and hold the qualifications listed.',
    qualificationIds: Object.values(quals[alias]),
    ...over,
  });

  async function outbox(template: string, recipient: string) {
    const data = await ok(t.gql(NOTIFICATIONS, { filter: { template, recipientMemberId: recipient } }, 'membership-team'));
    return data.notifications.nodes as { subject: string; body: string; rule: string; toAddress: string }[];
  }

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-03-20' });
    const v1 = await ok(
      t.gql(`mutation { publishAtsApplicationTemplateVersion(input: { versionLabel: "2027.1", publishedOn: "2027-03-20" }) { id isCurrent } }`, {}, 'membership-team'),
    );
    templateV1 = v1.publishAtsApplicationTemplateVersion.id;
    expect(v1.publishAtsApplicationTemplateVersion.isCurrent).toBe(true);
    for (const [key, list, title, body, level] of [
      ['ITT', 'ITT', 'Certificate in Education (Cert Ed)', 'University of Northshire', '5'],
      ['ENGLISH', 'ENGLISH', 'GCSE English Language (grade C/4 or above)', 'AQA', '2'],
      ['MATHS', 'MATHS', 'GCSE Mathematics (grade C/4 or above)', 'Pearson Edexcel', '2'],
      ['OLD', 'ITT', 'Certificate in Teaching (withdrawn)', 'Old Board', '4'],
    ]) {
      const data = await ok(
        t.gql(
          `mutation($input: ApprovedQualificationInput!) { addApprovedQualification(input: $input) { id active } }`,
          { input: { list, title, awardingBody: body, level } },
          key === 'OLD' ? 'admin' : 'membership-team',
        ),
      );
      approved[key] = data.addApprovedQualification.id;
    }
    for (const alias of ['member', 'fellow', 'panel-member', 'panel-member-2', 'associate']) {
      quals[alias] = {};
      for (const list of ['ITT', 'ENGLISH', 'MATHS']) {
        const data = await ok(
          t.gql(
            `mutation($input: RecordQualificationInput!) { recordMyQualification(input: $input) { id authenticityStatus } }`,
            { input: { approvedQualificationId: approved[list], certificateDate: '2020-07-01', grade: list === 'ITT' ? 'Pass' : '5', certificateReference: `${alias}-${list}`, declaresAuthentic: true } },
            alias,
          ),
        );
        quals[alias][list] = data.recordMyQualification.id;
        expect(data.recordMyQualification.authenticityStatus).toBeNull();
      }
    }
  });

  afterAll(async () => {
    await t.close();
  });

  describe('approved qualification lists (ATS-2)', () => {
    it('are kept by MEMBERSHIP_TEAM and ADMIN only, readable by anyone, and inactive entries drop out', async () => {
      const add = `mutation { addApprovedQualification(input: { list: MATHS, title: "Functional Skills Maths", awardingBody: "City & Guilds", level: "2" }) { id } }`;
      expect(errorCode(await t.gql(add, {}, 'member'))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(add, {}, 'professional-status-team'))).toBe('FORBIDDEN');
      const dup = `mutation { addApprovedQualification(input: { list: ENGLISH, title: "GCSE English Language (grade C/4 or above)", awardingBody: "AQA", level: "2" }) { id } }`;
      expect(errorCode(await t.gql(dup, {}, 'membership-team'))).toBe('CONFLICT');

      const off = await ok(
        t.gql(`mutation($id: ID!) { updateApprovedQualification(id: $id, input: { active: false }) { active } }`, { id: approved.OLD }, 'membership-team'),
      );
      expect(off.updateApprovedQualification.active).toBe(false);
      const listed = await ok(t.gql(`{ approvedQualifications { nodes { id list } } }`));
      expect(listed.approvedQualifications.nodes.map((q: { id: string }) => q.id).sort()).toEqual([approved.ITT, approved.ENGLISH, approved.MATHS].sort());
      const all = await ok(t.gql(`{ approvedQualifications(list: ITT, includeInactive: true) { nodes { id } totalCount } }`));
      expect(all.approvedQualifications.nodes).toHaveLength(2);
      expect(all.approvedQualifications.totalCount).toBe(2);
    });
  });

  describe('recording qualifications (ATS-2, ATS-3, ATS-52)', () => {
    const record = (over: Record<string, unknown>) =>
      t.gql(
        `mutation($input: RecordQualificationInput!) { recordMyQualification(input: $input) { id } }`,
        { input: { approvedQualificationId: approved.OLD, certificateDate: '2019-06-01', grade: 'Pass', certificateReference: 'X1', declaresAuthentic: true, ...over } },
        'lapsed-member',
      );

    it('refuses a qualification not on an active approved list (ATS-2)', async () => {
      const res = await record({});
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('ATS-2');
    });

    it('refuses a certificate dated in the future and accepts one dated today (ATS-3)', async () => {
      const future = await record({ approvedQualificationId: approved.ITT, certificateDate: '2027-03-21' });
      expect(future.errors![0].extensions.rule).toBe('ATS-3');
      await ok(record({ approvedQualificationId: approved.ITT, certificateDate: '2027-03-20' }));
    });

    it('needs the member to confirm the certificate is authentic (ATS-52), and records each qualification once', async () => {
      const undeclared = await record({ approvedQualificationId: approved.MATHS, declaresAuthentic: false });
      expect(undeclared.errors![0].extensions.rule).toBe('ATS-52');
      expect(errorCode(await record({ approvedQualificationId: approved.ITT }))).toBe('CONFLICT');
    });

    it('shows members only their own qualifications; staff reads are audited', async () => {
      const mine = await ok(t.gql(MY_QUALIFICATIONS, {}, 'member'));
      expect(mine.myQualifications.nodes).toHaveLength(3);
      expect(new Set(mine.myQualifications.nodes.map((q: { memberId: string }) => q.memberId))).toEqual(new Set([id('member')]));
      expect(mine.myQualifications.nodes.map((q: any) => q.approvedQualification.list).sort()).toEqual(['ENGLISH', 'ITT', 'MATHS']);

      const other = await t.gql(`query($m: ID!) { memberQualifications(memberId: $m) { nodes { id } } }`, { m: id('fellow') }, 'member');
      expect(errorCode(other)).toBe('FORBIDDEN');
      const staff = await ok(t.gql(`query($m: ID!) { memberQualifications(memberId: $m) { nodes { id } } }`, { m: id('fellow') }, 'professional-status-team'));
      expect(staff.memberQualifications.nodes).toHaveLength(3);
      const audit = await ok(t.gql(`{ auditLog(filter: { action: "memberQualification.list" }) { nodes { actorRole targetId } } }`, {}, 'admin'));
      expect(audit.auditLog.nodes).toContainEqual({ actorRole: 'PROFESSIONAL_STATUS_TEAM', targetId: id('fellow') });
    });
  });

  describe('applying (ATS-2, ATS-4, ATS-5, ATS-7, ATS-8)', () => {
    let first: any;

    it('refuses an application on 31 March, even at 23:59 London (ATS-5)', async () => {
      t.setToday('2027-03-31', 23, 59);
      const res = await t.gql(SUBMIT, { input: input('member') }, 'member');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('ATS-5');
    });

    it('from 1 April 00:00 London lists every missing list at once (ATS-2)', async () => {
      t.setToday('2027-04-01', 0, 0);
      const res = await t.gql(SUBMIT, { input: input('member', { qualificationIds: [quals.member.ITT] }) }, 'member');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.violations!.map((v) => [v.rule, v.condition])).toEqual([
        ['ATS-2', 'MISSING_ENGLISH'],
        ['ATS-2', 'MISSING_MATHS'],
      ]);
      const others = await t.gql(SUBMIT, { input: input('member', { qualificationIds: [quals.fellow.ITT] }) }, 'member');
      expect(errorCode(others)).toBe('BAD_USER_INPUT');
    });

    it('accepts a complete application, due for decision 56 days later, and acknowledges it by email (ATS-7, ATS-8)', async () => {
      first = (await ok(t.gql(SUBMIT, { input: input('member') }, 'member'))).submitAtsApplication;
      expect(first).toMatchObject({ status: 'SUBMITTED', memberId: id('member'), isRestart: false, isResubmission: false, submittedOn: '2027-04-01', decisionDueOn: '2027-05-27', isOverdue: false });
      const received = await outbox('ATS_APPLICATION_RECEIVED', id('member'));
      expect(received).toHaveLength(1);
      expect(received[0].body).toContain('2027-05-27');
      expect(received[0].toAddress).toBe('member@example.org');
    });

    it('refuses a second application while one is undecided (CONFLICT)', async () => {
      expect(errorCode(await t.gql(SUBMIT, { input: input('member') }, 'member'))).toBe('CONFLICT');
    });

    it('shows a member only their own applications (ATS-57)', async () => {
      const foreign = await t.gql(`query($id: ID!) { atsApplication(id: $id) { id } }`, { id: first.id }, 'fellow');
      expect(errorCode(foreign)).toBe('FORBIDDEN');
      expect(foreign.errors![0].extensions.rule).toBe('ATS-57');
      expect((await ok(t.gql(`{ myAtsApplications { id } }`, {}, 'fellow'))).myAtsApplications).toEqual([]);
      expect((await ok(t.gql(`{ myAtsApplications { id } }`, {}, 'member'))).myAtsApplications).toEqual([{ id: first.id }]);
      expect(errorCode(await t.gql(LIST, {}, 'member'))).toBe('FORBIDDEN');
    });

    it('is not overdue on day 56 and is in the overdue view on day 57 (ATS-7, ATS-8); staff reads are audited', async () => {
      t.setToday('2027-05-27', 23, 59);
      const onDue = await ok(t.gql(LIST, { filter: { overdue: true } }, 'membership-team'));
      expect(onDue.atsApplications.nodes).toEqual([]);
      t.setToday('2027-05-28', 0, 0);
      const late = await ok(t.gql(LIST, { filter: { overdue: true } }, 'professional-status-team'));
      expect(late.atsApplications.nodes.map((n: any) => [n.id, n.isOverdue])).toEqual([[first.id, true]]);
      const notLate = await ok(t.gql(LIST, { filter: { overdue: false } }, 'admin'));
      expect(notLate.atsApplications.nodes).toEqual([]);
      const audit = await ok(t.gql(`{ auditLog(filter: { action: "atsApplication.list" }) { nodes { actorRole detail } } }`, {}, 'admin'));
      expect(audit.auditLog.nodes.map((n: any) => n.actorRole)).toEqual(expect.arrayContaining(['MEMBERSHIP_TEAM', 'PROFESSIONAL_STATUS_TEAM']));
    });

    it('is decided by MEMBERSHIP_TEAM only, with reasons', async () => {
      const decision = { outcome: 'UNSUCCESSFUL', reasons: 'The statement does not show a current teaching role.' };
      expect(errorCode(await t.gql(DECIDE, { id: first.id, input: decision }, 'professional-status-team'))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(DECIDE, { id: first.id, input: decision }, 'member'))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(DECIDE, { id: first.id, input: { ...decision, reasons: 'no' } }, 'membership-team'))).toBe('BAD_USER_INPUT');
    });

    it('gives an unsuccessful applicant one final resubmission and no more (ATS-7), emailing each decision', async () => {
      const decided = await ok(
        t.gql(DECIDE, { id: first.id, input: { outcome: 'UNSUCCESSFUL', reasons: 'The statement does not show a current teaching role.' } }, 'membership-team'),
      );
      expect(decided.decideAtsApplication).toMatchObject({ status: 'UNSUCCESSFUL', isOverdue: false });
      let emails = await outbox('ATS_APPLICATION_UNSUCCESSFUL', id('member'));
      expect(emails).toHaveLength(1);
      expect(emails[0].rule).toBe('ATS-7');
      expect(emails[0].body).toContain('one final opportunity to resubmit');
      expect(emails[0].body).toContain('current teaching role');

      const again = (await ok(t.gql(RESUBMIT, { prev: first.id, input: input('member') }, 'member'))).resubmitAtsApplication;
      expect(again).toMatchObject({ status: 'SUBMITTED', resubmissionOfId: first.id, isResubmission: true, decisionDueOn: '2027-07-23' });

      await ok(t.gql(DECIDE, { id: again.id, input: { outcome: 'UNSUCCESSFUL', reasons: 'Still no evidence of a current teaching role.' } }, 'membership-team'));
      emails = await outbox('ATS_APPLICATION_UNSUCCESSFUL', id('member'));
      expect(emails).toHaveLength(2);
      expect(emails.some((e) => e.body.includes('This was your final resubmission'))).toBe(true);

      for (const prev of [first.id, again.id]) {
        const refused = await t.gql(RESUBMIT, { prev, input: input('member') }, 'member');
        expect(errorCode(refused)).toBe('RULE_VIOLATION');
        expect(refused.errors![0].extensions.rule).toBe('ATS-7');
      }
      // Nothing was written by the refusals.
      expect((await ok(t.gql(`{ myAtsApplications { id } }`, {}, 'member'))).myAtsApplications).toHaveLength(2);
    });

    it('refuses resubmitting someone else’s application with the same answer as a missing one (ATS-57)', async () => {
      const others = await t.gql(RESUBMIT, { prev: first.id, input: input('fellow') }, 'fellow');
      const missing = await t.gql(RESUBMIT, { prev: randomUUID(), input: input('fellow') }, 'fellow');
      expect([others, missing].map((r) => [errorCode(r), r.errors![0].extensions.rule, r.errors![0].message])).toEqual([
        ['FORBIDDEN', 'ATS-57', others.errors![0].message],
        ['FORBIDDEN', 'ATS-57', others.errors![0].message],
      ]);
    });
  });

  describe('a successful restart application and the registration interface (ATS-4, ATS-8, ATS-11)', () => {
    let app: any;

    it('records a restart, tells a successful applicant they will be invited to register, and refuses resubmitting it', async () => {
      app = (await ok(t.gql(SUBMIT, { input: input('fellow', { isRestart: true }) }, 'fellow'))).submitAtsApplication;
      expect(app.isRestart).toBe(true);
      await ok(t.gql(DECIDE, { id: app.id, input: { outcome: 'SUCCESSFUL', reasons: 'Meets every eligibility criterion.' } }, 'membership-team'));
      const emails = await outbox('ATS_APPLICATION_SUCCESSFUL', id('fellow'));
      expect(emails).toHaveLength(1);
      expect(emails[0].rule).toBe('ATS-8');
      expect(emails[0].body).toContain('invited to register when the next registration window opens');

      const resubmit = await t.gql(RESUBMIT, { prev: app.id, input: input('fellow') }, 'fellow');
      expect(resubmit.errors![0].extensions.rule).toBe('ATS-7');
      // An unused successful application is what the member registers with.
      expect(errorCode(await t.gql(SUBMIT, { input: input('fellow') }, 'fellow'))).toBe('CONFLICT');
    });

    it('finds the usable application once and marks it used under a row lock', async () => {
      const applications = t.app.services.atsApplications.applications;
      expect(await applications.findUsableApplication(t.dataSource.manager, id('fellow'))).toMatchObject({ id: app.id, isRestart: true });
      expect(await applications.findUsableApplication(t.dataSource.manager, id('member'))).toBeNull();
      const participantId = await participantUsing(app.id, id('fellow'));
      await t.dataSource.transaction((m) => applications.markUsedForRegistration(m, app.id, participantId));
      await expect(t.dataSource.transaction((m) => applications.markUsedForRegistration(m, app.id, randomUUID()))).rejects.toMatchObject({ rule: 'ATS-11' });
      expect(await applications.findUsableApplication(t.dataSource.manager, id('fellow'))).toBeNull();
      const refusedOne = (await ok(t.gql(`{ myAtsApplications { id status } }`, {}, 'member'))).myAtsApplications[0];
      await expect(t.dataSource.transaction((m) => applications.markUsedForRegistration(m, refusedOne.id, randomUUID()))).rejects.toMatchObject({ rule: 'ATS-11' });
      const mine = await ok(t.gql(`{ myAtsApplications { usedByParticipantId } }`, {}, 'fellow'));
      expect(mine.myAtsApplications).toEqual([{ usedByParticipantId: participantId }]);
    });

    it('reports qualification violations at a portfolio issue date (ATS-2, ATS-3)', async () => {
      const q = t.app.services.atsApplications.qualifications;
      const m = t.dataSource.manager;
      expect(await q.qualificationViolations(m, id('fellow'), '2020-07-01')).toEqual([]);
      const early = await q.qualificationViolations(m, id('fellow'), '2020-06-30');
      expect(early.map((v) => v.rule)).toEqual(['ATS-3', 'ATS-3', 'ATS-3', 'ATS-2', 'ATS-2', 'ATS-2']);
      expect((await q.certificatesAcceptedFor(id('fellow'), '2020-07-01')).map((c) => c.id).sort()).toEqual(Object.values(quals.fellow).sort());
      expect(await q.qualificationViolations(m, id('lapsed-member'), '2027-10-01')).toEqual([
        expect.objectContaining({ rule: 'ATS-2', condition: 'MISSING_ENGLISH' }),
        expect.objectContaining({ rule: 'ATS-2', condition: 'MISSING_MATHS' }),
      ]);
    });
  });

  /** A participant row using this application (its foreign keys need a cohort and a window), as registration would insert it. */
  async function participantUsing(applicationId: string, memberId: string): Promise<string> {
    const [cohort] = await t.dataSource.query(
      `INSERT INTO cohort (name, portfolio_issue_date, submission_deadline, provisional_results_date, created_at) VALUES ('FK cohort', '2027-10-01', '2028-06-30', '2028-09-15', now()) RETURNING id`,
    );
    const [window] = await t.dataSource.query(`INSERT INTO registration_window (cohort_id, opens_on, closes_on, created_at) VALUES ($1, '2027-09-01', '2027-09-30', now()) RETURNING id`, [cohort.id]);
    const [p] = await t.dataSource.query(
      `INSERT INTO participant (member_id, application_id, registration_window_id, original_cohort_id, cohort_id, attempt_kind, status, registered_at, registration_date, fee_pence, payment_plan, deadline, version)
       VALUES ($1, $2, $3, $4, $4, 'RESTART', 'REGISTERED', now(), '2027-09-15', 5000, 'SINGLE', '2028-06-30', 1) RETURNING id`,
      [memberId, applicationId, window.id, cohort.id],
    );
    return p.id;
  }

  describe('two staff deciding at once', () => {
    it('lets exactly one decision through; the other gets CONFLICT and sends no email', async () => {
      const app = (await ok(t.gql(SUBMIT, { input: input('panel-member') }, 'panel-member'))).submitAtsApplication;
      const [a, b] = await Promise.all([
        t.gql(DECIDE, { id: app.id, input: { outcome: 'SUCCESSFUL', reasons: 'Meets every eligibility criterion.' } }, 'membership-team'),
        t.gql(DECIDE, { id: app.id, input: { outcome: 'UNSUCCESSFUL', reasons: 'Does not meet the criteria at all.' } }, 'membership-team'),
      ]);
      const results = [a, b];
      expect(results.filter((r) => !r.errors && r.data?.decideAtsApplication).length).toBe(1);
      expect(results.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(1);
      const winner = results.find((r) => !r.errors)!.data!.decideAtsApplication.status;
      const emails = [
        ...(await outbox('ATS_APPLICATION_SUCCESSFUL', id('panel-member'))),
        ...(await outbox('ATS_APPLICATION_UNSUCCESSFUL', id('panel-member'))),
      ];
      expect(emails).toHaveLength(1);
      expect(emails[0].rule).toBe(winner === 'SUCCESSFUL' ? 'ATS-8' : 'ATS-7');
    });
  });

  describe('template versions (ATS-6)', () => {
    it('refuses an old template version once a new one is current', async () => {
      const past = await t.gql(`mutation { publishAtsApplicationTemplateVersion(input: { versionLabel: "2026.9", publishedOn: "2027-05-01" }) { id } }`, {}, 'membership-team');
      expect(errorCode(past)).toBe('BAD_USER_INPUT');
      const v2 = (
        await ok(t.gql(`mutation { publishAtsApplicationTemplateVersion(input: { versionLabel: "2027.2", publishedOn: "2027-06-01" }) { id isCurrent } }`, {}, 'admin'))
      ).publishAtsApplicationTemplateVersion;
      expect(v2.isCurrent).toBe(false);
      expect((await ok(t.gql(`{ currentAtsApplicationTemplate { id } }`))).currentAtsApplicationTemplate.id).toBe(templateV1);

      t.setToday('2027-06-01', 9, 0);
      const versions = await ok(t.gql(`{ atsApplicationTemplateVersions { id isCurrent } }`));
      expect(versions.atsApplicationTemplateVersions).toEqual([
        { id: v2.id, isCurrent: true },
        { id: templateV1, isCurrent: false },
      ]);
      const old = await t.gql(SUBMIT, { input: input('panel-member-2') }, 'panel-member-2');
      expect(errorCode(old)).toBe('RULE_VIOLATION');
      expect(old.errors![0].extensions.rule).toBe('ATS-6');
      const current = await ok(t.gql(SUBMIT, { input: input('panel-member-2', { templateVersionId: v2.id }) }, 'panel-member-2'));
      expect(current.submitAtsApplication.templateVersionId).toBe(v2.id);
      templateV1 = v2.id; // later applications use the current version
    });
  });

  describe('authenticity checks with the awarding body (ATS-52) and the end of the window (ATS-5)', () => {
    let checkId: string;
    const LOG = `mutation($input: LogAuthenticityCheckInput!) { logQualificationAuthenticityCheck(input: $input) { id result notes memberId } }`;

    it('are logged by MEMBERSHIP_TEAM; the member sees the status but never the staff notes', async () => {
      const logInput = { memberQualificationId: quals.associate.ENGLISH, queriedOn: '2027-06-01', awardingBody: 'AQA', result: 'NOT_VERIFIED', notes: 'AQA has no record of this certificate number.' };
      expect(errorCode(await t.gql(LOG, { input: logInput }, 'admin'))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(LOG, { input: { ...logInput, queriedOn: '2027-06-02' } }, 'membership-team'))).toBe('BAD_USER_INPUT');
      const logged = (await ok(t.gql(LOG, { input: logInput }, 'membership-team'))).logQualificationAuthenticityCheck;
      checkId = logged.id;
      expect(logged).toMatchObject({ result: 'NOT_VERIFIED', memberId: id('associate') });

      const mine = await ok(t.gql(MY_QUALIFICATIONS, {}, 'associate'));
      const english = mine.myQualifications.nodes.find((q: any) => q.id === quals.associate.ENGLISH);
      expect(english.authenticityStatus).toBe('NOT_VERIFIED');
      expect(errorCode(await t.gql(`{ myQualifications { nodes { notes } } }`, {}, 'associate'))).toBe('GRAPHQL_VALIDATION_FAILED');
      const checksQuery = `query($q: ID!) { qualificationAuthenticityChecks(memberQualificationId: $q) { result notes } }`;
      expect(errorCode(await t.gql(checksQuery, { q: quals.associate.ENGLISH }, 'associate'))).toBe('FORBIDDEN');
      const staff = await ok(t.gql(checksQuery, { q: quals.associate.ENGLISH }, 'membership-team'));
      expect(staff.qualificationAuthenticityChecks).toEqual([{ result: 'NOT_VERIFIED', notes: 'AQA has no record of this certificate number.' }]);
    });

    it('a certificate the awarding body did not verify does not count; once verified it does, up to 31 August 23:59:59 London', async () => {
      t.clock.set(londonInstant('2027-08-31', 23, 59, 59, 999));
      const refused = await t.gql(SUBMIT, { input: input('associate') }, 'associate');
      expect(errorCode(refused)).toBe('RULE_VIOLATION');
      expect(refused.errors![0].extensions.violations!.map((v) => [v.rule, v.condition])).toEqual([
        ['ATS-52', 'NOT_VERIFIED'],
        ['ATS-2', 'MISSING_ENGLISH'],
      ]);
      const verified = await ok(
        t.gql(
          `mutation($id: ID!) { recordQualificationAuthenticityResult(checkId: $id, result: VERIFIED, notes: "AQA confirmed on a second query.") { result notes } }`,
          { id: checkId },
          'membership-team',
        ),
      );
      expect(verified.recordQualificationAuthenticityResult).toEqual({ result: 'VERIFIED', notes: 'AQA confirmed on a second query.' });
      const accepted = await ok(t.gql(SUBMIT, { input: input('associate') }, 'associate'));
      expect(accepted.submitAtsApplication).toMatchObject({ submittedOn: '2027-08-31', decisionDueOn: '2027-10-26' });
    });

    it('refuses applications from 1 September 00:00 London (ATS-5)', async () => {
      t.clock.set(londonInstant('2027-09-01', 0, 0, 0));
      const res = await t.gql(SUBMIT, { input: input('panel-member') }, 'panel-member');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].extensions.rule).toBe('ATS-5');
    });
  });

  describe('staff list pagination', () => {
    it('pages through every application oldest first with a stable cursor, filtered by status', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = await ok(t.gql(LIST, { first: 2, after }, 'membership-team'));
        seen.push(...page.atsApplications.nodes.map((n: any) => n.id));
        after = page.atsApplications.pageInfo.hasNextPage ? page.atsApplications.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
      const undecided = await ok(t.gql(LIST, { filter: { status: 'SUBMITTED' } }, 'membership-team'));
      expect(undecided.atsApplications.nodes.map((n: any) => n.memberId).sort()).toEqual([id('associate'), id('panel-member-2')].sort());
      const overdue = await ok(t.gql(LIST, { filter: { overdue: true } }, 'membership-team'));
      expect(overdue.atsApplications.nodes.map((n: any) => n.memberId)).toEqual([id('panel-member-2')]);
    });
  });
});
