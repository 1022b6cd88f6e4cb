import { Role } from '../../src/domain/shared/viewer';
import { AtsJourney } from '../support/ats-journey';
import { createTestApp, errorCode, type TestApp } from '../support/harness';

/**
 * One member walked with the test clock from application through a failed first submission, resubmission, a re-VIVA,
 * award, the College share date, three years to dormancy and back by re-accreditation (ATS-28..43, 49, 50; DEC-O1,
 * DEC-V1, DEC-R1, DEC-R2). The tests run in order on one timeline. Others in the cohort cover the refusals.
 */
const PST = 'professional-status-team';
const P = `query($id: ID!) { participant(id: $id) { id status results { round outcome feedback resubmissionDeadline releasedAt } resubmission { reviewDueOn feedbackDueOn reviewedAt }
  vivas { id attemptNumber outcome scheduledAt rescheduleCount furtherInformationNeeded } award { id awardedOn formalDocumentsDueOn professionalStatusId } } }`;
const RECORD = `mutation($id: ID!, $input: RecordOutcomeInput!) { recordAssessmentOutcome(participantId: $id, input: $input) { id outcome releasedAt } }`;
const STATUSES = `{ myProfessionalStatuses { id title awardedOn reaccreditationDueOn reaccreditationOpensOn dormant current listedOnRegister registerOptOut } }`;

describe('ATS results, VIVA, award and re-accreditation (ATS-28..43, 49, 50)', () => {
  let t: TestApp;
  let j: AtsJourney;
  let cohort: { id: string; windowId: string };
  const pid: Record<string, string> = {};
  /** A participant moved to the next cohort by an extension (ATS-26): released with that cohort (DEC-O1). */
  let mover: string;
  const readMover = async () =>
    (await j.ok(t.gql(`query($id: ID!) { participant(id: $id) { status results { outcome } cohort { name provisionalResultsDate } } }`, { id: mover }, j.as('mover')))).participant;
  const participant = async (alias: string, viewer = alias) => (await j.ok(t.gql(P, { id: pid[alias] }, j.as(viewer)))).participant;

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-04-10' });
    j = new AtsJourney(t);
    await j.setUp('2027-04-10');
    cohort = await j.createCohort('2027-10', '2027-10-01', '2028-06-30', '2028-09-15', '2027-09-01', '2027-09-30');
    await j.createCohort('2028-01', '2028-01-10', '2028-09-30', '2028-12-01', '2027-12-01', '2027-12-20');
    await j.newMember('mover');
    await j.successfulApplication('mover');
    for (const alias of ['walker', 'idle', 'objector', 'quick']) {
      await j.newMember(alias, alias === 'walker' ? 'Zoë' : alias, alias === 'walker' ? 'Walker-Ng' : 'Tester');
      await j.successfulApplication(alias);
    }
    t.setToday('2027-09-15');
    for (const alias of ['walker', 'idle', 'objector', 'quick']) {
      pid[alias] = (await j.register(alias, cohort.windowId)).id;
      await j.payInFull(pid[alias]);
    }
    mover = (await j.register('mover', cohort.windowId)).id;
    await j.payInFull(mover);
    t.setToday('2027-10-01');
    await j.sweep();
    t.setToday('2028-05-01');
    const ext = await j.ok(
      t.gql(`mutation($id: ID!) { requestExtension(participantId: $id, input: { reason: BEREAVEMENT, evidenceNotes: "Bereavement in April; certificate available." }) { id } }`, { id: mover }, j.as('mover')),
    );
    await j.ok(t.gql(`mutation($id: ID!) { decideExtension(requestId: $id, grant: true, reasons: "Evidence provided") { status } }`, { id: ext.requestExtension.id }, 'membership-team'));
    t.setToday('2028-06-01');
    await j.completePortfolio('mover', mover);
    await j.submit('mover', mover);
    for (const alias of ['walker', 'idle', 'objector', 'quick']) {
      await j.completePortfolio(alias, pid[alias]);
      await j.submit(alias, pid[alias]);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  describe('outcomes and release (ATS-28..31, 34, DEC-O1)', () => {
    it('shows staff the submissions not yet assessed as the results date approaches', async () => {
      t.setToday('2028-08-01');
      const far = await j.ok(t.gql(`{ unassessedSubmissions(withinDays: 30) { nodes { id } } }`, {}, PST));
      expect(far.unassessedSubmissions.nodes).toEqual([]);
      t.setToday('2028-08-20');
      const near = await j.ok(t.gql(`{ unassessedSubmissions(withinDays: 30) { nodes { id } } }`, {}, PST));
      expect(near.unassessedSubmissions.nodes.map((n: { id: string }) => n.id).sort()).toEqual(Object.values(pid).sort());
    });

    it('pages the unassessed submissions backward with last/before over the same order as forward (Relay connection)', async () => {
      const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
        unassessedSubmissions(withinDays: 30, first: $first, after: $after, last: $last, before: $before) {
          nodes { id } edges { cursor node { id } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`;
      const ids = (c: { nodes: { id: string }[] }) => c.nodes.map((n) => n.id);
      const all = (await j.ok(t.gql(PAGE, { first: 10 }, PST))).unassessedSubmissions;
      const order = ids(all);
      expect(order).toHaveLength(4);

      const tail = (await j.ok(t.gql(PAGE, { last: 2 }, PST))).unassessedSubmissions;
      expect(ids(tail)).toEqual(order.slice(2));
      expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      expect(tail.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(order.slice(2));
      expect(tail.pageInfo.startCursor).toBe(tail.edges[0].cursor);

      const head = (await j.ok(t.gql(PAGE, { last: 2, before: tail.pageInfo.startCursor }, PST))).unassessedSubmissions;
      expect(ids(head)).toEqual(order.slice(0, 2));
      expect(head.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });

      const forward = (await j.ok(t.gql(PAGE, { first: 2, after: head.pageInfo.endCursor }, PST))).unassessedSubmissions;
      expect(ids(forward)).toEqual(order.slice(2));

      expect(errorCode(await t.gql(PAGE, { first: 1, last: 1 }, PST))).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(PAGE, { last: 1, before: 'not-a-cursor!' }, PST))).toBe('BAD_USER_INPUT');
    });

    it('refuses an outcome from a member, and a CRITERIA_NOT_MET without a deadline after the release date (ATS-31)', async () => {
      expect(errorCode(await t.gql(RECORD, { id: pid.walker, input: { outcome: 'PROVISIONALLY_AWARDED' } }, j.as('walker')))).toBe('FORBIDDEN');
      // DEC-G1: an assessor who is also the participant cannot assess their own portfolio.
      const selfAssessor = t.token(j.memberIds.walker, [Role.MEMBER, Role.PROFESSIONAL_STATUS_TEAM]);
      const own = await t.gql(RECORD, { id: pid.walker, input: { outcome: 'PROVISIONALLY_AWARDED' } }, selfAssessor);
      expect(own.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'DEC-G1' });
      const early = await t.gql(RECORD, { id: pid.walker, input: { outcome: 'CRITERIA_NOT_MET', feedback: 'More evidence of impact.', resubmissionDeadline: '2028-09-15' } }, PST);
      expect(early.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-31' });
    });

    it('records outcomes that the participant cannot see before the results date (DEC-O1)', async () => {
      t.setToday('2028-09-01');
      await j.ok(t.gql(RECORD, { id: pid.walker, input: { outcome: 'CRITERIA_NOT_MET', feedback: 'More evidence of impact on learners.', resubmissionDeadline: '2028-11-30' } }, PST));
      await j.ok(t.gql(RECORD, { id: pid.idle, input: { outcome: 'CRITERIA_NOT_MET', feedback: 'Section 3 is thin.', resubmissionDeadline: '2028-11-30' } }, PST));
      await j.ok(t.gql(RECORD, { id: pid.objector, input: { outcome: 'RESTART_REQUIRED', feedback: 'Significant areas for development.' } }, PST));
      await j.ok(t.gql(RECORD, { id: pid.quick, input: { outcome: 'PROVISIONALLY_AWARDED' } }, PST));
      await j.ok(t.gql(RECORD, { id: mover, input: { outcome: 'PROVISIONALLY_AWARDED' } }, PST));
      const mine = await participant('walker');
      expect(mine).toMatchObject({ status: 'SUBMITTED', results: [] });
      expect((await participant('walker', PST)).status).toBe('ASSESSED');
      expect(await j.outbox('ATS_RESULT_RELEASED', 'walker')).toHaveLength(0);
    });

    it('refuses a staff release the day before the results date (DEC-O1)', async () => {
      t.setToday('2028-09-14', 23, 59);
      const res = await t.gql(`mutation($id: ID!) { releaseCohortResults(cohortId: $id) }`, { id: cohort.id }, PST);
      expect(res.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-O1' });
      expect((await j.sweep())['ats.releaseResults']).toBe(0);
    });

    it('releases at 00:00 London time on the results date by the sweep, emailing each participant once (ATS-29)', async () => {
      t.setToday('2028-09-15', 0, 0);
      expect((await j.sweep())['ats.releaseResults']).toBe(4);
      expect((await j.sweep())['ats.releaseResults']).toBe(0);
      const mine = await participant('walker');
      expect(mine.status).toBe('CRITERIA_NOT_MET');
      expect(mine.results).toEqual([expect.objectContaining({ round: 'FIRST', outcome: 'CRITERIA_NOT_MET', resubmissionDeadline: '2028-11-30' })]);
      const mails = await j.outbox('ATS_RESULT_RELEASED', 'walker');
      expect(mails).toHaveLength(1);
      expect(mails[0].body).toContain('2028-11-30');
      expect((await participant('objector')).status).toBe('RESTART_REQUIRED');
      expect((await participant('quick')).status).toBe('PROVISIONALLY_AWARDED');
    });

    it('keeps a participant moved by an extension (ATS-26) out of this release: they go with the cohort they were moved to', async () => {
      expect(await readMover()).toEqual({ status: 'SUBMITTED', results: [], cohort: { name: '2028-01', provisionalResultsDate: '2028-12-01' } });
    });
  });

  describe('objections (ATS-36)', () => {
    let objectionId: string;
    it('refuses an objection to a provisional award', async () => {
      const res = await t.gql(`mutation($id: ID!) { objectToResult(participantId: $id, grounds: "I disagree") { id } }`, { id: pid.quick }, j.as('quick'));
      expect(res.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-36' });
    });
    it('takes an objection on day 28 after release, tracks it, and an upheld one lets staff record a new outcome', async () => {
      t.setToday('2028-10-13');
      const o = await j.ok(t.gql(`mutation($id: ID!) { objectToResult(participantId: $id, grounds: "My evidence in section 2 was overlooked.") { id status } }`, { id: pid.objector }, j.as('objector')));
      objectionId = o.objectToResult.id;
      expect(o.objectToResult.status).toBe('RECEIVED');
      expect(errorCode(await t.gql(`mutation($id: ID!) { objectToResult(participantId: $id, grounds: "Again") { id } }`, { id: pid.objector }, j.as('objector')))).toBe('CONFLICT');
      // Without an upheld objection, no new outcome.
      expect(errorCode(await t.gql(RECORD, { id: pid.objector, input: { outcome: 'PROVISIONALLY_AWARDED' } }, PST))).toBe('CONFLICT');
      await j.ok(t.gql(`mutation($id: ID!) { startObjectionReview(objectionId: $id) { status } }`, { id: objectionId }, PST));
      const decided = await j.ok(t.gql(`mutation($id: ID!) { decideObjection(objectionId: $id, input: { upheld: true, reasons: "Section 2 evidence meets the standard." }) { status reasons } }`, { id: objectionId }, PST));
      expect(decided.decideObjection).toEqual({ status: 'UPHELD', reasons: 'Section 2 evidence meets the standard.' });
      const newest = await j.ok(t.gql(`{ objections(status: UPHELD, last: 1) { nodes { id status } pageInfo { hasPreviousPage hasNextPage } } }`, {}, PST));
      expect(newest.objections).toEqual({ nodes: [{ id: objectionId, status: 'UPHELD' }], pageInfo: { hasPreviousPage: false, hasNextPage: false } });
      const again = await t.gql(`mutation($id: ID!) { decideObjection(objectionId: $id, input: { upheld: false, reasons: "Changed mind" }) { status } }`, { id: objectionId }, PST);
      expect(errorCode(again)).toBe('CONFLICT');
      await j.ok(t.gql(RECORD, { id: pid.objector, input: { outcome: 'PROVISIONALLY_AWARDED' } }, PST));
      expect((await participant('objector')).status).toBe('PROVISIONALLY_AWARDED');
      expect(errorCode(await t.gql(RECORD, { id: pid.objector, input: { outcome: 'PROVISIONALLY_AWARDED' } }, PST))).toBe('CONFLICT');
    });
  });

  describe('resubmission (ATS-31, ATS-32, ATS-44)', () => {
    it('accepts the resubmission at 23:59 on the deadline; review due in 42 days and feedback in 56', async () => {
      t.setToday('2028-11-30', 23, 59);
      const r = await j.ok(t.gql(`mutation($id: ID!) { resubmitPortfolio(participantId: $id) { reviewDueOn feedbackDueOn } }`, { id: pid.walker }, j.as('walker')));
      expect(r.resubmitPortfolio).toEqual({ reviewDueOn: '2029-01-11', feedbackDueOn: '2029-01-25' });
      expect(errorCode(await t.gql(`mutation($id: ID!) { resubmitPortfolio(participantId: $id) { id } }`, { id: pid.walker }, j.as('walker')))).toBe('CONFLICT');
    });
    it('refuses a resubmission the day after the deadline, and the sweep withdraws that participant (ATS-32, ATS-44)', async () => {
      t.setToday('2028-12-01', 0, 0);
      const late = await t.gql(`mutation($id: ID!) { resubmitPortfolio(participantId: $id) { id } }`, { id: pid.idle }, j.as('idle'));
      expect(late.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-32' });
      const swept = await j.sweep();
      expect(swept['ats.withdrawUnresubmitted']).toBe(1);
      expect((await participant('idle')).status).toBe('WITHDRAWN');
      // The same start-of-day sweep released the moved participant with their new cohort (DEC-O1).
      expect(swept['ats.releaseResults']).toBe(1);
      expect(await readMover()).toMatchObject({ status: 'PROVISIONALLY_AWARDED', results: [{ outcome: 'PROVISIONALLY_AWARDED' }] });
      expect((await j.outbox('ATS_WITHDRAWN', 'idle'))[0].rule).toBe('ATS-32');
    });
    it('lists the resubmission as overdue for review on day 43, not day 42', async () => {
      const overdue = async () => (await j.ok(t.gql(`{ overdueResubmissions(kind: REVIEW) { nodes { participantId } } }`, {}, PST))).overdueResubmissions.nodes;
      t.setToday('2029-01-11');
      expect(await overdue()).toEqual([]);
      t.setToday('2029-01-12');
      expect(await overdue()).toEqual([{ participantId: pid.walker }]);
      const feedback = async () => (await j.ok(t.gql(`{ overdueResubmissions(kind: FEEDBACK) { nodes { participantId } } }`, {}, PST))).overdueResubmissions.nodes;
      expect(await feedback()).toEqual([]);
    });
    it('refuses CRITERIA_NOT_MET again for a resubmission (ATS-33) and records it as provisionally awarded, released at once', async () => {
      const again = await t.gql(RECORD, { id: pid.walker, input: { outcome: 'CRITERIA_NOT_MET', feedback: 'Still thin', resubmissionDeadline: '2029-03-01' } }, PST);
      expect(again.errors![0].extensions.rule).toBe('ATS-33');
      await j.ok(t.gql(RECORD, { id: pid.walker, input: { outcome: 'PROVISIONALLY_AWARDED', feedback: 'The new evidence meets the criteria.' } }, PST));
      const mine = await participant('walker');
      expect(mine.status).toBe('PROVISIONALLY_AWARDED');
      expect(mine.results.map((r: { round: string }) => r.round)).toEqual(['FIRST', 'RESUBMISSION']);
      expect(mine.resubmission.reviewedAt).not.toBeNull();
    });
  });

  describe('VIVA and award (ATS-37, 38, 40, 41, 49, DEC-V1)', () => {
    const SCHEDULE = `mutation($id: ID!, $input: VivaSlotInput!) { scheduleViva(participantId: $id, input: $input) { id attemptNumber } }`;
    const OUTCOME = `mutation($id: ID!, $input: VivaOutcomeInput!) { recordVivaOutcome(vivaId: $id, input: $input) { outcome } }`;
    it('schedules and reschedules the VIVA, emailing each time', async () => {
      t.setToday('2029-01-15');
      const v = await j.ok(t.gql(SCHEDULE, { id: pid.walker, input: { date: '2029-02-01', time: '10:00', meetingLink: 'https://meet.example.org/viva-1' } }, PST));
      expect(v.scheduleViva.attemptNumber).toBe(1);
      await j.ok(t.gql(`mutation($id: ID!, $input: VivaSlotInput!) { rescheduleViva(vivaId: $id, input: $input) { rescheduleCount } }`, { id: v.scheduleViva.id, input: { date: '2029-02-05', time: '14:30', meetingLink: 'https://meet.example.org/viva-1b' } }, PST));
      expect(await j.outbox('ATS_VIVA_SCHEDULED', 'walker')).toHaveLength(1);
      expect((await j.outbox('ATS_VIVA_RESCHEDULED', 'walker'))[0].body).toContain('2029-02-05 14:30');
      expect((await participant('walker')).status).toBe('VIVA_SCHEDULED');
    });
    it('requires a re-VIVA after the first, with what is needed, then awards ATS when it is passed', async () => {
      t.setToday('2029-02-05', 16);
      const first = (await participant('walker')).vivas[0].id;
      await j.ok(t.gql(OUTCOME, { id: first, input: { outcome: 'RE_VIVA_REQUIRED', furtherInformationNeeded: 'Explain the impact data in section 4.' } }, PST));
      expect((await participant('walker')).status).toBe('RE_VIVA_REQUIRED');
      const second = await j.ok(t.gql(SCHEDULE, { id: pid.walker, input: { date: '2029-03-01', time: '09:00', meetingLink: 'https://meet.example.org/viva-2' } }, PST));
      expect(second.scheduleViva.attemptNumber).toBe(2);
      const noThirdReViva = await t.gql(OUTCOME, { id: second.scheduleViva.id, input: { outcome: 'RE_VIVA_REQUIRED', furtherInformationNeeded: 'More' } }, PST);
      expect(noThirdReViva.errors![0].extensions.rule).toBe('ATS-38');
      t.setToday('2029-03-01', 11);
      await j.ok(t.gql(OUTCOME, { id: second.scheduleViva.id, input: { outcome: 'PASSED' } }, PST));
      const p = await participant('walker');
      expect(p.status).toBe('AWARDED');
      expect(p.award).toMatchObject({ awardedOn: '2029-03-01', formalDocumentsDueOn: '2029-04-26' });
      expect(await j.outbox('ATS_AWARDED', 'walker')).toHaveLength(1);
      expect(await j.outbox('CHARTERED_TEACHER_GRADUATION_INVITATION', 'walker')).toHaveLength(1);
      const s = await j.ok(t.gql(STATUSES, {}, j.as('walker')));
      expect(s.myProfessionalStatuses).toEqual([
        expect.objectContaining({ title: 'ATS', awardedOn: '2029-03-01', reaccreditationDueOn: '2032-03-01', dormant: false, current: true, listedOnRegister: true }),
      ]);
    });
    it('writes the Chartered Teacher conferral with its College share date (award + 42 days) in the same transaction', async () => {
      const rows = await t.dataSource.query(
        `SELECT to_char(share_by, 'YYYY-MM-DD') AS "shareBy", to_char(ats_awarded_on, 'YYYY-MM-DD') AS "awardedOn", graduation_invited_at IS NOT NULL AS invited FROM chartered_teacher_conferral WHERE member_id = $1`,
        [j.memberIds.walker],
      );
      expect(rows).toEqual([{ shareBy: '2029-04-12', awardedOn: '2029-03-01', invited: true }]);
    });
    it('ends a final NOT_PASSED as not awarded with reasons, and refuses a third VIVA citing ATS-38', async () => {
      t.setToday('2029-03-02');
      const v1 = await j.ok(t.gql(SCHEDULE, { id: pid.quick, input: { date: '2029-03-10', time: '10:00', meetingLink: 'https://meet.example.org/q1' } }, PST));
      await j.ok(t.gql(OUTCOME, { id: v1.scheduleViva.id, input: { outcome: 'RE_VIVA_REQUIRED', furtherInformationNeeded: 'Reflect on section 1.' } }, PST));
      const v2 = await j.ok(t.gql(SCHEDULE, { id: pid.quick, input: { date: '2029-03-20', time: '10:00', meetingLink: 'https://meet.example.org/q2' } }, PST));
      await j.ok(t.gql(OUTCOME, { id: v2.scheduleViva.id, input: { outcome: 'NOT_PASSED', reasons: 'Could not explain the evidence.' } }, PST));
      expect((await participant('quick')).status).toBe('NOT_AWARDED');
      expect((await j.outbox('ATS_NOT_AWARDED', 'quick'))[0].body).toContain('Could not explain the evidence.');
      const third = await t.gql(SCHEDULE, { id: pid.quick, input: { date: '2029-04-01', time: '10:00', meetingLink: 'https://meet.example.org/q3' } }, PST);
      expect(third.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-38' });
    });
    it('lets the holder opt out of the register and back in (ATS-41)', async () => {
      const out = await j.ok(t.gql(`mutation { setMyRegisterOptOut(optOut: true) { registerOptOut listedOnRegister } }`, {}, j.as('walker')));
      expect(out.setMyRegisterOptOut).toEqual([{ registerOptOut: true, listedOnRegister: false }]);
      const back = await j.ok(t.gql(`mutation { setMyRegisterOptOut(optOut: false) { registerOptOut listedOnRegister } }`, {}, j.as('walker')));
      expect(back.setMyRegisterOptOut).toEqual([{ registerOptOut: false, listedOnRegister: true }]);
    });
  });

  describe('three years on: dormancy and re-accreditation (ATS-50, DEC-R1, DEC-R2)', () => {
    const APPLY = `mutation($id: ID!) { applyToReaccredit(professionalStatusId: $id, statement: "Three years of mentoring and action research in maths.") { id status } }`;
    let statusId: string;
    it('reminds the holder 90 days before the due date, once', async () => {
      statusId = (await j.ok(t.gql(STATUSES, {}, j.as('walker')))).myProfessionalStatuses[0].id;
      t.setToday('2031-12-01');
      expect((await j.sweep())['ats.reaccreditationReminders']).toBe(0);
      t.setToday('2031-12-02');
      expect((await j.sweep())['ats.reaccreditationReminders']).toBe(1);
      expect((await j.sweep())['ats.reaccreditationReminders']).toBe(0);
      expect(await j.outbox('ATS_REACCREDITATION_DUE', 'walker')).toHaveLength(1);
    });
    it('is still current on the due date and dormant the day after, computed at request time', async () => {
      t.setToday('2032-03-01', 23, 59);
      expect((await j.ok(t.gql(STATUSES, {}, j.as('walker')))).myProfessionalStatuses[0]).toMatchObject({ dormant: false, listedOnRegister: true });
      t.setToday('2032-03-02', 0, 0);
      expect((await j.ok(t.gql(STATUSES, {}, j.as('walker')))).myProfessionalStatuses[0]).toMatchObject({ dormant: true, current: false, listedOnRegister: false });
      const v = await j.ok(t.gql(`{ myDashboard { statuses { dormant reaccreditationDueOn } nextDeadlineKind nextDeadline } }`, {}, j.as('walker')));
      expect(v.myDashboard).toMatchObject({ statuses: [{ dormant: true, reaccreditationDueOn: '2032-03-01' }], nextDeadlineKind: 'REACCREDITATION' });
    });
    it('re-accredits a dormant holder on approval: due three years after the approval (DEC-R1); not dormant any more', async () => {
      t.setToday('2032-04-10');
      const applied = await j.ok(t.gql(APPLY, { id: statusId }, j.as('walker')));
      expect(errorCode(await t.gql(APPLY, { id: statusId }, j.as('walker')))).toBe('CONFLICT');
      const decided = await j.ok(
        t.gql(`mutation($id: ID!) { decideReaccreditation(id: $id, input: { approve: true, reasons: "Strong evidence of continuing development." }) { status nextDueOn } }`, { id: applied.applyToReaccredit.id }, PST),
      );
      expect(decided.decideReaccreditation).toEqual({ status: 'APPROVED', nextDueOn: '2035-04-10' });
      expect((await j.ok(t.gql(STATUSES, {}, j.as('walker')))).myProfessionalStatuses[0]).toMatchObject({ dormant: false, listedOnRegister: true, reaccreditationDueOn: '2035-04-10' });
      expect(await j.outbox('ATS_REACCREDITED', 'walker')).toHaveLength(1);
    });
    it('refuses an application before the window opens six months ahead (DEC-R2)', async () => {
      t.setToday('2034-10-09');
      const early = await t.gql(APPLY, { id: statusId }, j.as('walker'));
      expect(early.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'DEC-R2' });
      t.setToday('2034-10-10');
      await j.ok(t.gql(APPLY, { id: statusId }, j.as('walker')));
    });
  });

  it('loads the results, VIVA and award fields of a list of participations in one batch each (no N+1)', async () => {
    const Q = `query($n: Int) { participants(first: $n) { nodes { id results { outcome } resubmission { id } vivas { id } award { id } objections { id } } } }`;
    const count = async (n: number) => {
      const logger = t.dataSource.logger;
      const original = logger.logQuery.bind(logger);
      let statements = 0;
      logger.logQuery = (query, parameters, runner) => {
        statements++;
        return original(query, parameters, runner);
      };
      try {
        const data = await j.ok(t.gql(Q, { n }, 'admin'));
        expect(data.participants.nodes).toHaveLength(n);
      } finally {
        logger.logQuery = original;
      }
      return statements;
    };
    expect(await count(5)).toBe(await count(2));
  });
});
