import { AtsJourney } from '../support/ats-journey';
import { createTestApp, type TestApp } from '../support/harness';

/**
 * Restarts (ATS-32..35, 46..48, DEC-A1): a member whose first attempt ends as RESTART_REQUIRED restarts once for £50
 * with a new blank portfolio in a future cohort; when that restart also ends without award (no resubmission by the
 * deadline, ATS-32) the next attempt is a NEW participation at the full fee with cooling off (ATS-48). An award ends the
 * counting: an attempt after an award is NEW, not a restart. The dashboard costs the same statements whatever the history.
 */
const PST = 'professional-status-team';
const RECORD = `mutation($id: ID!, $input: RecordOutcomeInput!) { recordAssessmentOutcome(participantId: $id, input: $input) { id } }`;
const DASHBOARD = `{ myDashboard { member { id } currentParticipation { id status attemptKind } currentCohort { name } nextDeadline nextDeadlineKind submissionBlockers { rule condition }
  balance { outstandingPence } releasedResults { outcome } viva { id } statuses { title } awards { id } certificates { id } } }`;

describe('ATS restart (ATS-32..35, ATS-46..48)', () => {
  let t: TestApp;
  let j: AtsJourney;
  let a: { id: string; windowId: string };
  let r: { id: string; windowId: string };
  let n: { id: string; windowId: string };
  const attempts: Record<string, { id: string; attemptKind: string; feePence: number; coolingOffEndsOn: string | null }[]> = { restarter: [], laureate: [] };

  /** Runs the dashboard and returns how many SQL statements it cost (query counter on the data source's logger). */
  async function dashboardStatements(alias: string): Promise<{ count: number; data: Record<string, any> }> {
    const logger = t.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    let count = 0;
    logger.logQuery = (query, parameters, runner) => {
      count++;
      return original(query, parameters, runner);
    };
    try {
      const data = (await j.ok(t.gql(DASHBOARD, {}, j.as(alias)))).myDashboard;
      return { count, data };
    } finally {
      logger.logQuery = original;
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-04-10' });
    j = new AtsJourney(t);
    await j.setUp('2027-04-10');
    a = await j.createCohort('2027-10', '2027-10-01', '2028-06-30', '2028-09-15', '2027-09-01', '2027-09-30');
    r = await j.createCohort('2029-10', '2029-10-01', '2030-06-30', '2030-09-15', '2029-09-01', '2029-09-30');
    n = await j.createCohort('2031-10', '2031-10-01', '2032-06-30', '2032-09-15', '2031-09-01', '2031-09-30');
    for (const alias of ['restarter', 'laureate']) {
      await j.newMember(alias);
      await j.successfulApplication(alias);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  let firstCost: number;
  it('registers the first attempt as NEW at the full fee with cooling off', async () => {
    t.setToday('2027-09-15');
    for (const alias of ['restarter', 'laureate']) attempts[alias].push(await j.register(alias, a.windowId));
    expect(attempts.restarter[0]).toMatchObject({ attemptKind: 'NEW', feePence: 81_500, coolingOffEndsOn: '2027-10-15' });
    const d = await dashboardStatements('restarter');
    firstCost = d.count;
    expect(d.data).toMatchObject({ currentParticipation: { status: 'REGISTERED', attemptKind: 'NEW' }, nextDeadline: '2028-06-30', nextDeadlineKind: 'SUBMISSION', balance: { outstandingPence: 81_500 } });
  });

  it('ends the first attempt as RESTART_REQUIRED (ATS-34) and awards the other member', async () => {
    for (const alias of ['restarter', 'laureate']) await j.payInFull(attempts[alias][0].id);
    t.setToday('2027-10-01');
    await j.sweep();
    t.setToday('2028-06-01');
    for (const alias of ['restarter', 'laureate']) {
      await j.completePortfolio(alias, attempts[alias][0].id);
      await j.submit(alias, attempts[alias][0].id);
    }
    await j.ok(t.gql(RECORD, { id: attempts.restarter[0].id, input: { outcome: 'RESTART_REQUIRED', feedback: 'Significant areas for development; take a year to develop practice.' } }, PST));
    await j.ok(t.gql(RECORD, { id: attempts.laureate[0].id, input: { outcome: 'PROVISIONALLY_AWARDED' } }, PST));
    t.setToday('2028-09-15');
    expect((await j.sweep())['ats.releaseResults']).toBe(2);
    const v = await j.ok(t.gql(`mutation($id: ID!) { scheduleViva(participantId: $id, input: { date: "2028-10-02", time: "10:00", meetingLink: "https://meet.example.org/l" }) { id } }`, { id: attempts.laureate[0].id }, PST));
    t.setToday('2028-10-02', 12);
    await j.ok(t.gql(`mutation($id: ID!) { recordVivaOutcome(vivaId: $id, input: { outcome: PASSED }) { outcome } }`, { id: v.scheduleViva.id }, PST));
    const d = (await dashboardStatements('restarter')).data;
    expect(d).toMatchObject({ currentParticipation: { status: 'RESTART_REQUIRED' }, releasedResults: [{ outcome: 'RESTART_REQUIRED' }] });
  });

  it('restarts once after a new application flagged as restart: £50, no cooling off, a new blank portfolio in a future cohort', async () => {
    t.setToday('2029-04-10');
    await j.successfulApplication('restarter', true);
    await j.successfulApplication('laureate');
    t.setToday('2029-09-10');
    const restart = await j.register('restarter', r.windowId);
    attempts.restarter.push(restart);
    expect(restart).toMatchObject({ attemptKind: 'RESTART', feePence: 5_000, coolingOffEndsOn: null });
    const bal = (await j.ok(t.gql(`query($id: ID!) { participantBalance(participantId: $id) { chargedPence } }`, { id: restart.id }, 'finance'))).participantBalance;
    expect(bal.chargedPence).toBe(5_000);
    await j.payInFull(restart.id);
    t.setToday('2029-10-01');
    await j.sweep();
    const p = (await j.ok(t.gql(`query($id: ID!) { participant(id: $id) { status cohort { name } sections { completedAt } } }`, { id: restart.id }, j.as('restarter')))).participant;
    expect(p.status).toBe('PORTFOLIO_ISSUED');
    expect(p.cohort.name).toBe('2029-10');
    expect(p.sections.length).toBeGreaterThan(0);
    expect(p.sections.every((s: { completedAt: string | null }) => s.completedAt === null)).toBe(true);
  });

  it('does not count an awarded attempt: the holder’s next attempt is NEW at the full fee (an award ends the counting)', async () => {
    const next = await (async () => {
      t.setToday('2029-09-10');
      return j.register('laureate', r.windowId);
    })();
    expect(next).toMatchObject({ attemptKind: 'NEW', feePence: 81_500 });
  });

  it('withdraws the restarted participant who does not resubmit by the deadline (ATS-32, ATS-44)', async () => {
    t.setToday('2030-06-01');
    await j.completePortfolio('restarter', attempts.restarter[1].id);
    await j.submit('restarter', attempts.restarter[1].id);
    await j.ok(t.gql(RECORD, { id: attempts.restarter[1].id, input: { outcome: 'CRITERIA_NOT_MET', feedback: 'Add evidence for standard 4.', resubmissionDeadline: '2030-11-30' } }, PST));
    t.setToday('2030-09-15');
    await j.sweep();
    t.setToday('2030-11-30');
    expect((await j.sweep())['ats.withdrawUnresubmitted']).toBe(0);
    t.setToday('2030-12-01');
    expect((await j.sweep())['ats.withdrawUnresubmitted']).toBe(1);
  });

  it('charges the full fee with cooling off for the attempt after the one restart (ATS-35, ATS-48)', async () => {
    t.setToday('2031-04-10');
    await j.successfulApplication('restarter', true);
    t.setToday('2031-09-10');
    const third = await j.register('restarter', n.windowId);
    attempts.restarter.push(third);
    expect(third).toMatchObject({ attemptKind: 'NEW', feePence: 81_500, coolingOffEndsOn: '2031-10-15' });
  });

  it('costs the same number of SQL statements for the dashboard with three participations as with one', async () => {
    const d = await dashboardStatements('restarter');
    expect(d.data).toMatchObject({ currentParticipation: { id: attempts.restarter[2].id, status: 'REGISTERED' }, releasedResults: [{ outcome: 'CRITERIA_NOT_MET' }, { outcome: 'RESTART_REQUIRED' }] });
    if (process.env.SHOW_STATEMENT_COUNTS) process.stdout.write(`dashboard statements: one participation ${firstCost}, three participations ${d.count}\n`);
    expect(d.count).toBe(firstCost);
    expect(d.count).toBeLessThanOrEqual(20);
  });
});
