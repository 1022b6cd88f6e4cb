import { randomUUID } from 'node:crypto';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { DEMO_STAFF } from '../../src/db/demo-identities';
import { Member } from '../../src/domain/membership/member.entity';
import { MemberGrade, MemberStatus, Sector } from '../../src/domain/membership/membership.enums';
import { isCurrentMember } from '../../src/domain/membership/membership.rules';
import { ProfessionalStatus } from '../../src/domain/register/professional-status.entity';
import { StatusTitle } from '../../src/domain/register/register.enums';
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
