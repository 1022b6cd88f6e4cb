import { randomUUID } from 'node:crypto';
import { DEMO_CODE_VERSION_ID, seedDemoProgramme } from '../../src/db/demo-seed';
import { AtsApplication } from '../../src/domain/ats/applications/ats-application.entity';
import { ApplicationTemplateVersion } from '../../src/domain/ats/applications/application-template-version.entity';
import { Cohort } from '../../src/domain/ats/programme/cohort.entity';
import { Participant } from '../../src/domain/ats/programme/participant.entity';
import { PortfolioSection } from '../../src/domain/ats/programme/portfolio-section.entity';
import { RegistrationWindow } from '../../src/domain/ats/programme/registration-window.entity';
import { CodeAcceptance } from '../../src/domain/membership/code-acceptance.entity';
import { Member } from '../../src/domain/membership/member.entity';
import { MembershipApplication } from '../../src/domain/membership/membership-application.entity';
import { countSql } from '../support/sql-counter';
import { createTestApp, expectNoErrors, type TestApp } from '../support/harness';

/**
 * Issue 7: no N+1. Each list query is run at 10 and at 100 items and its SQL statements counted (every pg query of
 * the app, through a hook on pg's client); the count must not grow with the list. Nested fields load through
 * per-request DataLoaders (src/graphql/loaders.ts).
 */
describe('SQL statements per list query do not grow with the list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
    await seedDemoProgramme(t.dataSource, t.app.services.clock);
    const m = t.dataSource.manager;
    const now = t.clock.now();
    const cohort = await m.getRepository(Cohort).findOneOrFail({ where: {}, order: { portfolioIssueDate: 'ASC' } });
    const window = await m.findOneByOrFail(RegistrationWindow, { cohortId: cohort.id });
    const template = await m.findOneOrFail(ApplicationTemplateVersion, { where: {} });
    for (let i = 0; i < 110; i++) {
      const id = randomUUID();
      await m.insert(Member, {
        id,
        membershipNumber: `SETN${String(i).padStart(7, '0')}`,
        givenName: `Given${i}`,
        familyName: `Zz-Family${String(i).padStart(3, '0')}`,
        email: `n1.${i}@example.org`,
        grade: 'MEMBER' as never,
        status: 'ACTIVE' as never,
        joinedOn: '2026-01-01',
        renewalDate: '2027-01-01',
        sector: 'FURTHER_EDUCATION' as never,
        acceptedCodeVersionId: DEMO_CODE_VERSION_ID,
        createdAt: now,
        updatedAt: now,
      });
      await m.insert(CodeAcceptance, [
        { memberId: id, codeVersionId: DEMO_CODE_VERSION_ID, context: 'JOIN' as never, acceptedAt: now },
        { memberId: id, codeVersionId: DEMO_CODE_VERSION_ID, context: 'RENEWAL' as never, acceptedAt: now },
      ]);
      const applicationId = randomUUID();
      await m.insert(AtsApplication, {
        id: applicationId,
        reference: `ATSN-${String(i).padStart(5, '0')}`,
        memberId: id,
        templateVersionId: template.id,
        isRestart: false,
        eligibilityStatement: 'Eligible.',
        qualificationIds: [],
        status: 'SUCCESSFUL' as never,
        decidedAt: now,
        submittedAt: now,
        submittedOn: '2026-05-01',
        decisionDueOn: '2026-06-01',
      });
      const participantId = randomUUID();
      await m.insert(Participant, {
        id: participantId,
        memberId: id,
        applicationId,
        registrationWindowId: window.id,
        originalCohortId: cohort.id,
        cohortId: cohort.id,
        attemptKind: 'NEW' as never,
        status: 'REGISTERED' as never,
        registeredAt: new Date(now.getTime() + i * 1000),
        registrationDate: '2026-11-23',
        feePence: 50000,
        paymentPlan: 'SINGLE' as never,
        deadline: '2027-09-30',
      });
      await m.insert(PortfolioSection, [1, 2].map((position) => ({ participantId, key: `s${position}`, title: `Section ${position}`, position })));
      await m.insert(MembershipApplication, {
        reference: `MN-${String(i).padStart(6, '0')}`,
        givenName: 'A',
        familyName: 'B',
        email: `n1.app.${i}@example.org`,
        requestedGrade: 'MEMBER' as never,
        sector: 'FURTHER_EDUCATION' as never,
        codeVersionId: DEMO_CODE_VERSION_ID,
        hasUnspentConvictions: false,
        subjectOfProfessionalMisconductFinding: false,
        barredFromTeachingOrWorkingWithChildren: false,
        submittedAt: new Date(now.getTime() + i * 1000),
        status: 'SUBMITTED' as never,
        confirmedAt: now,
      });
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  async function statementsFor(query: string, first: number, path: (data: any) => unknown[], alias = 'admin'): Promise<number> {
    const { result, statements } = await countSql(() => t.gql(query, { first }, alias));
    expectNoErrors(result);
    expect(path(result.data)).toHaveLength(first);
    return statements.length;
  }

  const LISTS: [string, string, (d: any) => unknown[]][] = [
    ['members with codeAcceptances', `query ($first: Int) { members(first: $first) { nodes { id status fullName codeAcceptances { codeVersionId context } } } }`, (d) => d.members.nodes],
    [
      'participants with member, cohorts, sections, adjustments, access reports, extension requests and the ATS-22 readiness checklist',
      `query ($first: Int) { participants(first: $first) { nodes { id coolingOffEndsOn member { id codeAcceptances { codeVersionId } } cohort { id } originalCohort { id }
         sections { key } reasonableAdjustments { id } accessReports { id } extensionRequests { id } submissionReadiness { ready violations { rule condition } } } } }`,
      (d) => d.participants.nodes,
    ],
    ['membership applications', `query ($first: Int) { membershipApplications(first: $first) { nodes { id reference confirmedAt } } }`, (d) => d.membershipApplications.nodes],
    ['ATS applications', `query ($first: Int) { atsApplications(first: $first) { nodes { id isOverdue isResubmission } } }`, (d) => d.atsApplications.nodes],
    ['audit log', `query ($first: Int) { auditLog(first: $first) { nodes { id action } } }`, (d) => d.auditLog.nodes],
  ];

  it.each(LISTS)('%s: the same number of statements for 10 items as for 100', async (_name, query, path) => {
    const ten = await statementsFor(query, 10, path);
    const hundred = await statementsFor(query, 100, path);
    expect({ ten, hundred }).toEqual({ ten, hundred: ten });
    expect(ten).toBeLessThanOrEqual(15); // one statement per nested field at most (the ATS-22 checklist reads members, sections and balances: 3)
  });

  it('Member.codeAcceptances costs one statement for the whole page (was one per member)', async () => {
    const { statements } = await countSql(() => t.gql(`{ members(first: 100) { nodes { id codeAcceptances { codeVersionId } } } }`, {}, 'admin'));
    expect(statements.filter((s) => /code_acceptance/.test(s))).toHaveLength(1);
  });

  it('audits a staff read of members through Participant.member once per member and request, in one statement, however many aliases reach it (ATS-57)', async () => {
    const query = `query ($first: Int) { a: participants(first: $first) { nodes { member { id } } } b: participants(first: $first) { nodes { m1: member { id } m2: member { email } } } }`;
    const { result, statements } = await countSql(() => t.gql(query, { first: 10 }, 'membership-team'));
    expectNoErrors(result);
    const requestIds = await t.dataSource.query(`SELECT request_id, count(*)::int AS n, count(DISTINCT target_id)::int AS targets FROM audit_entry WHERE action = 'member.read' GROUP BY request_id ORDER BY max(occurred_at) DESC, request_id LIMIT 5`);
    const mine = requestIds.find((r: { n: number }) => r.n === 10);
    expect(mine).toEqual(expect.objectContaining({ n: 10, targets: 10 }));
    expect(statements.filter((s) => /INSERT INTO "audit_entry"/.test(s) && !/participant\.list/.test(s))).toHaveLength(3); // two participant.list reads, one batch of member reads
  });

  it('audits a nested member read exactly like the direct member(id) read, and once when both happen in one request', async () => {
    const res = await t.http().post('/graphql').set('authorization', `Bearer ${t.token('membership-team')}`).set('x-request-id', 'n1-audit-both').send({
      query: `query ($id: ID!) { participants(first: 1) { nodes { member { id } } } one: member(id: $id) { id } two: member(id: $id) { id } }`,
      variables: { id: (await t.dataSource.query(`SELECT member_id FROM participant ORDER BY registered_at, id LIMIT 1`))[0].member_id },
    });
    expect(res.body.errors).toBeUndefined();
    const rows = await t.dataSource.query(`SELECT action, target_type, target_id FROM audit_entry WHERE request_id = 'n1-audit-both' AND action = 'member.read'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'member.read', target_type: 'member' });
  });
});
