import { ServerClockService } from '../../src/domain/system/server-clock.service';
import { memberId } from '../support/factories';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';

const SET = `mutation ($at: DateTimeISO) { setServerClock(at: $at) { now londonDate shifted testClockEnabled } }`;
const READ = `{ serverClock { now londonDate shifted testClockEnabled } }`;

describe(`${ServerClockService.name} (DEC-T2)`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the unshifted clock to anyone', async () => {
    const res = await t.gql(READ);
    expectNoErrors(res);
    expect(res.data!.serverClock).toEqual({ now: '2026-11-23T12:00:00.000Z', londonDate: '2026-11-23', shifted: false, testClockEnabled: true });
  });

  it('lets an ADMIN set the clock; serverClock then reports the new London date and shifted: true', async () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST)
    const res = await t.gql(SET, { at: '2027-06-30T23:30:00.000Z' }, 'admin');
    expectNoErrors(res);
    expect(res.data!.setServerClock).toEqual({ now: '2027-06-30T23:30:00.000Z', londonDate: '2027-07-01', shifted: true, testClockEnabled: true });
    const read = await t.gql(READ);
    expect(read.data!.serverClock).toMatchObject({ londonDate: '2027-07-01', shifted: true });
  });

  it('makes every rule read the moved clock: the sweeps run and members past their renewal date lapse (DEC-M1)', async () => {
    // The member's renewal date (2027-05-23) has passed on the moved clock.
    const res = await t.gql(`query ($id: ID!) { member(id: $id) { status renewalDate } }`, { id: memberId('member') }, 'membership-team');
    expect(res.data!.member).toEqual({ status: 'LAPSED', renewalDate: '2027-05-23' });
    const lapsed = await t.gql(`{ notifications(filter: { template: "MEMBERSHIP_LAPSED" }) { nodes { recipientMemberId } } }`, undefined, 'membership-team');
    expect(lapsed.data!.notifications.nodes).toContainEqual({ recipientMemberId: memberId('member') });
  });

  it('keeps time running from the instant it was set', async () => {
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    const read = await t.gql(READ);
    expect(read.data!.serverClock.now).toBe('2027-06-30T23:31:00.000Z');
  });

  it('resets to the real clock when set to null', async () => {
    const res = await t.gql(SET, { at: null }, 'admin');
    expectNoErrors(res);
    expect(res.data!.setServerClock).toMatchObject({ shifted: false, londonDate: '2026-11-23' });
    expect((await t.gql(READ)).data!.serverClock).toMatchObject({ shifted: false, londonDate: '2026-11-23' });
  });

  it.each(['member', 'membership-team', 'professional-status-team', 'finance', 'conduct-panel', 'chartered-college'])('refuses %s with FORBIDDEN and leaves the clock alone', async (alias) => {
    const res = await t.gql(SET, { at: '2030-01-01T00:00:00.000Z' }, alias);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect((await t.gql(READ)).data!.serverClock).toMatchObject({ shifted: false, londonDate: '2026-11-23' });
  });

  it('refuses a caller with no token with UNAUTHENTICATED', async () => {
    expect(errorCode(await t.gql(SET, { at: '2030-01-01T00:00:00.000Z' }))).toBe('UNAUTHENTICATED');
  });
});

describe('with the test clock disabled (as in production)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23', env: { TEST_CLOCK_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses even an ADMIN with RULE_VIOLATION DEC-T2, and the clock does not move', async () => {
    const res = await t.gql(SET, { at: '2030-01-01T00:00:00.000Z' }, 'admin');
    expect(errorCode(res)).toBe('RULE_VIOLATION');
    expect(res.errors![0].extensions.rule).toBe('DEC-T2');
    expect((await t.gql(READ)).data!.serverClock).toEqual({ now: '2026-11-23T12:00:00.000Z', londonDate: '2026-11-23', shifted: false, testClockEnabled: false });
  });

  it('records no audit entry for the refused attempt', async () => {
    const log = await t.gql(`{ auditLog(filter: { targetType: "server_clock" }) { nodes { id } } }`, undefined, 'admin');
    expectNoErrors(log);
    expect(log.data!.auditLog.nodes).toEqual([]);
  });
});
