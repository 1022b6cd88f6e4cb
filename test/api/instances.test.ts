import { Client } from 'pg';
import { SWEEP_LOCK_CLASS } from '../../src/domain/system/sweep.service';
import { londonInstant } from '../../src/domain/shared/dates';
import { createTestApp, expectNoErrors, type TestApp } from '../support/harness';

const SET = `mutation ($at: DateTimeISO) { setServerClock(at: $at) { londonDate shifted } }`;
const READ = `{ serverClock { londonDate shifted } }`;

/** Issue 8, item 6: what must happen once across instances happens once; every instance reads the same test clock (DEC-T2). */
describe('several instances on one database (issue 8)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ today: '2026-11-23' });
    b = await createTestApp({ shareDatabase: { url: a.databaseUrl, clock: a.clock }, seed: false });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('shows a clock moved on one instance to every other instance (DEC-T2 stored in the database)', async () => {
    expectNoErrors(await a.gql(SET, { at: '2027-06-30T23:30:00.000Z' }, 'admin'));
    expect((await b.gql(READ)).data!.serverClock).toEqual({ londonDate: '2027-07-01', shifted: true });
    // and a reset on the second instance reaches the first
    expectNoErrors(await b.gql(SET, { at: null }, 'admin'));
    expect((await a.gql(READ)).data!.serverClock).toEqual({ londonDate: '2026-11-23', shifted: false });
  });

  it('keeps the moved clock across a restart: a new instance starts with the stored shift', async () => {
    expectNoErrors(await a.gql(SET, { at: '2027-09-01T09:00:00.000Z' }, 'admin'));
    const restarted = await createTestApp({ shareDatabase: { url: a.databaseUrl, clock: a.clock }, seed: false });
    try {
      expect((await restarted.gql(READ)).data!.serverClock).toEqual({ londonDate: '2027-09-01', shifted: true });
      // rules read it too, not only the serverClock query: a sweep run refreshes it first
      restarted.app.services.serverClock['adjustable']!.reset();
      await restarted.app.services.sweeps.runAll();
      expect(restarted.app.services.serverClock.state()).toMatchObject({ londonDate: '2027-09-01', shifted: true });
    } finally {
      await restarted.close();
      expectNoErrors(await a.gql(SET, { at: null }, 'admin'));
    }
  });

  it('skips a sweep another instance is running (advisory lock held), and runs it once the lock is free', async () => {
    await a.dataSource.query(`UPDATE member SET status = 'ACTIVE', renewal_date = '2028-01-01' WHERE status = 'LAPSED'`);
    a.clock.set(londonInstant('2028-01-10', 12)); // these members' renewal date has passed; nothing has lapsed them yet
    const due = async () => (await a.dataSource.query(`SELECT count(*)::int AS n FROM member WHERE status = 'ACTIVE' AND renewal_date < '2028-01-10'`))[0].n as number;
    const before = await due();
    expect(before).toBeGreaterThan(0);
    const other = new Client({ connectionString: a.databaseUrl });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1, hashtext($2))', [SWEEP_LOCK_CLASS, 'membership.lapse']);
      const res = await b.gql(`mutation { runSweeps { name affected skipped error } }`, undefined, 'membership-team');
      expectNoErrors(res);
      expect(res.data!.runSweeps.find((r: { name: string }) => r.name === 'membership.lapse')).toEqual({ name: 'membership.lapse', affected: 0, skipped: true, error: null });
      expect(await due()).toBe(before); // left to the instance holding the lock
    } finally {
      await other.query('SELECT pg_advisory_unlock_all()');
      await other.end();
    }
    const [lapse] = (await b.app.services.sweeps.runAll()).filter((r) => r.name === 'membership.lapse');
    expect(lapse).toMatchObject({ affected: before, skipped: false });
    expect(await due()).toBe(0);
  });

  it('does the work of two concurrent sweep runs once', async () => {
    a.clock.set(londonInstant('2026-11-23', 12));
    await a.dataSource.query(`UPDATE member SET status = 'ACTIVE', renewal_date = '2028-06-01' WHERE status = 'LAPSED'`);
    a.clock.set(londonInstant('2028-07-01', 12));
    const due = (await a.dataSource.query(`SELECT count(*)::int AS n FROM member WHERE status = 'ACTIVE' AND renewal_date < '2028-07-01'`))[0].n as number;
    expect(due).toBeGreaterThan(0);
    const auditsBefore = (await a.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'member.lapseSweep'`))[0].n as number;
    const runs = await Promise.all([a.app.services.sweeps.runAll(), b.app.services.sweeps.runAll(), a.app.services.sweeps.runAll(), b.app.services.sweeps.runAll()]);
    const lapses = runs.map((r) => r.find((s) => s.name === 'membership.lapse')!);
    expect(lapses.reduce((sum, r) => sum + r.affected, 0)).toBe(due);
    expect(lapses.every((r) => r.error === null)).toBe(true);
    const lapsedNotices = await a.dataSource.query(`SELECT recipient_member_id, count(*)::int AS n FROM notification WHERE template = 'MEMBERSHIP_LAPSED' AND created_at >= '2028-07-01' GROUP BY 1`);
    expect(lapsedNotices).toHaveLength(due);
    expect(lapsedNotices.every((r: { n: number }) => r.n === 1)).toBe(true);
    // runs that found the lock taken did nothing at all (no audit entry of an empty sweep)
    const audits = (await a.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'member.lapseSweep'`))[0].n as number;
    expect(audits - auditsBefore).toBe(lapses.filter((r) => !r.skipped).length);
  });
});
