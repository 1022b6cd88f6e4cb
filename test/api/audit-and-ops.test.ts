import request from 'supertest';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { DEMO_STAFF } from '../../src/db/demo-identities';
import { AuditService } from '../../src/domain/audit/audit.service';
import { Member } from '../../src/domain/membership/member.entity';
import { Notification } from '../../src/domain/notifications/notification.entity';
import { applicationInput, confirmationToken, DECIDE, memberId, SUBMIT } from '../support/factories';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';

const AUDIT_LOG = `query ($filter: AuditFilterInput, $first: Int) {
  auditLog(filter: $filter, first: $first) { nodes { id occurredAt actorId actorRole action targetType targetId requestId detail } pageInfo { hasNextPage } }
}`;
const staffId = (alias: string) => DEMO_STAFF.find((s) => s.alias === alias)!.id;
/** The fixed test clock: noon in London on the harness's default day, which is GMT. */
const NOW = '2026-11-23T12:00:00.000Z';

describe(AuditService.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function auditEntries(filter: Record<string, unknown> = {}): Promise<Record<string, any>[]> {
    const res = await t.gql(AUDIT_LOG, { filter, first: 100 }, 'admin');
    expectNoErrors(res);
    return res.data!.auditLog.nodes;
  }

  /** Runs a GraphQL operation through HTTP and returns the body and the request id the server answered with. */
  async function send(query: string, variables: Record<string, unknown>, alias?: string) {
    const req = t.http().post('/graphql');
    if (alias) req.set('authorization', `Bearer ${t.token(alias)}`);
    const res = await req.send({ query, variables });
    return { body: res.body, requestId: res.headers['x-request-id'] as string };
  }

  it('is readable only by ADMIN', async () => {
    for (const alias of ['membership-team', 'finance', 'member', 'chartered-college']) {
      expect(errorCode(await t.gql(AUDIT_LOG, {}, alias))).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(AUDIT_LOG, {}))).toBe('UNAUTHENTICATED');
  });

  it('records actor, role, action, target, time and request for every mutation called', async () => {
    type Call = { query: string; variables: Record<string, unknown>; alias?: string; action: string; actorId: string; actorRole: string; targetType: string; targetId?: (data: any) => string | null; prepare?: () => Promise<void> };
    let confirmation = '';
    let applicationId = '';
    const calls: Call[] = [
      {
        query: `mutation ($input: SubmitMembershipApplicationInput!) { submitMembershipApplication(input: $input) { id } }`,
        variables: { input: applicationInput({ email: 'audit.applicant@example.org' }) },
        action: 'membershipApplication.submit',
        actorId: 'anonymous',
        actorRole: 'ANONYMOUS',
        targetType: 'membership_application',
        targetId: (d) => (applicationId = d.submitMembershipApplication.id),
      },
      {
        // Issue 7: the applicant confirms their address before the panel sees the application.
        query: `mutation ($token: String!) { confirmMembershipApplication(token: $token) { id } }`,
        prepare: async () => {
          confirmation = await confirmationToken(t, 'audit.applicant@example.org');
        },
        get variables() {
          return { token: confirmation };
        },
        action: 'membershipApplication.confirm',
        actorId: 'anonymous',
        actorRole: 'ANONYMOUS',
        targetType: 'membership_application',
        targetId: () => applicationId,
      },
      {
        query: DECIDE,
        get variables() {
          return { id: applicationId, input: { outcome: 'REFUSE', reasons: 'The declaration is incomplete.', panelMemberIds: [memberId('panel-member')] } };
        },
        alias: 'membership-team',
        action: 'membershipApplication.decide',
        actorId: staffId('membership-team'),
        actorRole: 'MEMBERSHIP_TEAM',
        targetType: 'membership_application',
        targetId: () => applicationId,
      },
      {
        query: `mutation ($id: ID!) { requestMembershipApplicationReview(id: $id, grounds: "I can complete it now.") { id } }`,
        get variables() {
          return { id: applicationId };
        },
        alias: 'admin',
        action: 'membershipApplication.requestReview',
        actorId: staffId('admin'),
        actorRole: 'ADMIN',
        targetType: 'membership_application',
        targetId: () => applicationId,
      },
      {
        query: `mutation ($id: ID!, $input: ReviewDecisionInput!) { decideMembershipApplicationReview(id: $id, input: $input) { id } }`,
        get variables() {
          return { id: applicationId, input: { outcome: 'OVERTURN', reasons: 'The declaration is now complete.', panelMemberIds: [memberId('panel-member-2')] } };
        },
        alias: 'membership-team',
        action: 'membershipApplication.decideReview',
        actorId: staffId('membership-team'),
        actorRole: 'MEMBERSHIP_TEAM',
        targetType: 'membership_application',
        targetId: () => applicationId,
      },
      {
        query: `mutation { updateMyProfile(input: { employerName: "Harbour Sixth Form College" }) { id } }`,
        variables: {},
        alias: 'fellow',
        action: 'member.updateProfile',
        actorId: memberId('fellow'),
        actorRole: 'MEMBER',
        targetType: 'member',
        targetId: () => memberId('fellow'),
      },
      {
        query: `mutation ($id: ID!) { changeMemberGrade(memberId: $id, grade: FELLOW) { id } }`,
        variables: { id: memberId('associate') },
        alias: 'membership-team',
        action: 'member.changeGrade',
        actorId: staffId('membership-team'),
        actorRole: 'MEMBERSHIP_TEAM',
        targetType: 'member',
        targetId: () => memberId('associate'),
      },
      {
        query: `mutation ($id: ID!, $code: ID!) { renewMembership(memberId: $id, acceptedCodeVersionId: $code) { id } }`,
        variables: { id: memberId('lapsed-member'), code: DEMO_CODE_VERSION_ID },
        alias: 'lapsed-member',
        action: 'member.renew',
        actorId: memberId('lapsed-member'),
        actorRole: 'MEMBER',
        targetType: 'member',
        targetId: () => memberId('lapsed-member'),
      },
      {
        query: `mutation { publishCodeOfPracticeVersion(input: { version: "2027.1", title: "Code 2027", effectiveFrom: "2027-04-01", summaryOfChanges: "Clarifies COP-4." }) { id } }`,
        variables: {},
        alias: 'admin',
        action: 'codeOfPractice.publish',
        actorId: staffId('admin'),
        actorRole: 'ADMIN',
        targetType: 'code_of_practice_version',
        targetId: (d) => d.publishCodeOfPracticeVersion.id,
      },
      {
        query: `mutation { runSweeps { name affected } }`,
        variables: {},
        alias: 'membership-team',
        action: 'member.lapseSweep',
        actorId: staffId('membership-team'),
        actorRole: 'MEMBERSHIP_TEAM',
        targetType: 'member',
      },
      {
        query: `mutation { setServerClock(at: "${NOW}") { londonDate } }`,
        variables: {},
        alias: 'admin',
        action: 'serverClock.set',
        actorId: staffId('admin'),
        actorRole: 'ADMIN',
        targetType: 'server_clock',
      },
    ];

    for (const call of calls) {
      await call.prepare?.();
      const { body, requestId } = await send(call.query, call.variables, call.alias);
      expect(body.errors).toBeUndefined();
      const targetId = call.targetId ? call.targetId(body.data) : null;
      const entries = (await auditEntries({ action: call.action })).filter((e) => e.requestId === requestId);
      expect({ action: call.action, entries }).toEqual({
        action: call.action,
        entries: [
          expect.objectContaining({ actorId: call.actorId, actorRole: call.actorRole, action: call.action, targetType: call.targetType, targetId, occurredAt: NOW, requestId }),
        ],
      });
    }
    // Audit entries hold ids and codes, never personal data.
    expect(JSON.stringify(await auditEntries())).not.toMatch(/@example\.org|Harbour|Zoë/);
  });

  it('records nothing and changes nothing when a mutation is refused by a rule (COP-6)', async () => {
    const before = await auditEntries();
    const memberBefore = await t.dataSource.getRepository(Member).findOneByOrFail({ id: memberId('suspended-member') });
    const noticesBefore = await t.dataSource.getRepository(Notification).count();
    const res = await t.gql(
      `mutation ($id: ID!, $code: ID!) { renewMembership(memberId: $id, acceptedCodeVersionId: $code) { id } }`,
      { id: memberId('suspended-member'), code: DEMO_CODE_VERSION_ID },
      'membership-team',
    );
    expect(res.errors![0].extensions.rule).toBe('COP-6');
    expect(await auditEntries()).toEqual(before);
    expect(await t.dataSource.getRepository(Member).findOneByOrFail({ id: memberId('suspended-member') })).toEqual(memberBefore);
    expect(await t.dataSource.getRepository(Notification).count()).toBe(noticesBefore);
  });

  it('records nothing when a mutation is refused by the role check or by validation', async () => {
    const before = await auditEntries();
    expect(errorCode(await t.gql(`mutation { runSweeps { name } }`, undefined, 'finance'))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SUBMIT, { input: applicationInput({ email: 'bad' }) }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(`mutation { setServerClock(at: null) { shifted } }`, undefined, 'membership-team'))).toBe('FORBIDDEN');
    expect(await auditEntries()).toEqual(before);
  });

  it('records a staff read of another member as member.read, but not a member reading themselves (ATS-57)', async () => {
    const query = `query ($id: ID!) { member(id: $id) { id } }`;
    const own = await send(query, { id: memberId('member') }, 'member');
    expect(own.body.data.member.id).toBe(memberId('member'));
    expect(await auditEntries({ action: 'member.read', targetId: memberId('member') })).toEqual([]);

    const staff = await send(query, { id: memberId('member') }, 'finance');
    expect(staff.body.data.member.id).toBe(memberId('member'));
    expect(await auditEntries({ action: 'member.read', targetId: memberId('member') })).toEqual([
      expect.objectContaining({ actorId: staffId('finance'), actorRole: 'FINANCE', targetType: 'member', targetId: memberId('member'), requestId: staff.requestId }),
    ]);
  });

  it('records a refused read of another member as nothing', async () => {
    const res = await t.gql(`query ($id: ID!) { member(id: $id) { id } }`, { id: memberId('fellow') }, 'member');
    expect(res.errors![0].extensions.rule).toBe('ATS-57');
    expect(await auditEntries({ action: 'member.read', targetId: memberId('fellow') })).toEqual([]);
  });

  it('records staff searches over members with the ids returned', async () => {
    const res = await send(`{ members(filter: { status: LAPSED }) { nodes { id } } }`, {}, 'membership-team');
    const [entry] = (await auditEntries({ action: 'member.list' })).filter((e) => e.requestId === res.requestId);
    expect(entry).toMatchObject({ actorId: staffId('membership-team'), actorRole: 'MEMBERSHIP_TEAM' });
    expect(entry.detail.returned.sort()).toEqual(res.body.data.members.nodes.map((n: any) => n.id).sort());
  });
});

describe('operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz and /readyz with 200', async () => {
    const health = await t.http().get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('answers /readyz with 503 once the database is gone, while /healthz stays up', async () => {
    const other = await createTestApp();
    try {
      await other.dataSource.destroy();
      const ready = await other.http().get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'unavailable' });
      expect((await other.http().get('/healthz')).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it.each([
    ['GET /healthz', () => t.http().get('/healthz')],
    ['GET /readyz', () => t.http().get('/readyz')],
    ['POST /graphql', () => t.http().post('/graphql').send({ query: '{ serverClock { londonDate } }' })],
    ['POST /graphql with a bad token', () => t.http().post('/graphql').set('authorization', 'Bearer x').send({ query: '{ serverClock { londonDate } }' })],
    ['POST /graphql with a body that is not JSON', () => t.http().post('/graphql').set('content-type', 'application/json').send('{not json')],
    ['GET of an unknown path', () => t.http().get('/nowhere')],
  ])('puts an x-request-id header on every response: %s', async (_label, call) => {
    const res = await call();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a given x-request-id back and records it in the audit log', async () => {
    const id = 'client-trace-0001';
    const health = await t.http().get('/healthz').set('x-request-id', id);
    expect(health.headers['x-request-id']).toBe(id);
    const res = await t.http().post('/graphql').set('x-request-id', id).set('authorization', `Bearer ${t.token('admin')}`).send({ query: 'mutation { runSweeps { name } }' });
    expect(res.body.errors).toBeUndefined();
    expect(res.headers['x-request-id']).toBe(id);
    const log = await t.gql(AUDIT_LOG, { filter: { action: 'member.lapseSweep' } }, 'admin');
    expect(log.data!.auditLog.nodes.map((e: any) => e.requestId)).toContain(id);
  });

  it('replaces an x-request-id that is too long or carries odd characters, so it cannot break the audit log or the logs', async () => {
    for (const given of ['x'.repeat(200), 'bad id with spaces', 'line\tbreak']) {
      const res = await t.http().post('/graphql').set('x-request-id', given).set('authorization', `Bearer ${t.token('admin')}`).send({ query: 'mutation { runSweeps { name } }' });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.runSweeps).toEqual(expect.any(Array));
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish with its data when the server closes', async () => {
    const t = await createTestApp();
    try {
      await t.app.server.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.server.address() as { port: number };
      const original = t.app.services.codes.list.bind(t.app.services.codes);
      let reached!: () => void;
      const inService = new Promise<void>((resolve) => (reached = resolve));
      t.app.services.codes.list = async () => {
        reached();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return original();
      };

      const inFlight = request(`http://127.0.0.1:${port}`).post('/graphql').send({ query: '{ codeOfPracticeVersions { id version } }' }).then((r) => r);
      await inService;
      const closing = t.app.close();

      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.codeOfPracticeVersions).toEqual([{ id: DEMO_CODE_VERSION_ID, version: '2024.1' }]);
      await closing;

      // once closed, nothing new is accepted
      await expect(request(`http://127.0.0.1:${port}`).get('/healthz')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await t.close();
    }
  });
});
