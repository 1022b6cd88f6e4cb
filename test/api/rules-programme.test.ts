import { randomUUID } from 'node:crypto';
import { Role } from '../../src/domain/shared/viewer';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { createTestApp, errorCode, type GraphQLResponse, type TestApp } from '../support/harness';
import { Programme } from '../support/programme-fixtures';

/**
 * Issue 6 items 4..10 through the API, on one timeline (the tests run in order and move the clock forwards):
 * DEC-G1, ownership before existence and before locks (ATS-57), the ATS-22 membership gate, DEC-A2, DEC-A3,
 * DEC-W1 extensions, DEC-E1 set-up corrections, DEC-S1 sections per cohort, and the constraints of item 8.
 */
describe('rules enforced in the domain (issue 6)', () => {
  let t: TestApp;
  let p: Programme;
  const part: Record<string, string> = {};
  const apps: Record<string, string> = {};
  let X: { id: string; windowId: string };
  let Mid: { id: string; windowId: string };
  let Y: { id: string; windowId: string };
  let Late: { id: string; windowId: string };
  let Edit: { id: string; windowId: string };

  const SECTION = `mutation($id: ID!, $key: String!) { setPortfolioSectionComplete(participantId: $id, sectionKey: $key, complete: true) { completedAt } }`;
  const ext = (r: GraphQLResponse): Record<string, any> => r.errors?.[0]?.extensions ?? {};

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-04-10' });
    p = new Programme(t);
    await p.setUp('2027-04-10');
    await p.newMember('staffer', { extraRoles: [Role.MEMBERSHIP_TEAM] });
    for (const alias of ['alice', 'bob', 'carol', 'dave', 'lapsing', 'late']) await p.newMember(alias);
    X = await p.createCohort('X', '2027-10-01', '2028-06-30', '2028-09-15', ['2027-09-01', '2027-09-30']);
    Mid = await p.createCohort('Mid', '2028-01-10', '2028-07-14', '2028-09-30');
    Y = await p.createCohort('Y', '2028-04-01', '2028-12-15', '2029-02-01', ['2028-03-01', '2028-03-20']);
    Late = await p.createCohort('Late', '2028-10-01', '2029-06-29', '2029-09-14', ['2028-05-01', '2028-05-31']);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('applications (DEC-G1, DEC-A2)', () => {
    it('refuses a staff user deciding their own ATS application with FORBIDDEN DEC-G1; a colleague may decide it', async () => {
      apps.staffer = await p.apply('staffer');
      const own = await p.decideApplication(apps.staffer, 'staffer');
      expect(ext(own)).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
      await p.ok(p.decideApplication(apps.staffer));
      for (const alias of ['alice', 'bob', 'carol', 'dave', 'lapsing', 'late']) apps[alias] = await p.successfulApplication(alias);
    });

    it('refuses an ATS application from a member whose membership is not active (DEC-A2), whatever the grade', async () => {
      await p.newMember('gone', { renewalDate: '2027-04-09' });
      const q = await p.ok(
        t.gql(
          `mutation($input: RecordQualificationInput!) { recordMyQualification(input: $input) { id } }`,
          { input: { approvedQualificationId: p.approved.ITT, certificateDate: '2019-07-01', grade: 'Pass', certificateReference: 'gone-1', declaresAuthentic: true } },
          p.as('gone'),
        ),
      );
      const res = await t.gql(
        `mutation($input: SubmitAtsApplicationInput!) { submitAtsApplication(input: $input) { id } }`,
        { input: { templateVersionId: p.templateId, isRestart: false, eligibilityStatement: 'I meet the ATS eligibility criteria.', qualificationIds: [q.recordMyQualification.id] } },
        p.as('gone'),
      );
      expect(ext(res)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-A2' });
      expect(res.errors![0].message).toMatch(/renew/i);
    });
  });

  describe('registration (ATS-8, ATS-11, DEC-A3) and set-up corrections (DEC-E1)', () => {
    it('invites every successful applicant for window X (ATS-8)', async () => {
      t.setToday('2027-09-10');
      await p.sweep();
      const mail = await p.ok(t.gql(`query($f: NotificationFilterInput) { notifications(filter: $f, first: 50) { nodes { body } } }`, { f: { template: 'ATS_REGISTRATION_INVITATION', recipientMemberId: p.members.late } }, 'membership-team'));
      expect(mail.notifications.nodes).toHaveLength(1);
    });

    it('registers the participants, and refuses a second registration citing ATS-11', async () => {
      for (const alias of ['staffer', 'alice', 'bob', 'carol', 'dave', 'lapsing']) part[alias] = await p.registered(alias, X.windowId);
      const again = await p.register('alice', X.windowId);
      expect(ext(again)).toMatchObject({ code: 'CONFLICT', rule: 'ATS-11' });
      expect(ext(again).violations).toEqual([expect.objectContaining({ rule: 'ATS-11' })]);
    });

    it('keeps one open participation per member in the database itself (partial unique index, ATS-11)', async () => {
      const row = await t.dataSource.query(`SELECT * FROM participant WHERE id = $1`, [part.alice]);
      await expect(
        t.dataSource.query(
          `INSERT INTO participant (member_id, application_id, registration_window_id, original_cohort_id, cohort_id, attempt_kind, status, registered_at, registration_date, fee_pence, payment_plan, deadline, version)
           VALUES ($1, $2, $3, $4, $4, 'NEW', 'REGISTERED', now(), '2027-09-10', 81500, 'SINGLE', '2028-06-30', 1)`,
          [row[0].member_id, apps.late, X.windowId, X.id],
        ),
      ).rejects.toThrow(/UQ_participant_one_open_per_member/);
    });

    it('states the data: foreign keys and CHECK constraints refuse rows that break them', async () => {
      await expect(t.dataSource.query(`UPDATE participant SET member_id = $1 WHERE id = $2`, [randomUUID(), part.alice])).rejects.toThrow(/foreign key/);
      await expect(t.dataSource.query(`UPDATE cohort SET submission_deadline = portfolio_issue_date WHERE id = $1`, [X.id])).rejects.toThrow(/CHK_cohort_dates_in_order/);
      await expect(t.dataSource.query(`UPDATE registration_window SET closes_on = opens_on - 1 WHERE id = $1`, [X.windowId])).rejects.toThrow(/CHK_registration_window_dates/);
    });

    it('lets a cohort have several windows, refusing one that overlaps another (ATS-10)', async () => {
      const edit = (Edit = await p.createCohort('Edit', '2027-12-01', '2028-08-31', '2028-10-30', ['2027-10-01', '2027-10-15']));
      const second = await t.gql(`mutation($input: CreateRegistrationWindowInput!) { createRegistrationWindow(input: $input) { id } }`, { input: { cohortId: edit.id, opensOn: '2027-11-01', closesOn: '2027-11-10' } }, 'membership-team');
      expect(second.errors).toBeUndefined();
      const overlap = await t.gql(`mutation($input: CreateRegistrationWindowInput!) { createRegistrationWindow(input: $input) { id } }`, { input: { cohortId: edit.id, opensOn: '2027-10-10', closesOn: '2027-10-20' } }, 'membership-team');
      expect(ext(overlap)).toMatchObject({ code: 'CONFLICT', rule: 'ATS-10' });
      const cohorts = await p.ok(t.gql(`{ registrationWindows(first: 100) { nodes { cohortId } } }`));
      expect(cohorts.registrationWindows.nodes.filter((w: { cohortId: string }) => w.cohortId === edit.id)).toHaveLength(2);
    });

    it('refuses a window change that would exclude registrations already taken, and accepts one that keeps them (DEC-E1)', async () => {
      const UPDATE = `mutation($id: ID!, $input: UpdateRegistrationWindowInput!) { updateRegistrationWindow(id: $id, input: $input) { opensOn closesOn } }`;
      const exclude = await t.gql(UPDATE, { id: X.windowId, input: { opensOn: '2027-09-11' } }, 'membership-team');
      expect(ext(exclude)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-E1' });
      const keep = await p.ok(t.gql(UPDATE, { id: X.windowId, input: { opensOn: '2027-09-10', closesOn: '2027-09-20' } }, 'membership-team'));
      expect(keep.updateRegistrationWindow).toEqual({ opensOn: '2027-09-10', closesOn: '2027-09-20' });
      const audit = await p.ok(t.gql(`{ auditLog(filter: { action: "registrationWindow.update" }) { nodes { targetId detail } } }`, {}, 'admin'));
      expect(audit.auditLog.nodes).toEqual([expect.objectContaining({ targetId: X.windowId, detail: { from: { opensOn: '2027-09-01', closesOn: '2027-09-30' }, to: { opensOn: '2027-09-10', closesOn: '2027-09-20' } } })]);
    });

    it('lets staff set the portfolio sections of a cohort before issue (DEC-S1)', async () => {
      const res = await p.ok(
        t.gql(
          `mutation($id: ID!, $s: [PortfolioSectionInput!]!) { setCohortPortfolioSections(cohortId: $id, sections: $s) { key position } }`,
          { id: X.id, s: [{ key: 'context', title: 'Context' }, { key: 'PRACTICE', title: 'Practice' }, { key: 'IMPACT', title: 'Impact' }] },
          'membership-team',
        ),
      );
      expect(res.setCohortPortfolioSections.map((s: { key: string }) => s.key)).toEqual(['CONTEXT', 'PRACTICE', 'IMPACT']);
      const cohorts = await p.ok(t.gql(`{ cohorts(first: 100) { nodes { id portfolioSections { key } } } }`));
      expect(cohorts.cohorts.nodes.find((c: { id: string }) => c.id === Y.id).portfolioSections).toHaveLength(6); // the default list
    });

    it('refuses DEC-G1: a staff user deciding their own reasonable adjustment', async () => {
      const adj = await p.ok(t.gql(`mutation($id: ID!) { requestReasonableAdjustment(participantId: $id, details: "Screen reader") { id } }`, { id: part.staffer }, p.as('staffer')));
      const DECIDE = `mutation($id: ID!) { decideReasonableAdjustment(adjustmentId: $id, input: { agree: true, outcome: "Screen reader agreed", includesExtension: false }) { status } }`;
      expect(ext(await t.gql(DECIDE, { id: adj.requestReasonableAdjustment.id }, p.as('staffer')))).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
      expect((await p.ok(t.gql(DECIDE, { id: adj.requestReasonableAdjustment.id }, 'membership-team'))).decideReasonableAdjustment.status).toBe('AGREED');
    });

    it('lets a cohort’s dates change on the day before its issue date and not on it (DEC-E1)', async () => {
      const UPDATE = `mutation($id: ID!, $input: UpdateCohortInput!) { updateCohort(id: $id, input: $input) { provisionalResultsDate } }`;
      t.setToday('2027-09-30');
      expect((await p.ok(t.gql(UPDATE, { id: X.id, input: { provisionalResultsDate: '2028-09-16' } }, 'membership-team'))).updateCohort.provisionalResultsDate).toBe('2028-09-16');
      t.setToday('2027-10-01');
      const late = await t.gql(UPDATE, { id: X.id, input: { provisionalResultsDate: '2028-09-17' } }, 'membership-team');
      expect(ext(late)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-E1' });
      const window = await t.gql(`mutation($id: ID!) { updateRegistrationWindow(id: $id, input: { closesOn: "2027-09-25" }) { id } }`, { id: X.windowId }, 'membership-team');
      expect(ext(window)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-E1' });
      const audit = await p.ok(t.gql(`{ auditLog(filter: { action: "cohort.update" }) { nodes { targetId } } }`, {}, 'admin'));
      expect(audit.auditLog.nodes).toEqual([{ targetId: X.id }]);
    });
  });

  describe('portfolio (DEC-S1, ATS-22, ATS-57, DEC-G1)', () => {
    it('fixes a participant’s sections at issue: a later change to the cohort’s list leaves them alone (DEC-S1)', async () => {
      await p.sweep();
      const before = (await p.ok(p.participant(part.alice, 'alice'))).participant;
      expect(before.status).toBe('PORTFOLIO_ISSUED');
      expect(before.sections.map((s: { key: string }) => s.key)).toEqual(['CONTEXT', 'PRACTICE', 'IMPACT']);
      await p.ok(t.gql(`mutation($id: ID!) { setCohortPortfolioSections(cohortId: $id, sections: [{ key: "ONLY", title: "Only" }]) { key } }`, { id: X.id }, 'membership-team'));
      expect((await p.ok(p.participant(part.alice, 'alice'))).participant.sections.map((s: { key: string }) => s.key)).toEqual(['CONTEXT', 'PRACTICE', 'IMPACT']);
    });

    it('closes the portfolio to a participant whose membership is not current, citing ATS-22 and saying to renew', async () => {
      t.setToday('2027-10-05');
      await t.dataSource.query(`UPDATE member SET renewal_date = '2027-10-02' WHERE id = $1`, [p.members.lapsing]);
      const id = part.lapsing;
      const attempts = [
        t.gql(SECTION, { id, key: 'CONTEXT' }, p.as('lapsing')),
        t.gql(`mutation($id: ID!) { recordSupportingStatement(participantId: $id) { id } }`, { id }, p.as('lapsing')),
        t.gql(`mutation($id: ID!) { recordPortfolioSharedWithSet(participantId: $id) { id } }`, { id }, p.as('lapsing')),
        t.gql(`mutation($id: ID!) { requestReasonableAdjustment(participantId: $id, details: "More time") { id } }`, { id }, p.as('lapsing')),
        p.requestExtension(id, 'lapsing', { reason: 'ILLNESS_OR_CARING', evidenceNotes: 'Hospital stay from 3 April' }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(ext(res)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-22' });
        expect(ext(res).violations).toEqual([expect.objectContaining({ rule: 'ATS-22', condition: 'MEMBERSHIP_NOT_ACTIVE', message: expect.stringMatching(/renew/) })]);
      }
      await p.ok(t.gql(`mutation($id: ID!, $code: ID!) { renewMembership(memberId: $id, acceptedCodeVersionId: $code) { status } }`, { id: p.members.lapsing, code: DEMO_CODE_VERSION_ID }, p.as('lapsing')));
      expect((await t.gql(SECTION, { id, key: 'CONTEXT' }, p.as('lapsing'))).errors).toBeUndefined();
    });

    it('gives a member the same FORBIDDEN for someone else’s participation and for one that does not exist (ATS-57)', async () => {
      const missing = randomUUID();
      const reads = [await p.participant(part.alice, 'bob'), await p.participant(missing, 'bob')];
      const writes = [await t.gql(SECTION, { id: part.alice, key: 'CONTEXT' }, p.as('bob')), await t.gql(SECTION, { id: missing, key: 'CONTEXT' }, p.as('bob'))];
      for (const pair of [reads, writes]) {
        expect(pair.map((r) => [r.errors![0].extensions.code, r.errors![0].extensions.rule, r.errors![0].message])).toEqual([
          ['FORBIDDEN', 'ATS-57', pair[0].errors![0].message],
          ['FORBIDDEN', 'ATS-57', pair[0].errors![0].message],
        ]);
      }
      const application = [await t.gql(`query($id: ID!) { atsApplication(id: $id) { id } }`, { id: apps.alice }, p.as('bob')), await t.gql(`query($id: ID!) { atsApplication(id: $id) { id } }`, { id: missing }, p.as('bob'))];
      expect(application.map((r) => r.errors![0].extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(errorCode(await p.participant(missing, 'membership-team'))).toBe('NOT_FOUND');
    });

    it('checks ownership before taking any row lock: a member is refused at once while another request holds the row', async () => {
      const holder = t.dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query(`SELECT id FROM participant WHERE id = $1 FOR UPDATE`, [part.alice]);
        // Waiting on the lock would end in CONFLICT (lock timeout); the ownership check answers FORBIDDEN first.
        const res = await t.gql(SECTION, { id: part.alice, key: 'CONTEXT' }, p.as('bob'));
        expect(ext(res)).toMatchObject({ code: 'FORBIDDEN', rule: 'ATS-57' });
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
    });

    it('refuses DEC-G1 to a staff user resolving their own access report or withdrawing themself as ineligible', async () => {
      const report = await p.ok(t.gql(`mutation($id: ID!) { reportPortfolioAccessProblem(participantId: $id, description: "Cannot log in") { id } }`, { id: part.staffer }, p.as('staffer')));
      const resolve = await t.gql(`mutation($id: ID!) { resolvePortfolioAccessProblem(reportId: $id, resolution: "Fixed it myself") { id } }`, { id: report.reportPortfolioAccessProblem.id }, p.as('staffer'));
      expect(ext(resolve)).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
      const withdraw = await t.gql(`mutation($id: ID!) { withdrawIneligibleParticipant(participantId: $id, reason: "Not eligible after all") { status } }`, { id: part.staffer }, p.as('staffer'));
      expect(ext(withdraw)).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
      expect((await p.ok(p.participant(part.staffer, 'membership-team'))).participant.status).toBe('PORTFOLIO_ISSUED');
    });
  });

  describe('DEC-A3: successful applications serve the windows opening within 12 months of the decision', () => {
    it('does not invite for a window opening later than that, and registration there is refused citing DEC-A3', async () => {
      t.setToday('2028-05-01');
      await p.sweep();
      const mail = await p.ok(t.gql(`query($f: NotificationFilterInput) { notifications(filter: $f, first: 50) { nodes { body } } }`, { f: { template: 'ATS_REGISTRATION_INVITATION', recipientMemberId: p.members.late } }, 'membership-team'));
      expect(mail.notifications.nodes.map((n: { body: string }) => n.body).filter((b: string) => b.includes('cohort Late'))).toEqual([]);
      const res = await p.register('late', Late.windowId);
      expect(ext(res).violations).toEqual([expect.objectContaining({ rule: 'DEC-A3', condition: 'APPLICATION_EXPIRED' })]);
    });
  });

  describe('extensions (ATS-25..27, DEC-W1, DEC-G1)', () => {
    const requests: Record<string, string> = {};

    it('refuses a technical-issue date after the day of the request (ATS-25)', async () => {
      t.setToday('2028-05-01');
      const res = await p.requestExtension(part.dave, 'dave', { reason: 'TECHNICAL_ISSUES', evidenceNotes: 'Platform outage', technicalIssueIdentifiedOn: '2028-05-02' });
      expect(ext(res).violations).toEqual([expect.objectContaining({ rule: 'ATS-25', condition: 'TECHNICAL_ISSUE_DATE_INVALID' })]);
    });

    it('takes requests in time, one pending per participant (ATS-25, partial unique index)', async () => {
      requests.alice = (await p.ok(p.requestExtension(part.alice, 'alice', { reason: 'ILLNESS_OR_CARING', evidenceNotes: 'Hospital stay from 3 April' }))).requestExtension.id;
      const second = await p.requestExtension(part.alice, 'alice', { reason: 'BEREAVEMENT', evidenceNotes: 'Death in the family in April' });
      expect(ext(second)).toMatchObject({ code: 'CONFLICT', rule: 'ATS-25' });
      await expect(
        t.dataSource.query(
          `INSERT INTO extension_request (participant_id, reason, evidence_notes, requested_at, requested_on, deadline_at_request, late_window_closes_on, status, version)
           VALUES ($1, 'BEREAVEMENT', 'x', now(), '2028-05-01', '2028-06-30', '2028-07-07', 'REQUESTED', 1)`,
          [part.alice],
        ),
      ).rejects.toThrow(/UQ_extension_request_one_pending/);
      t.setToday('2028-05-02');
      requests.carol = (await p.ok(p.requestExtension(part.carol, 'carol', { reason: 'EMPLOYMENT_CHANGE', evidenceNotes: 'New post from March, heavy induction' }))).requestExtension.id;
      t.setToday('2028-05-03');
      requests.staffer = (await p.ok(p.requestExtension(part.staffer, 'staffer', { reason: 'BEREAVEMENT', evidenceNotes: 'Death in the family in April' }))).requestExtension.id;
      expect(ext(await p.decideExtension(requests.staffer, true, 'staffer'))).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
      expect((await p.ok(p.decideExtension(requests.staffer, false))).decideExtension.status).toBe('REFUSED');
    });

    it('holds the sweep for a participant with an undecided request after the late window, and shows staff those requests oldest first (DEC-W1)', async () => {
      t.setToday('2028-07-20'); // late window for 30 June closed on 7 July; the hold runs to 21 July
      await p.sweep();
      const status = async (alias: string) => (await p.ok(p.participant(part[alias], 'membership-team'))).participant;
      expect((await status('bob')).withdrawalKind).toBe('DEADLINE_PASSED');
      expect((await status('alice')).status).toBe('PORTFOLIO_ISSUED');
      expect((await status('carol')).status).toBe('PORTFOLIO_ISSUED');
      const queue = await p.ok(t.gql(`{ extensionRequests(undecidedAfterLateWindow: true) { nodes { id lateWindowClosesOn } } }`, {}, 'membership-team'));
      expect(queue.extensionRequests.nodes).toEqual([
        { id: requests.alice, lateWindowClosesOn: '2028-07-07' },
        { id: requests.carol, lateWindowClosesOn: '2028-07-07' },
      ]);
    });

    it('refuses a request from a participant the sweep withdrew, after the late window, citing ATS-27', async () => {
      const res = await p.requestExtension(part.bob, 'bob', { reason: 'ILLNESS_OR_CARING', evidenceNotes: 'Hospital stay', preventedByUnforeseenEvent: true });
      expect(ext(res)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-27' });
      expect(ext(res).violations).toEqual([expect.objectContaining({ rule: 'ATS-27', condition: 'LATE_WINDOW_CLOSED' })]);
    });

    it('grants to the first later cohort whose deadline is still ahead on the day of the decision (ATS-26, DEC-W1)', async () => {
      // Mid's deadline (14 July) comes after Alice's (30 June) but passed before today (20 July): she moves to the
      // next one, Edit (31 August), not to Mid.
      const res = await p.ok(p.decideExtension(requests.alice, true));
      expect(res.decideExtension).toEqual({ status: 'GRANTED', newDeadline: '2028-08-31', toCohortId: Edit.id });
      expect((await p.ok(p.participant(part.alice, 'alice'))).participant).toMatchObject({ deadline: '2028-08-31', cohort: { id: Edit.id } });
      expect([Mid.id, Y.id]).not.toContain(res.decideExtension.toCohortId);
    });

    it('stops holding once the hold has ended: the participant is withdrawn and the request cancelled (DEC-W1)', async () => {
      t.setToday('2028-07-21');
      await p.sweep();
      expect((await p.ok(p.participant(part.carol, 'membership-team'))).participant.status).toBe('PORTFOLIO_ISSUED');
      t.setToday('2028-07-22');
      await p.sweep();
      const carol = (await p.ok(p.participant(part.carol, 'membership-team'))).participant;
      expect(carol).toMatchObject({ status: 'WITHDRAWN', withdrawalKind: 'DEADLINE_PASSED' });
      expect(carol.extensionRequests).toEqual([expect.objectContaining({ id: requests.carol, status: 'CANCELLED' })]);
    });
  });

});
