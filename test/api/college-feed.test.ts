import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { CollegePushDispatcher, CONFERRAL_EVENT_TYPE, SIGNATURE_HEADER, verifySignature } from '../../src/domain/register/college/college-push.dispatcher';
import { createTestApp, errorCode, expectNoErrors, type GraphQLResponse, type TestApp } from '../support/harness';
import { addConferral, createHolder } from '../support/register-factories';

const FEED = `query ($first: Int, $after: String) { charteredTeacherConferrals(first: $first, after: $after) { nodes { fullName membershipNumber atsAwardedOn conferredOn } pageInfo { endCursor hasNextPage } } }`;
const ACK = `mutation ($numbers: [String!]!) { acknowledgeCharteredTeacherConferrals(input: { membershipNumbers: $numbers }) { acknowledged alreadyAcknowledged unknown } }`;
const OVERDUE = `query { overdueCharteredTeacherConferrals(first: 10) { totalCount nodes { fullName membershipNumber atsAwardedOn conferredOn shareBy } pageInfo { hasNextPage } } }`;

type Db = { query(text: string, values?: unknown[]): Promise<any> };

async function award(db: Db, givenName: string, familyName: string, awardedOn = '2026-11-02'): Promise<string> {
  const h = await createHolder(db, { givenName, familyName, statuses: [{ title: 'ATS', awardedOn }] });
  await addConferral(db, h.memberId, h.statusIds.ATS, awardedOn);
  return h.membershipNumber;
}

describe('Chartered College feed (ATS-49)', () => {
  let t: TestApp;
  let writers: Pool;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    writers = new Pool({ connectionString: (t.dataSource.options as { url: string }).url, max: 12 });
    // An idle client ended by the server (the test database dropped at teardown) must not crash the run (pg emits 'error').
    writers.on('error', () => undefined);
  });
  afterAll(async () => {
    await writers.end();
    await t.close();
  });

  it('shows the College only name, membership number, ATS award date and conferral date', async () => {
    const res = await t.gql(`{ __type(name: "CollegeConferral") { fields { name } } }`);
    expect(res.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['atsAwardedOn', 'conferredOn', 'fullName', 'membershipNumber']);
  });

  it('is for the CHARTERED_COLLEGE client only', async () => {
    expect(errorCode(await t.gql(FEED, { first: 7 }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(FEED, { first: 7 }, 'member'))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(FEED, { first: 7 }, 'admin'))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(ACK, { numbers: ['SET1'] }, 'professional-status-team'))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(OVERDUE, {}, 'chartered-college'))).toBe('FORBIDDEN');
  });

  it('pages with first: 7 while 100 awards commit concurrently (out of order, some rolled back), and sees each conferral exactly once', async () => {
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    const awardInTransaction = async (i: number) => {
      const client = await writers.connect();
      try {
        await client.query('BEGIN');
        // The member row takes the transaction id early; the sleep makes transactions commit out of id order.
        const number = await award(
          { query: async (text: string, values?: unknown[]) => (await client.query(text, values)).rows },
          `Conc${i}`,
          'Feedwriter',
        );
        await client.query('SELECT pg_sleep($1)', [((i * 37) % 11) / 200]);
        if (i % 25 === 24) {
          await client.query('ROLLBACK');
          rolledBack.add(number);
        } else {
          await client.query('COMMIT');
          committed.add(number);
        }
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    };
    let writing = true;
    const writes = Promise.all(Array.from({ length: 100 }, (_, i) => awardInTransaction(i))).finally(() => {
      writing = false;
    });

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let idlePolls = 0;
    for (;;) {
      const stillWriting = writing;
      const res: GraphQLResponse = await t.gql(FEED, { first: 7, after }, 'chartered-college');
      expectNoErrors(res);
      const page: { nodes: { membershipNumber: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = res.data!.charteredTeacherConferrals;
      expect(page.nodes.length).toBeLessThanOrEqual(7);
      seen.push(...page.nodes.map((n: { membershipNumber: string }) => n.membershipNumber));
      after = page.pageInfo.endCursor;
      expect(after).toBeTruthy();
      pages++;
      // Once the writers are done, everything is below the watermark unless some other transaction on the server (another
      // test file's, in another database: transaction ids are server-wide) is still open, which holds the feed back
      // without losing anything: keep polling (up to ~30 s of idle polls) rather than stop early, then let the
      // assertions below judge.
      if (!stillWriting && !page.pageInfo.hasNextPage) {
        if (seen.length >= committed.size || ++idlePolls > 300) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await writes;
    expect(committed.size).toBe(96);
    expect(seen.length).toBe(new Set(seen).size); // nothing repeated
    expect(new Set(seen)).toEqual(committed); // nothing skipped, nothing rolled back
    expect(seen.some((n) => rolledBack.has(n))).toBe(false);
    expect(pages).toBeGreaterThanOrEqual(14);
    // And a later pull from the last cursor finds nothing new.
    const again = await t.gql(FEED, { first: 7, after }, 'chartered-college');
    expect(again.data!.charteredTeacherConferrals.nodes).toEqual([]);
    expect(again.data!.charteredTeacherConferrals.pageInfo.endCursor).toBe(after);
  }, 90_000);

  it('records acknowledgements; acknowledging twice is harmless; staff see what is unacknowledged 42 days after the award', async () => {
    const late = await award(t.dataSource, 'Olu', 'Overdueson', '2026-10-01'); // share by 2026-11-12
    const onTime = await award(t.dataSource, 'Nia', 'Notyetdue', '2026-10-13'); // share by 2026-11-24
    let overdue = await t.gql(OVERDUE, {}, 'professional-status-team');
    expectNoErrors(overdue);
    const lateRow = overdue.data!.overdueCharteredTeacherConferrals.nodes.find((n: { membershipNumber: string }) => n.membershipNumber === late);
    expect(lateRow).toEqual({ fullName: 'Olu Overdueson', membershipNumber: late, atsAwardedOn: '2026-10-01', conferredOn: '2026-10-01', shareBy: '2026-11-12' });
    expect(overdue.data!.overdueCharteredTeacherConferrals.nodes.some((n: { membershipNumber: string }) => n.membershipNumber === onTime)).toBe(false);

    t.setToday('2026-11-25'); // 43 days after the second award
    overdue = await t.gql(OVERDUE, {}, 'admin');
    expect(overdue.data!.overdueCharteredTeacherConferrals.nodes.some((n: { membershipNumber: string }) => n.membershipNumber === onTime)).toBe(true);

    const first = await t.gql(ACK, { numbers: [late, onTime, 'SET0000000'] }, 'chartered-college');
    expectNoErrors(first);
    expect(first.data!.acknowledgeCharteredTeacherConferrals).toEqual({ acknowledged: 2, alreadyAcknowledged: 0, unknown: ['SET0000000'] });
    const [{ at }] = await t.dataSource.query(`SELECT c.acknowledged_at AS at FROM chartered_teacher_conferral c JOIN member m ON m.id = c.member_id WHERE m.membership_number = $1`, [late]);
    const second = await t.gql(ACK, { numbers: [late, onTime] }, 'chartered-college');
    expect(second.data!.acknowledgeCharteredTeacherConferrals).toEqual({ acknowledged: 0, alreadyAcknowledged: 2, unknown: [] });
    const [{ at: atAfter }] = await t.dataSource.query(`SELECT c.acknowledged_at AS at FROM chartered_teacher_conferral c JOIN member m ON m.id = c.member_id WHERE m.membership_number = $1`, [late]);
    expect(atAfter).toEqual(at);
    overdue = await t.gql(OVERDUE, {}, 'admin');
    expect(overdue.data!.overdueCharteredTeacherConferrals.nodes.some((n: { membershipNumber: string }) => [late, onTime].includes(n.membershipNumber))).toBe(false);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'college.acknowledge_conferrals'`);
    expect(n).toBe(2);
  });
});

describe('Chartered College push (ATS-49, COLLEGE_WEBHOOK_URL)', () => {
  let t: TestApp;
  let receiver: http.Server;
  const SECRET = 'college-webhook-test-secret-0123456789abcdef';
  const received: { id: string; type: string; data: Record<string, string>; valid: boolean }[] = [];
  let failNext = 1;

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const valid = verifySignature(SECRET, body, req.headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000));
        received.push({ id: String(req.headers['ce-id']), type: String(req.headers['ce-type']), data: JSON.parse(body), valid });
        if (!valid) return res.writeHead(401).end();
        if (failNext > 0) {
          failNext--;
          return res.writeHead(503).end();
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await t.close();
  });

  it('pushes each conferral as a CloudEvent with a valid HMAC signature, retrying after a failure until accepted', async () => {
    const number = await award(t.dataSource, 'Pia', 'Pushworth', '2026-11-20');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    const dispatcher = new CollegePushDispatcher(t.dataSource, { url, secret: SECRET, backoffBaseMs: 0 });
    expect(await dispatcher.dispatchBatch()).toEqual({ delivered: 0, failed: 1 });
    const [pending] = await t.dataSource.query(`SELECT attempts, delivered_at, last_error FROM college_push`);
    expect(pending).toEqual({ attempts: 1, delivered_at: null, last_error: 'HTTP 503' });
    expect(await dispatcher.dispatchBatch()).toEqual({ delivered: 1, failed: 0 });
    expect(await dispatcher.dispatchBatch()).toEqual({ delivered: 0, failed: 0 }); // delivered once, never again
    expect(received).toHaveLength(2);
    expect(received.every((r) => r.valid)).toBe(true);
    expect(received[1].type).toBe(CONFERRAL_EVENT_TYPE);
    expect(received[0].id).toBe(received[1].id); // the same event id on a retry, so the College can de-duplicate
    expect(received[1].data).toEqual({ fullName: 'Pia Pushworth', membershipNumber: number, atsAwardedOn: '2026-11-20', conferredOn: '2026-11-20' });
  });

  it('a receiver rejects a body that does not match its signature', () => {
    const body = JSON.stringify({ membershipNumber: 'SET1000001' });
    const now = Math.floor(Date.now() / 1000);
    const header = `t=${now},v1=${'0'.repeat(64)}`;
    expect(verifySignature(SECRET, body, header, now)).toBe(false);
    expect(verifySignature('another-secret-another-secret-1234', body, header, now)).toBe(false);
  });
});
