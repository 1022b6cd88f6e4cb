import { randomUUID } from 'node:crypto';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { Member } from '../../src/domain/membership/member.entity';
import { MemberGrade, MemberStatus, Sector } from '../../src/domain/membership/membership.enums';
import { Role } from '../../src/domain/shared/viewer';
import { ApiActors, type TestApp } from './harness';

/** Helpers to walk ATS participants through the API with real tokens (shared by the rules-* tests). */
export class Programme extends ApiActors {
  templateId = '';
  readonly approved: Record<string, string> = {};
  /** alias -> member id */
  readonly members: Record<string, string> = {};

  /** The year's set-up: a current template and an approved qualification on each list. */
  async setUp(templateDate: string): Promise<void> {
    this.templateId = (
      await this.ok(this.t.gql(`mutation($d: LocalDate!) { publishAtsApplicationTemplateVersion(input: { versionLabel: "T1", publishedOn: $d }) { id } }`, { d: templateDate }, 'membership-team'))
    ).publishAtsApplicationTemplateVersion.id;
    for (const list of ['ITT', 'ENGLISH', 'MATHS']) {
      this.approved[list] = (
        await this.ok(this.t.gql(`mutation($input: ApprovedQualificationInput!) { addApprovedQualification(input: $input) { id } }`, { input: { list, title: `Q ${list}`, awardingBody: 'AQA', level: '2' } }, 'membership-team'))
      ).addApprovedQualification.id;
    }
  }

  /** A fresh member (ACTIVE, MEMBER grade unless told) with a token; `extraRoles` makes a staff user who is also a member. */
  async newMember(alias: string, opts: { status?: MemberStatus; renewalDate?: string; grade?: MemberGrade; extraRoles?: Role[] } = {}): Promise<string> {
    const id = randomUUID();
    const now = this.t.app.services.clock.now();
    await this.t.dataSource.getRepository(Member).insert({
      id,
      membershipNumber: `R${Math.floor(Math.random() * 1e9).toString().padStart(9, '0')}`.slice(0, 12),
      givenName: alias,
      familyName: 'Rules',
      email: `${alias}-${id.slice(0, 8)}@example.org`,
      grade: opts.grade ?? MemberGrade.MEMBER,
      status: opts.status ?? MemberStatus.ACTIVE,
      joinedOn: '2020-01-01',
      renewalDate: opts.renewalDate ?? '2035-01-01',
      sector: Sector.FURTHER_EDUCATION,
      employerName: 'Riverside College',
      employerContactEmail: null,
      employerVerificationConsent: true,
      acceptedCodeVersionId: DEMO_CODE_VERSION_ID,
      createdAt: now,
      updatedAt: now,
    });
    this.members[alias] = id;
    this.tokens[alias] = this.t.token(id, [Role.MEMBER, ...(opts.extraRoles ?? [])]);
    return id;
  }

  /** Records qualifications and submits an application; returns its id (decide it with `decide`). */
  async apply(alias: string): Promise<string> {
    const existing = await this.ok(this.t.gql(`{ myQualifications(first: 100) { nodes { id } } }`, {}, this.as(alias)));
    const ids: string[] = existing.myQualifications.nodes.map((q: { id: string }) => q.id);
    if (ids.length === 0) {
      for (const list of ['ITT', 'ENGLISH', 'MATHS']) {
        const q = await this.ok(
          this.t.gql(
            `mutation($input: RecordQualificationInput!) { recordMyQualification(input: $input) { id } }`,
            { input: { approvedQualificationId: this.approved[list], certificateDate: '2019-07-01', grade: 'Pass', certificateReference: `${alias}-${list}`, declaresAuthentic: true } },
            this.as(alias),
          ),
        );
        ids.push(q.recordMyQualification.id);
      }
    }
    const app = await this.ok(
      this.t.gql(
        `mutation($input: SubmitAtsApplicationInput!) { submitAtsApplication(input: $input) { id } }`,
        { input: { templateVersionId: this.templateId, isRestart: false, eligibilityStatement: 'I meet the ATS eligibility criteria.', qualificationIds: ids } },
        this.as(alias),
      ),
    );
    return app.submitAtsApplication.id;
  }

  decideApplication(id: string, by = 'membership-team') {
    return this.t.gql(`mutation($id: ID!) { decideAtsApplication(id: $id, input: { outcome: SUCCESSFUL, reasons: "Meets every eligibility criterion." }) { status } }`, { id }, this.as(by));
  }

  async successfulApplication(alias: string): Promise<string> {
    const id = await this.apply(alias);
    await this.ok(this.decideApplication(id));
    return id;
  }

  async createCohort(name: string, issue: string, deadline: string, results: string, window?: [string, string]): Promise<{ id: string; windowId: string }> {
    const c = await this.ok(
      this.t.gql(
        `mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }`,
        { input: { name, portfolioIssueDate: issue, submissionDeadline: deadline, provisionalResultsDate: results } },
        'membership-team',
      ),
    );
    let windowId = '';
    if (window) {
      const w = await this.ok(
        this.t.gql(`mutation($input: CreateRegistrationWindowInput!) { createRegistrationWindow(input: $input) { id } }`, { input: { cohortId: c.createCohort.id, opensOn: window[0], closesOn: window[1] } }, 'membership-team'),
      );
      windowId = w.createRegistrationWindow.id;
    }
    return { id: c.createCohort.id, windowId };
  }

  register(alias: string, windowId: string, plan = 'SINGLE') {
    return this.t.gql(`mutation($input: RegisterForAtsInput!) { registerForAts(input: $input) { id status deadline } }`, { input: { registrationWindowId: windowId, paymentPlan: plan } }, this.as(alias));
  }

  async registered(alias: string, windowId: string): Promise<string> {
    return (await this.ok(this.register(alias, windowId))).registerForAts.id;
  }

  sweep() {
    return this.ok(this.t.gql(`mutation { runSweeps { name affected error } }`, {}, 'membership-team'));
  }

  participant(id: string, by: string) {
    return this.t.gql(
      `query($id: ID!) { participant(id: $id) { id status deadline withdrawalKind cohort { id } sections { key title } extensionRequests { id status newDeadline toCohortId } } }`,
      { id },
      this.as(by),
    );
  }

  requestExtension(participantId: string, alias: string, input: Record<string, unknown>) {
    return this.t.gql(`mutation($id: ID!, $input: ExtensionRequestInput!) { requestExtension(participantId: $id, input: $input) { id status lateWindowClosesOn } }`, { id: participantId, input }, this.as(alias));
  }

  decideExtension(requestId: string, grant: boolean, by = 'membership-team') {
    return this.t.gql(`mutation($id: ID!, $grant: Boolean!) { decideExtension(requestId: $id, grant: $grant, reasons: "Decided on the evidence given") { status newDeadline toCohortId } }`, { id: requestId, grant }, this.as(by));
  }
}

/**
 * For tests that insert a participant row directly (another area's tests): the rows its foreign keys need (a
 * registration window of the cohort and a successful application of the member), and the member's earlier open
 * participation closed, since a member has one participation in progress at a time (UQ_participant_one_open_per_member).
 */
export async function participantPrerequisites(
  t: TestApp,
  memberId: string,
  cohortId: string,
  registrationDate: string,
): Promise<{ applicationId: string; registrationWindowId: string }> {
  const ds = t.dataSource;
  // One fixture template version per database, shared by every fixture application: published_on is UNIQUE, and a new
  // row per call on a random date among 9,001 collided now and then (birthday odds: about 0.6% for a file with 11 calls).
  await ds.query(
    `INSERT INTO ats_application_template_version (version_label, published_on, created_at)
     VALUES ('fixture', DATE '2000-01-01', now()) ON CONFLICT DO NOTHING`,
  );
  const [template] = await ds.query(`SELECT id FROM ats_application_template_version WHERE version_label = 'fixture'`);
  if (!template) throw new Error('fixture template version missing: another version is published on 2000-01-01');
  const [window] = await ds.query(`INSERT INTO registration_window (cohort_id, opens_on, closes_on, created_at) VALUES ($1, $2::date, $2::date, now()) RETURNING id`, [cohortId, registrationDate]);
  const [application] = await ds.query(
    `INSERT INTO ats_application (reference, member_id, template_version_id, is_restart, eligibility_statement, qualification_ids, status,
                                  submitted_at, submitted_on, decision_due_on, decided_at, decided_by, decision_reasons, version)
     VALUES ('FX-' || substr(md5(random()::text), 1, 10), $1, $2, false, 'Fixture application', '{}', 'SUCCESSFUL',
             now(), $3::date - 30, $3::date + 26, now(), 'fixture', 'Fixture', 1) RETURNING id`,
    [memberId, template.id, registrationDate],
  );
  await ds.query(
    `UPDATE participant SET status = 'WITHDRAWN', withdrawn_at = now(), withdrawal_kind = 'PARTICIPANT_REQUEST'
      WHERE member_id = $1 AND status IN ('REGISTERED', 'PORTFOLIO_ISSUED', 'SUBMITTED')`,
    [memberId],
  );
  return { applicationId: application.id, registrationWindowId: window.id };
}
