import { randomUUID } from 'node:crypto';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { Member } from '../../src/domain/membership/member.entity';
import { MemberGrade, MemberStatus, Sector } from '../../src/domain/membership/membership.enums';
import { Role } from '../../src/domain/shared/viewer';
import { ApiActors } from './harness';

/**
 * Walks members through the first half of the ATS programme (ATS-1..22) through the API, so tests of results, VIVA,
 * award and restart start from a submitted portfolio. Fees are paid the way finance records them: the plan is
 * EMPLOYER_INVOICE and FINANCE records the BACS transfer (no card payment declared by anyone, DEC-P4).
 */
export class AtsJourney extends ApiActors {
  readonly memberIds: Record<string, string> = {};
  private approved: Record<string, string> = {};
  private templateId = '';

  /** Once, on a day between 1 April and 31 August (ATS-5): a template version and approved qualifications. */
  async setUp(today: string): Promise<void> {
    this.templateId = (
      await this.ok(this.t.gql(`mutation($on: LocalDate!) { publishAtsApplicationTemplateVersion(input: { versionLabel: "j-${today}", publishedOn: $on }) { id } }`, { on: today }, 'membership-team'))
    ).publishAtsApplicationTemplateVersion.id;
    for (const [list, title] of [
      ['ITT', 'Certificate in Education'],
      ['ENGLISH', 'GCSE English Language'],
      ['MATHS', 'GCSE Mathematics'],
    ]) {
      this.approved[list] = (
        await this.ok(this.t.gql(`mutation($input: ApprovedQualificationInput!) { addApprovedQualification(input: $input) { id } }`, { input: { list, title, awardingBody: 'AQA', level: '2' } }, 'membership-team'))
      ).addApprovedQualification.id;
    }
  }

  /** A fresh ACTIVE member at MEMBER grade, paid up to 2045, with a token. */
  async newMember(alias: string, givenName = alias, familyName = 'Tester'): Promise<string> {
    const id = randomUUID();
    const now = this.t.app.services.clock.now();
    await this.t.dataSource.getRepository(Member).insert({
      id,
      membershipNumber: `SETJ${Math.floor(Math.random() * 1e7).toString().padStart(7, '0')}`.slice(0, 12),
      givenName,
      familyName,
      email: `${alias}-${id.slice(0, 6)}@example.org`,
      grade: MemberGrade.MEMBER,
      status: MemberStatus.ACTIVE,
      joinedOn: '2026-01-01',
      renewalDate: '2045-01-01',
      sector: Sector.FURTHER_EDUCATION,
      employerName: 'Riverside College',
      employerContactEmail: null,
      employerVerificationConsent: true,
      acceptedCodeVersionId: DEMO_CODE_VERSION_ID,
      createdAt: now,
      updatedAt: now,
    });
    this.tokens[alias] = this.t.token(id, [Role.MEMBER]);
    this.memberIds[alias] = id;
    return id;
  }

  /** Qualifications (first time) and a successful application (ATS-2..8); `isRestart` flags a restart (ATS-4, ATS-46). */
  async successfulApplication(alias: string, isRestart = false): Promise<string> {
    let ids: string[] = (await this.ok(this.t.gql(`{ myQualifications { nodes { id } } }`, {}, this.as(alias)))).myQualifications.nodes.map((q: { id: string }) => q.id);
    if (ids.length === 0) {
      for (const list of ['ITT', 'ENGLISH', 'MATHS']) {
        const q = await this.ok(
          this.t.gql(
            `mutation($input: RecordQualificationInput!) { recordMyQualification(input: $input) { id } }`,
            { input: { approvedQualificationId: this.approved[list], certificateDate: '2019-07-01', grade: 'Pass', certificateReference: `${alias}-${list}`, declaresAuthentic: true } },
            this.as(alias),
          ),
        );
        ids = [...ids, q.recordMyQualification.id];
      }
    }
    const app = await this.ok(
      this.t.gql(
        `mutation($input: SubmitAtsApplicationInput!) { submitAtsApplication(input: $input) { id } }`,
        { input: { templateVersionId: this.templateId, isRestart, eligibilityStatement: 'I meet the ATS eligibility criteria.', qualificationIds: ids } },
        this.as(alias),
      ),
    );
    await this.ok(
      this.t.gql(`mutation($id: ID!) { decideAtsApplication(id: $id, input: { outcome: SUCCESSFUL, reasons: "Meets every eligibility criterion." }) { status } }`, { id: app.submitAtsApplication.id }, 'membership-team'),
    );
    return app.submitAtsApplication.id;
  }

  async createCohort(name: string, issue: string, deadline: string, results: string, opens: string, closes: string): Promise<{ id: string; windowId: string }> {
    const c = await this.ok(
      this.t.gql(`mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }`, { input: { name, portfolioIssueDate: issue, submissionDeadline: deadline, provisionalResultsDate: results } }, 'membership-team'),
    );
    const w = await this.ok(
      this.t.gql(`mutation($input: CreateRegistrationWindowInput!) { createRegistrationWindow(input: $input) { id } }`, { input: { cohortId: c.createCohort.id, opensOn: opens, closesOn: closes } }, 'membership-team'),
    );
    return { id: c.createCohort.id, windowId: w.createRegistrationWindow.id };
  }

  /** Registers through an open window on the employer-invoice plan; returns the participation. */
  async register(alias: string, windowId: string): Promise<{ id: string; attemptKind: string; feePence: number; coolingOffEndsOn: string | null }> {
    const data = await this.ok(
      this.t.gql(`mutation($input: RegisterForAtsInput!) { registerForAts(input: $input) { id attemptKind feePence coolingOffEndsOn } }`, { input: { registrationWindowId: windowId, paymentPlan: 'EMPLOYER_INVOICE' } }, this.as(alias)),
    );
    return data.registerForAts;
  }

  /** FINANCE records the employer's BACS transfer for everything outstanding. */
  async payInFull(participantId: string): Promise<void> {
    const b = (await this.ok(this.t.gql(`query($id: ID!) { participantBalance(participantId: $id) { items { id kind amountPence status } } }`, { id: participantId }, 'finance'))).participantBalance;
    for (const item of b.items.filter((i: { status: string }) => i.status === 'PENDING')) {
      await this.ok(
        this.t.gql(
          `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
          { input: { participantId, amountPence: item.amountPence, channel: 'BACS', idempotencyKey: randomUUID(), providerReference: `bacs-${item.id}` } },
          'finance',
        ),
      );
    }
  }

  /** After the portfolio is issued: every section complete, supporting statement, shared with SET (ATS-22). */
  async completePortfolio(alias: string, participantId: string): Promise<void> {
    const p = (await this.ok(this.t.gql(`query($id: ID!) { participant(id: $id) { sections { key } } }`, { id: participantId }, this.as(alias)))).participant;
    for (const s of p.sections) {
      await this.ok(this.t.gql(`mutation($id: ID!, $key: String!) { setPortfolioSectionComplete(participantId: $id, sectionKey: $key, complete: true) { completedAt } }`, { id: participantId, key: s.key }, this.as(alias)));
    }
    await this.ok(this.t.gql(`mutation($id: ID!) { recordSupportingStatement(participantId: $id) { id } }`, { id: participantId }, this.as(alias)));
    await this.ok(this.t.gql(`mutation($id: ID!) { recordPortfolioSharedWithSet(participantId: $id) { id } }`, { id: participantId }, this.as(alias)));
  }

  async submit(alias: string, participantId: string): Promise<void> {
    await this.ok(this.t.gql(`mutation($id: ID!) { submitPortfolio(participantId: $id) { status } }`, { id: participantId }, this.as(alias)));
  }

  async sweep(): Promise<Record<string, number>> {
    const data = await this.ok(this.t.gql(`mutation { runSweeps { name affected } }`, {}, 'membership-team'));
    return Object.fromEntries(data.runSweeps.map((s: { name: string; affected: number }) => [s.name, s.affected]));
  }

  async outbox(template: string, alias: string): Promise<{ subject: string; body: string; rule: string }[]> {
    const data = await this.ok(
      this.t.gql(`query($filter: NotificationFilterInput) { notifications(filter: $filter, first: 100) { nodes { template subject body rule } } }`, { filter: { template, recipientMemberId: this.memberIds[alias] } }, 'membership-team'),
    );
    return data.notifications.nodes;
  }
}
