import { randomUUID } from 'node:crypto';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { DEMO_STAFF } from '../../src/db/demo-identities';
import { Member } from '../../src/domain/membership/member.entity';
import { MemberGrade, MemberStatus, Sector } from '../../src/domain/membership/membership.enums';
import { isCurrentMember } from '../../src/domain/membership/membership.rules';
import { ProfessionalStatus } from '../../src/domain/register/professional-status.entity';
import { type StatusTitle } from '../../src/domain/register/register.enums';
import { londonToday } from '../../src/domain/shared/dates';
import { Role } from '../../src/domain/shared/viewer';
import { expectNoErrors, type GraphQLResponse, type TestApp } from './harness';

export const staffId = (alias: (typeof DEMO_STAFF)[number]['alias']) => DEMO_STAFF.find((s) => s.alias === alias)!.id;

export async function ok(res: Promise<GraphQLResponse>): Promise<Record<string, any>> {
  const r = await res;
  expectNoErrors(r);
  return r.data!;
}

/** A fresh ACTIVE member (grade MEMBER) with a member token. */
export async function newMember(t: TestApp, name: string, renewalDate = '2030-01-01'): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const now = t.app.services.clock.now();
  await t.dataSource.getRepository(Member).insert({
    id,
    membershipNumber: `C${Math.floor(Math.random() * 1e10).toString().padStart(10, '0')}`,
    givenName: name,
    familyName: 'Conduct',
    email: `${name}-${id.slice(0, 8)}@example.org`,
    grade: MemberGrade.MEMBER,
    status: MemberStatus.ACTIVE,
    joinedOn: '2020-01-01',
    renewalDate,
    suspensionEndsOn: null,
    sector: Sector.FURTHER_EDUCATION,
    employerName: 'Riverside College',
    employerContactEmail: null,
    employerVerificationConsent: true,
    acceptedCodeVersionId: DEMO_CODE_VERSION_ID,
    createdAt: now,
    updatedAt: now,
  });
  return { id, token: t.token(id, [Role.MEMBER]) };
}

/** A professional status row as the award (ats2) or staff (QTLS) would have written it. */
export async function holdStatus(t: TestApp, memberId: string, title: StatusTitle, awardedOn: string, reaccreditationDueOn: string | null): Promise<string> {
  const now = t.app.services.clock.now();
  const row = await t.dataSource.getRepository(ProfessionalStatus).save({
    memberId,
    title,
    awardedOn,
    reaccreditationDueOn,
    participantId: null,
    suspendedOn: null,
    suspensionEndsOn: null,
    removedOn: null,
    registerOptOut: false,
    createdAt: now,
    updatedAt: now,
  });
  return row.id;
}

/**
 * Whether the member's status is listed on the public register today, by the exact condition in the doc comment of
 * src/domain/register/professional-status.entity.ts (the register query itself is built on another branch).
 */
export async function listedOnRegister(t: TestApp, memberId: string, title: StatusTitle): Promise<boolean> {
  const today = londonToday(t.app.services.clock);
  const [row] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM professional_status
      WHERE member_id = $1 AND title = $2
        AND removed_on IS NULL
        AND NOT (suspended_on IS NOT NULL AND suspended_on <= $3 AND (suspension_ends_on IS NULL OR $3 < suspension_ends_on))
        AND (reaccreditation_due_on IS NULL OR $3 <= reaccreditation_due_on)
        AND NOT register_opt_out`,
    [memberId, title, today],
  );
  const member = await t.dataSource.getRepository(Member).findOneByOrFail({ id: memberId });
  return row.n === 1 && isCurrentMember(member, today);
}

export const CASE_FIELDS = 'id reference status outcome decisionReasons reportedBy subjectMemberId participantId origin category';

export async function reportCase(t: TestApp, subjectMemberId: string, opts: { participantId?: string; reporter?: string; category?: string } = {}): Promise<string> {
  const data = await ok(
    t.gql(
      `mutation($input: ReportConductCaseInput!) { reportConductCase(input: $input) { id status } }`,
      { input: { subjectMemberId, participantId: opts.participantId ?? null, category: opts.category ?? 'PLAGIARISM', description: 'Large parts of the portfolio match a published source.', evidenceNotes: 'Similarity report attached to the file.' } },
      opts.reporter ?? 'professional-status-team',
    ),
  );
  return data.reportConductCase.id;
}

export const seat = (id: string, kind: 'member' | 'staff' = 'member') => (kind === 'member' ? { memberId: id } : { staffUserId: id });

export async function caseWithPanel(t: TestApp, subjectMemberId: string, panel: { memberId?: string; staffUserId?: string }[], opts: { participantId?: string; reporter?: string } = {}): Promise<string> {
  const id = await reportCase(t, subjectMemberId, opts);
  await ok(t.gql(`mutation($id: ID!) { startConductInvestigation(id: $id) { status } }`, { id }, 'conduct-panel'));
  await ok(t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneConductPanel(id: $id, seats: $seats) { status } }`, { id, seats: panel }, 'conduct-panel'));
  return id;
}

export const DECIDE_CASE = `mutation($id: ID!, $input: ConductDecisionInput!) { decideConductCase(id: $id, input: $input) { ${CASE_FIELDS} } }`;

export function decideCase(t: TestApp, id: string, sanctions: Record<string, unknown>[], by = 'conduct-panel', outcome = 'MISCONDUCT_FOUND') {
  return t.gql(DECIDE_CASE, { id, input: { outcome, reasons: 'The panel found the allegation proven on the evidence.', sanctions } }, by);
}

export async function caseFile(t: TestApp, id: string): Promise<Record<string, any>> {
  return (
    await ok(
      t.gql(
        `query($id: ID!) { conductCaseFile(id: $id) { conductCase { ${CASE_FIELDS} } notes { notedOn note } externalContacts { contactedOn bodyKind bodyName purpose }
          conflicts { personId } panel { purpose seats { memberId staffUserId } }
          sanctions { id kind state endsOn endedByDate professionalStatusId participantId effects { targetType targetId beforeJson afterJson restoreOutcome } }
          appeal { id status outcome } } }`,
        { id },
        'conduct-panel',
      ),
    )
  ).conductCaseFile;
}

/** The ATS set-up a participation needs: template, approved qualifications, a cohort with a window open on `opensOn`. */
export async function setUpAts(t: TestApp, opensOn: string, closesOn: string, issueOn: string): Promise<{ templateId: string; approved: Record<string, string>; windowId: string }> {
  const templateId = (await ok(t.gql(`mutation($d: LocalDate!) { publishAtsApplicationTemplateVersion(input: { versionLabel: "2027.1", publishedOn: $d }) { id } }`, { d: londonToday(t.app.services.clock) }, 'membership-team')))
    .publishAtsApplicationTemplateVersion.id;
  const approved: Record<string, string> = {};
  for (const [list, title] of [
    ['ITT', 'Certificate in Education'],
    ['ENGLISH', 'GCSE English Language'],
    ['MATHS', 'GCSE Mathematics'],
  ]) {
    approved[list] = (await ok(t.gql(`mutation($input: ApprovedQualificationInput!) { addApprovedQualification(input: $input) { id } }`, { input: { list, title, awardingBody: 'AQA', level: '2' } }, 'membership-team')))
      .addApprovedQualification.id;
  }
  const c = await ok(
    t.gql(`mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }`, { input: { name: 'Conduct cohort', portfolioIssueDate: issueOn, submissionDeadline: '2028-06-30', provisionalResultsDate: '2028-09-15' } }, 'membership-team'),
  );
  const windowId = (await ok(t.gql(`mutation($input: CreateRegistrationWindowInput!) { createRegistrationWindow(input: $input) { id } }`, { input: { cohortId: c.createCohort.id, opensOn, closesOn } }, 'membership-team')))
    .createRegistrationWindow.id;
  return { templateId, approved, windowId };
}

/** A successful ATS application and a registration into the window: returns the participant id. */
export async function registerParticipant(t: TestApp, ats: { templateId: string; approved: Record<string, string>; windowId: string }, token: string): Promise<string> {
  const ids: string[] = [];
  for (const list of ['ITT', 'ENGLISH', 'MATHS']) {
    const q = await ok(
      t.gql(
        `mutation($input: RecordQualificationInput!) { recordMyQualification(input: $input) { id } }`,
        { input: { approvedQualificationId: ats.approved[list], certificateDate: '2019-07-01', grade: 'Pass', certificateReference: `${randomUUID().slice(0, 8)}-${list}`, declaresAuthentic: true } },
        token,
      ),
    );
    ids.push(q.recordMyQualification.id);
  }
  const app = await ok(
    t.gql(`mutation($input: SubmitAtsApplicationInput!) { submitAtsApplication(input: $input) { id } }`, { input: { templateVersionId: ats.templateId, isRestart: false, eligibilityStatement: 'I meet the ATS eligibility criteria.', qualificationIds: ids } }, token),
  );
  await ok(t.gql(`mutation($id: ID!) { decideAtsApplication(id: $id, input: { outcome: SUCCESSFUL, reasons: "Meets every eligibility criterion." }) { status } }`, { id: app.submitAtsApplication.id }, 'membership-team'));
  const reg = await ok(t.gql(`mutation($input: RegisterForAtsInput!) { registerForAts(input: $input) { id } }`, { input: { registrationWindowId: ats.windowId, paymentPlan: 'SINGLE' } }, token));
  return reg.registerForAts.id;
}
