import { randomUUID } from 'node:crypto';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { Member } from '../../src/domain/membership/member.entity';
import { Participant } from '../../src/domain/ats/programme/participant.entity';
import { ProfessionalStatus } from '../../src/domain/register/professional-status.entity';
import { StatusTitle } from '../../src/domain/register/register.enums';
import { Role } from '../../src/domain/shared/viewer';
import {
  caseFile,
  caseWithPanel,
  decideCase,
  holdStatus,
  listedOnRegister,
  newMember,
  ok,
  reportCase,
  seat,
  staffId,
} from '../support/conduct-fixtures';
import { createTestApp, errorCode, type GraphQLResponse, type TestApp } from '../support/harness';

/**
 * Misconduct cases from report to each sanction (ATS-54..56, COP-4, COP-6, DEC-G1, DEC-G2), with every effect checked:
 * the register listing condition, registration, submission, renewal, and a suspension that ends by itself.
 * One timeline: the tests run in order and move the clock forwards.
 */
describe('Conduct cases and sanctions (ATS-54..56, COP-6)', () => {
  let t: TestApp;
  let templateId: string;
  const approved: Record<string, string> = {};
  let windowId: string;
  let subject: { id: string; token: string };
  let pm: { id: string; token: string }[];
  let participantId: string;
  const conductStaff = staffId('conduct-panel');

  const rules = (r: GraphQLResponse) => (r.errors?.[0]?.extensions.violations ?? []).map((v: { condition: string }) => v.condition);
  const member = async (id: string) => t.dataSource.getRepository(Member).findOneByOrFail({ id });
  const statusRow = async (memberId: string, title: StatusTitle) => t.dataSource.getRepository(ProfessionalStatus).findOneByOrFail({ memberId, title });
  const memberStatus = async (id: string) => (await ok(t.gql(`query($id: ID!) { member(id: $id) { status } }`, { id }, 'membership-team'))).member.status;
  const register = (token: string) => t.gql(`mutation($input: RegisterForAtsInput!) { registerForAts(input: $input) { id status } }`, { input: { registrationWindowId: windowId, paymentPlan: 'SINGLE' } }, token);
  const submit = (token: string) => t.gql(`mutation($id: ID!) { submitPortfolio(participantId: $id) { status } }`, { id: participantId }, token);
  const lift = (sanctionId: string, by = 'conduct-panel') => t.gql(`mutation($id: ID!) { liftConductSanction(sanctionId: $id, reason: "Conditions met early; the panel lifts it.") { id state effects { targetType restoreOutcome } } }`, { id: sanctionId }, by);

  async function successfulApplication(token: string): Promise<void> {
    const ids: string[] = [];
    for (const list of ['ITT', 'ENGLISH', 'MATHS']) {
      const q = await ok(
        t.gql(
          `mutation($input: RecordQualificationInput!) { recordMyQualification(input: $input) { id } }`,
          { input: { approvedQualificationId: approved[list], certificateDate: '2019-07-01', grade: 'Pass', certificateReference: `${randomUUID().slice(0, 8)}-${list}`, declaresAuthentic: true } },
          token,
        ),
      );
      ids.push(q.recordMyQualification.id);
    }
    const app = await ok(
      t.gql(
        `mutation($input: SubmitAtsApplicationInput!) { submitAtsApplication(input: $input) { id } }`,
        { input: { templateVersionId: templateId, isRestart: false, eligibilityStatement: 'I meet the ATS eligibility criteria.', qualificationIds: ids } },
        token,
      ),
    );
    await ok(t.gql(`mutation($id: ID!) { decideAtsApplication(id: $id, input: { outcome: SUCCESSFUL, reasons: "Meets every eligibility criterion." }) { status } }`, { id: app.submitAtsApplication.id }, 'membership-team'));
  }

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-04-10' });
    templateId = (await ok(t.gql(`mutation { publishAtsApplicationTemplateVersion(input: { versionLabel: "2027.1", publishedOn: "2027-04-10" }) { id } }`, {}, 'membership-team'))).publishAtsApplicationTemplateVersion.id;
    for (const [list, title] of [
      ['ITT', 'Certificate in Education'],
      ['ENGLISH', 'GCSE English Language'],
      ['MATHS', 'GCSE Mathematics'],
    ]) {
      approved[list] = (await ok(t.gql(`mutation($input: ApprovedQualificationInput!) { addApprovedQualification(input: $input) { id } }`, { input: { list, title, awardingBody: 'AQA', level: '2' } }, 'membership-team')))
        .addApprovedQualification.id;
    }
    const c = await ok(
      t.gql(`mutation($input: CreateCohortInput!) { createCohort(input: $input) { id } }`, { input: { name: '2027-10', portfolioIssueDate: '2027-10-01', submissionDeadline: '2028-06-30', provisionalResultsDate: '2028-09-15' } }, 'membership-team'),
    );
    windowId = (await ok(t.gql(`mutation($input: CreateRegistrationWindowInput!) { createRegistrationWindow(input: $input) { id } }`, { input: { cohortId: c.createCohort.id, opensOn: '2027-09-01', closesOn: '2027-09-30' } }, 'membership-team')))
      .createRegistrationWindow.id;
    subject = await newMember(t, 'subject');
    pm = [];
    for (const n of ['pm1', 'pm2', 'pm3', 'pm4']) pm.push(await newMember(t, n));
    await successfulApplication(subject.token);
    await holdStatus(t, subject.id, StatusTitle.ATS, '2026-06-01', '2029-06-01');
    await holdStatus(t, subject.id, StatusTitle.QTLS, '2020-01-01', null);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('a case from report to decision (ATS-54, ATS-55, COP-4)', () => {
    let caseId: string;

    it('records a report with its ATS-54 category, the reporter, and REPORTED state', async () => {
      t.setToday('2027-09-05');
      caseId = await reportCase(t, subject.id, { category: 'UNDECLARED_AI_CONTENT' });
      const file = await caseFile(t, caseId);
      expect(file.conductCase).toMatchObject({ status: 'REPORTED', category: 'UNDECLARED_AI_CONTENT', origin: 'STAFF_REPORT', reportedBy: staffId('professional-status-team') });
    });

    it('refuses deciding a case that has no panel, with CONFLICT and rule COP-6', async () => {
      const res = await decideCase(t, caseId, [{ kind: 'WARNING' }]);
      expect([errorCode(res), res.errors![0].extensions.rule]).toEqual(['CONFLICT', 'COP-6']);
    });

    it('records dated investigation notes and ATS-55 contacts with external bodies', async () => {
      await ok(t.gql(`mutation($id: ID!) { startConductInvestigation(id: $id) { status } }`, { id: caseId }, 'conduct-panel'));
      await ok(t.gql(`mutation($id: ID!) { addConductCaseNote(id: $id, notedOn: "2027-09-04", note: "Interviewed the participant.") { id } }`, { id: caseId }, 'conduct-panel'));
      await ok(
        t.gql(
          `mutation($id: ID!, $input: ExternalContactInput!) { recordConductExternalContact(id: $id, input: $input) { id } }`,
          { id: caseId, input: { contactedOn: '2027-09-05', bodyKind: 'AWARDING_ORGANISATION', bodyName: 'AQA', purpose: 'Verify the certificate the participant relied on.' } },
          'conduct-panel',
        ),
      );
      const future = await t.gql(`mutation($id: ID!) { addConductCaseNote(id: $id, notedOn: "2027-09-06", note: "Tomorrow") { id } }`, { id: caseId }, 'conduct-panel');
      expect(errorCode(future)).toBe('BAD_USER_INPUT');
      const file = await caseFile(t, caseId);
      expect(file.notes).toEqual([{ notedOn: '2027-09-04', note: 'Interviewed the participant.' }]);
      expect(file.externalContacts).toEqual([{ contactedOn: '2027-09-05', bodyKind: 'AWARDING_ORGANISATION', bodyName: 'AQA', purpose: 'Verify the certificate the participant relied on.' }]);
    });

    it('refuses a panel with no SET member on it (COP-4)', async () => {
      const res = await t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneConductPanel(id: $id, seats: $seats) { status } }`, { id: caseId, seats: [seat(conductStaff, 'staff')] }, 'conduct-panel');
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(rules(res)).toEqual(['PANEL_WITHOUT_MEMBER']);
    });

    it('refuses a panel with the subject, the reporter or someone who declared a conflict on it (DEC-G1)', async () => {
      await ok(t.gql(`mutation($id: ID!, $p: ID!) { declareConductConflict(id: $id, personId: $p, note: "Line manager of the subject") { id } }`, { id: caseId, p: pm[1].id }, 'conduct-panel'));
      const res = await t.gql(
        `mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneConductPanel(id: $id, seats: $seats) { status } }`,
        { id: caseId, seats: [seat(pm[0].id), seat(subject.id), seat(staffId('professional-status-team'), 'staff'), seat(pm[1].id)] },
        'conduct-panel',
      );
      expect(res.errors![0].extensions.rule).toBe('DEC-G1');
      expect(rules(res)).toEqual(['PANEL_INCLUDES_SUBJECT', 'PANEL_INCLUDES_REPORTER', 'PANEL_MEMBER_CONFLICTED']);
      expect((await caseFile(t, caseId)).conductCase.status).toBe('UNDER_INVESTIGATION');
    });

    it('records a valid panel, and refuses the subject (holding a panel role) deciding their own case (DEC-G1)', async () => {
      await ok(t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneConductPanel(id: $id, seats: $seats) { status } }`, { id: caseId, seats: [seat(pm[0].id), seat(conductStaff, 'staff')] }, 'conduct-panel'));
      const subjectAsPanel = t.token(subject.id, [Role.MEMBER, Role.CONDUCT_PANEL]);
      const asSubject = await decideCase(t, caseId, [{ kind: 'WARNING' }], subjectAsPanel);
      expect([errorCode(asSubject), asSubject.errors![0].extensions.rule]).toEqual(['FORBIDDEN', 'DEC-G1']);
      // Nor may they read their own file (reporter, notes) or find it in the panel's list.
      const file = await t.gql(`query($id: ID!) { conductCaseFile(id: $id) { conductCase { reportedBy } } }`, { id: caseId }, subjectAsPanel);
      expect([errorCode(file), file.errors![0].extensions.rule]).toEqual(['FORBIDDEN', 'DEC-G1']);
      expect((await ok(t.gql(`{ conductCases { nodes { id } } }`, {}, subjectAsPanel))).conductCases.nodes).toEqual([]);
      const conflicted = await decideCase(t, caseId, [{ kind: 'WARNING' }], t.token(pm[1].id, [Role.CONDUCT_PANEL]));
      expect(rules(conflicted)).toEqual(['DECIDER_CONFLICTED']);
    });

    it('decides with reasons: a warning changes nothing else, and the subject is told the decision', async () => {
      const data = await ok(decideCase(t, caseId, [{ kind: 'WARNING' }]));
      expect(data.decideConductCase).toMatchObject({ status: 'DECIDED', outcome: 'MISCONDUCT_FOUND' });
      const file = await caseFile(t, caseId);
      expect(file.sanctions).toEqual([expect.objectContaining({ kind: 'WARNING', state: 'IN_EFFECT', effects: [] })]);
      expect(await memberStatus(subject.id)).toBe('ACTIVE');
      const [mail] = await t.dataSource.query(`SELECT body FROM notification WHERE template = 'CONDUCT_CASE_DECIDED' AND recipient_member_id = $1`, [subject.id]);
      expect(mail.body).toContain('The panel found the allegation proven');
      expect(mail.body).not.toContain(staffId('professional-status-team'));
    });

    it('refuses a second decision on the same case (DECIDED → DECIDED)', async () => {
      expect(errorCode(await decideCase(t, caseId, [{ kind: 'WARNING' }]))).toBe('CONFLICT');
    });

    it('refuses a reporter deciding the case they reported (DEC-G1)', async () => {
      const reporter = t.token(randomUUID(), [Role.CONDUCT_PANEL]);
      const reporterSubject = JSON.parse(Buffer.from(reporter.split('.')[1], 'base64url').toString()).sub as string;
      const id = await caseWithPanel(t, subject.id, [seat(pm[0].id)], { reporter });
      const res = await decideCase(t, id, [{ kind: 'WARNING' }], reporter);
      expect(rules(res)).toEqual(['DECIDER_IS_REPORTER']);
      expect((await caseFile(t, id)).conductCase.reportedBy).toBe(reporterSubject);
      await ok(t.gql(`mutation($id: ID!) { decideConductCase(id: $id, input: { outcome: NO_MISCONDUCT_FOUND, reasons: "The evidence does not support it.", sanctions: [] }) { status } }`, { id }, 'conduct-panel'));
    });
  });

  describe('membership suspension until a date (COP-6, DEC-G2)', () => {
    let renewer: { id: string; token: string };

    it('suspends the membership in the decision transaction: registration is refused', async () => {
      const id = await caseWithPanel(t, subject.id, [seat(pm[0].id)]);
      await ok(decideCase(t, id, [{ kind: 'MEMBERSHIP_SUSPENSION', endsOn: '2027-09-10' }]));
      expect(await memberStatus(subject.id)).toBe('SUSPENDED');
      expect(await member(subject.id)).toMatchObject({ status: 'SUSPENDED', suspensionEndsOn: '2027-09-10' });
      const res = await register(subject.token);
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(rules(res)).toContain('ACTIVE_MEMBERSHIP');
    });

    it('refuses renewing while suspended, with COP-6', async () => {
      renewer = await newMember(t, 'renewer', '2027-10-15');
      const id = await caseWithPanel(t, renewer.id, [seat(pm[0].id)]);
      await ok(decideCase(t, id, [{ kind: 'MEMBERSHIP_SUSPENSION', endsOn: '2027-09-10' }]));
      t.setToday('2027-09-09');
      const res = await t.gql(`mutation($id: ID!, $code: ID!) { renewMembership(memberId: $id, acceptedCodeVersionId: $code) { status } }`, { id: renewer.id, code: DEMO_CODE_VERSION_ID }, renewer.token);
      expect([errorCode(res), res.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'COP-6']);
      expect(errorCode(await register(subject.token))).toBe('RULE_VIOLATION');
    });

    it('ends by itself on its end date: the member is ACTIVE, may register and renew, with nobody acting (DEC-G2)', async () => {
      t.setToday('2027-09-10');
      expect(await memberStatus(subject.id)).toBe('ACTIVE');
      const reg = await ok(register(subject.token));
      participantId = reg.registerForAts.id;
      expect(reg.registerForAts.status).toBe('REGISTERED');
      const renewed = await ok(t.gql(`mutation($id: ID!, $code: ID!) { renewMembership(memberId: $id, acceptedCodeVersionId: $code) { status renewalDate } }`, { id: renewer.id, code: DEMO_CODE_VERSION_ID }, renewer.token));
      expect(renewed.renewMembership).toEqual({ status: 'ACTIVE', renewalDate: '2028-10-15' });
      const mine = await ok(t.gql(`{ myConductCases { reference status sanctions { kind endsOn state endedByDate } } }`, {}, subject.token));
      expect(mine.myConductCases.flatMap((c: { sanctions: unknown[] }) => c.sanctions)).toContainEqual({ kind: 'MEMBERSHIP_SUSPENSION', endsOn: '2027-09-10', state: 'IN_EFFECT', endedByDate: true });
    });

    it('refuses lifting a suspension that has already ended by date (DEC-G2)', async () => {
      const cases = await ok(t.gql(`query($m: ID!) { conductCases(subjectMemberId: $m, status: DECIDED) { nodes { id } } }`, { m: renewer.id }, 'conduct-panel'));
      const file = await caseFile(t, cases.conductCases.nodes[0].id);
      const res = await lift(file.sanctions[0].id);
      expect([errorCode(res), res.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'DEC-G2']);
    });
  });

  describe('open-ended suspensions of membership and of a status, lifted early (ATS-56, COP-6)', () => {
    let caseId: string;

    it('prepares a portfolio that is ready for submission', async () => {
      t.setToday('2027-10-01');
      await ok(t.gql(`mutation { runSweeps { name affected } }`, {}, 'membership-team'));
      const p = (await ok(t.gql(`query($id: ID!) { participant(id: $id) { id status sections { key } } }`, { id: participantId }, subject.token))).participant;
      expect(p.status).toBe('PORTFOLIO_ISSUED');
      for (const s of p.sections) {
        await ok(t.gql(`mutation($id: ID!, $key: String!) { setPortfolioSectionComplete(participantId: $id, sectionKey: $key, complete: true) { completedAt } }`, { id: p.id, key: s.key }, subject.token));
      }
      await ok(t.gql(`mutation($id: ID!) { recordSupportingStatement(participantId: $id) { id } }`, { id: p.id }, subject.token));
      await ok(t.gql(`mutation($id: ID!) { recordPortfolioSharedWithSet(participantId: $id) { id } }`, { id: p.id }, subject.token));
      const b = (await ok(t.gql(`query($id: ID!) { participantBalance(participantId: $id) { items { id amountPence status } } }`, { id: p.id }, 'finance'))).participantBalance;
      for (const item of b.items) {
        await ok(
          t.gql(`mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, { input: { participantId: p.id, amountPence: item.amountPence, channel: 'PHONE', idempotencyKey: randomUUID(), providerReference: `ref-${item.id}` } }, 'finance'),
        );
      }
      expect((await ok(t.gql(`query($id: ID!) { participant(id: $id) { submissionReadiness { ready } } }`, { id: p.id }, subject.token))).participant.submissionReadiness.ready).toBe(true);
    });

    it('suspends membership and the ATS status at once: submission refused, ATS off the register on the next request, QTLS untouched', async () => {
      expect(await listedOnRegister(t, subject.id, StatusTitle.ATS)).toBe(true);
      caseId = await caseWithPanel(t, subject.id, [seat(pm[0].id), seat(pm[2].id)], { participantId });
      await ok(decideCase(t, caseId, [{ kind: 'MEMBERSHIP_SUSPENSION' }, { kind: 'STATUS_SUSPENSION', statusTitle: 'ATS' }]));
      const res = await submit(subject.token);
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(rules(res)).toEqual(['MEMBERSHIP_NOT_ACTIVE']);
      expect(await statusRow(subject.id, StatusTitle.ATS)).toMatchObject({ suspendedOn: '2027-10-01', suspensionEndsOn: null, removedOn: null });
      expect(await listedOnRegister(t, subject.id, StatusTitle.ATS)).toBe(false);
      expect(await statusRow(subject.id, StatusTitle.QTLS)).toMatchObject({ suspendedOn: null, removedOn: null });
    });

    it('records exactly what each sanction changed (before and after)', async () => {
      const file = await caseFile(t, caseId);
      const [membership, status] = file.sanctions;
      // The stored row still said SUSPENDED until 2027-09-10 (ended by date, DEC-G2): that is what is recorded and restored.
      expect(JSON.parse(membership.effects[0].beforeJson)).toEqual({ status: 'SUSPENDED', suspensionEndsOn: '2027-09-10' });
      expect(JSON.parse(membership.effects[0].afterJson)).toEqual({ status: 'SUSPENDED', suspensionEndsOn: null });
      expect(JSON.parse(status.effects[0].beforeJson)).toEqual({ suspendedOn: null, suspensionEndsOn: null });
    });

    it('lifting the membership suspension restores the membership and leaves the status suspension in place', async () => {
      const file = await caseFile(t, caseId);
      const lifted = await ok(lift(file.sanctions[0].id));
      expect(lifted.liftConductSanction).toMatchObject({ state: 'LIFTED', effects: [{ targetType: 'member', restoreOutcome: 'RESTORED' }] });
      expect(await member(subject.id)).toMatchObject({ status: 'SUSPENDED', suspensionEndsOn: '2027-09-10' });
      expect(await memberStatus(subject.id)).toBe('ACTIVE');
      expect(await listedOnRegister(t, subject.id, StatusTitle.ATS)).toBe(false);
      expect(errorCode(await lift(file.sanctions[0].id))).toBe('RULE_VIOLATION');
    });

    it('lifting the status suspension puts ATS back on the register, and submission is accepted', async () => {
      const file = await caseFile(t, caseId);
      await ok(lift(file.sanctions[1].id));
      expect(await statusRow(subject.id, StatusTitle.ATS)).toMatchObject({ suspendedOn: null, suspensionEndsOn: null });
      expect(await listedOnRegister(t, subject.id, StatusTitle.ATS)).toBe(true);
      expect((await ok(submit(subject.token))).submitPortfolio.status).toBe('SUBMITTED');
    });

    it('lifts only what the sanction took: a suspension superseded by a later expulsion is not undone', async () => {
      const double = await newMember(t, 'double');
      const first = await caseWithPanel(t, double.id, [seat(pm[0].id)]);
      await ok(decideCase(t, first, [{ kind: 'MEMBERSHIP_SUSPENSION' }]));
      const second = await caseWithPanel(t, double.id, [seat(pm[2].id)]);
      await ok(decideCase(t, second, [{ kind: 'EXPULSION' }]));
      const file = await caseFile(t, first);
      const res = await ok(lift(file.sanctions[0].id));
      expect(res.liftConductSanction.effects).toEqual([{ targetType: 'member', restoreOutcome: 'SUPERSEDED' }]);
      expect((await member(double.id)).status).toBe('EXPELLED');
    });
  });

  describe('expulsion, status removal and programme withdrawal, overturned on appeal (ATS-56, COP-3, COP-6)', () => {
    let caseId: string;
    let appealId: string;

    it('expels, removes QTLS and withdraws the participant (kind CONDUCT) in the decision transaction', async () => {
      t.setToday('2027-10-05');
      caseId = await caseWithPanel(t, subject.id, [seat(pm[0].id), seat(conductStaff, 'staff')], { participantId, reporter: 'membership-team' });
      expect((await caseFile(t, caseId)).conductCase.origin).toBe('PROGRAMME');
      await ok(decideCase(t, caseId, [{ kind: 'EXPULSION' }, { kind: 'STATUS_REMOVAL', statusTitle: 'QTLS' }, { kind: 'PROGRAMME_WITHDRAWAL' }]));
      expect(await memberStatus(subject.id)).toBe('EXPELLED');
      expect(await statusRow(subject.id, StatusTitle.QTLS)).toMatchObject({ removedOn: '2027-10-05' });
      expect(await listedOnRegister(t, subject.id, StatusTitle.QTLS)).toBe(false);
      expect(await t.dataSource.getRepository(Participant).findOneByOrFail({ id: participantId })).toMatchObject({ status: 'WITHDRAWN', withdrawalKind: 'CONDUCT' });
    });

    it('lets the subject appeal their own case; another member gets NOT_FOUND', async () => {
      const other = await newMember(t, 'other');
      const refused = await t.gql(`mutation($id: ID!) { lodgeConductAppeal(caseId: $id, grounds: "It was not me at all.") { id } }`, { id: caseId }, other.token);
      expect(errorCode(refused)).toBe('NOT_FOUND');
      const data = await ok(t.gql(`mutation($id: ID!) { lodgeConductAppeal(caseId: $id, grounds: "The similarity report matched my own earlier published work.") { id status } }`, { id: caseId }, subject.token));
      appealId = data.lodgeConductAppeal.id;
      expect(data.lodgeConductAppeal.status).toBe('LODGED');
      expect((await caseFile(t, caseId)).conductCase.status).toBe('UNDER_APPEAL');
    });

    it('refuses an appeal panel that shares anyone with the original panel (COP-3)', async () => {
      const res = await t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneAppealPanel(appealId: $id, seats: $seats) { status } }`, { id: appealId, seats: [seat(pm[0].id), seat(pm[3].id)] }, 'conduct-panel');
      expect([errorCode(res), res.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'COP-3']);
      await ok(t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneAppealPanel(appealId: $id, seats: $seats) { status } }`, { id: appealId, seats: [seat(pm[2].id), seat(pm[3].id)] }, 'conduct-panel'));
    });

    it('refuses the original decider deciding the appeal (COP-3)', async () => {
      const res = await t.gql(`mutation($id: ID!) { decideConductAppeal(appealId: $id, input: { outcome: UPHELD, reasons: "The work was the member's own." }) { status } }`, { id: appealId }, 'conduct-panel');
      expect(res.errors![0].extensions.violations!.map((v) => v.condition)).toEqual(['DECIDER_NOT_INDEPENDENT']);
    });

    it('an upheld appeal restores the membership, the QTLS status and the participation in the same transaction', async () => {
      const data = await ok(t.gql(`mutation($id: ID!) { decideConductAppeal(appealId: $id, input: { outcome: UPHELD, reasons: "The work was the member's own." }) { status outcome } }`, { id: appealId }, 'admin'));
      expect(data.decideConductAppeal).toEqual({ status: 'DECIDED', outcome: 'UPHELD' });
      expect(await memberStatus(subject.id)).toBe('ACTIVE');
      expect(await statusRow(subject.id, StatusTitle.QTLS)).toMatchObject({ removedOn: null });
      expect(await listedOnRegister(t, subject.id, StatusTitle.QTLS)).toBe(true);
      expect(await t.dataSource.getRepository(Participant).findOneByOrFail({ id: participantId })).toMatchObject({ status: 'SUBMITTED', withdrawalKind: null, withdrawnAt: null });
      const file = await caseFile(t, caseId);
      expect(file.conductCase.status).toBe('APPEAL_DECIDED');
      expect(file.sanctions.map((s: { state: string }) => s.state)).toEqual(['OVERTURNED', 'OVERTURNED', 'OVERTURNED']);
      expect(file.sanctions.flatMap((s: { effects: { restoreOutcome: string }[] }) => s.effects.map((e) => e.restoreOutcome))).toEqual(['RESTORED', 'RESTORED', 'RESTORED']);
    });

    it('the subject sees the appeal outcome and reasons', async () => {
      const mine = await ok(t.gql(`{ myConductCases { id status appeal { status outcome reasons } } }`, {}, subject.token));
      expect(mine.myConductCases.find((c: { id: string }) => c.id === caseId)).toMatchObject({ status: 'APPEAL_DECIDED', appeal: { status: 'DECIDED', outcome: 'UPHELD', reasons: "The work was the member's own." } });
    });
  });

  describe('a sanction varied on appeal (COP-6)', () => {
    it('replaces removal of ATS with a suspension until a date, which then ends by itself', async () => {
      const caseId = await caseWithPanel(t, subject.id, [seat(pm[0].id)]);
      await ok(decideCase(t, caseId, [{ kind: 'STATUS_REMOVAL', statusTitle: 'ATS' }]));
      expect(await statusRow(subject.id, StatusTitle.ATS)).toMatchObject({ removedOn: '2027-10-05' });
      const appeal = await ok(t.gql(`mutation($id: ID!) { lodgeConductAppeal(caseId: $id, grounds: "Removal is disproportionate to a first offence.") { id } }`, { id: caseId }, subject.token));
      const appealId = appeal.lodgeConductAppeal.id;
      await ok(t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneAppealPanel(appealId: $id, seats: $seats) { status } }`, { id: appealId, seats: [seat(pm[2].id)] }, 'conduct-panel'));
      const bad = await t.gql(`mutation($id: ID!) { decideConductAppeal(appealId: $id, input: { outcome: SANCTION_VARIED, reasons: "A suspension is proportionate.", sanctions: [] }) { status } }`, { id: appealId }, 'admin');
      expect(rules(bad)).toEqual(['SANCTION_REQUIRED']);
      await ok(
        t.gql(
          `mutation($id: ID!) { decideConductAppeal(appealId: $id, input: { outcome: SANCTION_VARIED, reasons: "A suspension is proportionate.", sanctions: [{ kind: STATUS_SUSPENSION, statusTitle: ATS, endsOn: "2027-11-01" }] }) { status outcome } }`,
          { id: appealId },
          'admin',
        ),
      );
      expect(await statusRow(subject.id, StatusTitle.ATS)).toMatchObject({ removedOn: null, suspendedOn: '2027-10-05', suspensionEndsOn: '2027-11-01' });
      expect(await listedOnRegister(t, subject.id, StatusTitle.ATS)).toBe(false);
      const file = await caseFile(t, caseId);
      expect(file.sanctions.map((s: { kind: string; state: string }) => [s.kind, s.state])).toEqual([
        ['STATUS_REMOVAL', 'VARIED'],
        ['STATUS_SUSPENSION', 'IN_EFFECT'],
      ]);
      t.setToday('2027-10-31');
      expect(await listedOnRegister(t, subject.id, StatusTitle.ATS)).toBe(false);
      t.setToday('2027-11-01');
      expect(await listedOnRegister(t, subject.id, StatusTitle.ATS)).toBe(true);
    });
  });

  describe('two panel members deciding at once', () => {
    it('lets exactly one decision win; the other gets CONFLICT (row lock held from a second connection)', async () => {
      const witness = await newMember(t, 'witness');
      const caseId = await caseWithPanel(t, witness.id, [seat(pm[0].id)]);
      const holder = t.dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`SELECT id FROM conduct_case WHERE id = $1 FOR UPDATE`, [caseId]);
      const first = decideCase(t, caseId, [{ kind: 'WARNING' }], 'conduct-panel');
      const second = decideCase(t, caseId, [{ kind: 'MEMBERSHIP_SUSPENSION' }], 'admin');
      // Wait until both requests are queued on the held row lock, then release it.
      for (let i = 0; i < 200; i++) {
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (n >= 2) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await holder.commitTransaction();
      await holder.release();
      const results = await Promise.all([first, second]);
      const codes = results.map((r) => errorCode(r) ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const file = await caseFile(t, caseId);
      expect(file.sanctions).toHaveLength(1);
      // The loser changed nothing: a WARNING leaves the member ACTIVE; a suspension was applied exactly once if it won.
      const winnerSuspended = file.sanctions[0].kind === 'MEMBERSHIP_SUSPENSION';
      expect((await member(witness.id)).status).toBe(winnerSuspended ? 'SUSPENDED' : 'ACTIVE');
    });
  });

  describe('refused sanctions change nothing', () => {
    it('refuses an unknown status title as bad input and a status the member does not hold with ATS-56', async () => {
      const m = await newMember(t, 'nostatus');
      const id = await caseWithPanel(t, m.id, [seat(pm[0].id)]);
      const unknown = await decideCase(t, id, [{ kind: 'STATUS_REMOVAL', statusTitle: 'PHD' }]);
      expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
      const notHeld = await decideCase(t, id, [{ kind: 'MEMBERSHIP_SUSPENSION' }, { kind: 'STATUS_SUSPENSION', statusTitle: 'QTLS' }]);
      expect([errorCode(notHeld), notHeld.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'ATS-56']);
      // The membership suspension listed first was rolled back with the refusal.
      expect((await member(m.id)).status).toBe('ACTIVE');
      const file = await caseFile(t, id);
      expect([file.conductCase.status, file.sanctions]).toEqual(['PANEL_CONVENED', []]);
      expect(errorCode(await t.gql(`query { conductCaseFile(id: "not-an-id") { conductCase { id } } }`, {}, 'conduct-panel'))).toBe('BAD_USER_INPUT');
    });
  });

  describe('visibility (ATS-57)', () => {
    it('the subject sees status, decision and reasons but the subject type has no reporter, evidence or notes fields', async () => {
      const mine = await ok(t.gql(`{ myConductCases { reference category status outcome decisionReasons decidedOn sanctions { kind state } } }`, {}, subject.token));
      expect(mine.myConductCases.length).toBeGreaterThan(3);
      const leak = await t.gql(`{ myConductCases { reportedBy } }`, {}, subject.token);
      expect(errorCode(leak)).toBe('GRAPHQL_VALIDATION_FAILED');
      const leakNotes = await t.gql(`{ myConductCases { notes { note } evidenceNotes } }`, {}, subject.token);
      expect(errorCode(leakNotes)).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('another member sees none of it', async () => {
      const mine = await ok(t.gql(`{ myConductCases { id } }`, {}, pm[0].token));
      expect(mine.myConductCases).toEqual([]);
    });

    it.each(['member', 'membership-team', 'professional-status-team', 'finance'])('refuses the case file and list to %s', async (who) => {
      const cases = await ok(t.gql(`query($m: ID!) { conductCases(subjectMemberId: $m, first: 1) { nodes { id } } }`, { m: subject.id }, 'conduct-panel'));
      const id = cases.conductCases.nodes[0].id;
      expect(errorCode(await t.gql(`query($id: ID!) { conductCaseFile(id: $id) { conductCase { id } } }`, { id }, who))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(`{ conductCases { nodes { id } } }`, {}, who))).toBe('FORBIDDEN');
    });

    it('audits every read and change of a case', async () => {
      const actions: { action: string }[] = await t.dataSource.query(`SELECT DISTINCT action FROM audit_entry WHERE action LIKE 'conduct%'`);
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'conductCase.report',
          'conductCase.startInvestigation',
          'conductCase.addNote',
          'conductCase.recordExternalContact',
          'conductCase.declareConflict',
          'conductCase.convenePanel',
          'conductCase.decide',
          'conductSanction.lift',
          'conductCase.read',
          'conductCase.list',
          'conductCase.readOwn',
          'conductAppeal.lodge',
          'conductAppeal.convenePanel',
          'conductAppeal.decide',
        ]),
      );
    });
  });
});
