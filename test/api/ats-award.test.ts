import { verifyPortfolioLink } from '../../src/domain/ats/award/award.rules';
import { addDays } from '../../src/domain/shared/dates';
import { AtsJourney } from '../support/ats-journey';
import { pdfText } from '../support/pdf-text';
import { createTestApp, errorCode, type TestApp } from '../support/harness';


/** Certificates (ATS-42, DEC-C1), verification, formal documents, portfolio download (ATS-53) and QTLS records. */
const PST = 'professional-status-team';
const CERT = `mutation($id: ID!) { requestMyCertificate(awardId: $id) { id verificationCode holderName membershipNumber title awardedOn pdfBase64 } }`;
const VERIFY = `query($code: String!) { verifyCertificate(code: $code) { genuine title current } }`;

describe('ATS certificates, portfolio download and QTLS (ATS-42, ATS-53, DEC-C1)', () => {
  let t: TestApp;
  let j: AtsJourney;
  let pid: string;
  let awardId: string;
  let certificate: { id: string; verificationCode: string; pdfBase64: string; membershipNumber: string };

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-04-10' });
    j = new AtsJourney(t);
    await j.setUp('2027-04-10');
    const cohort = await j.createCohort('2027-10', '2027-10-01', '2028-06-30', '2028-09-15', '2027-09-01', '2027-09-30');
    await j.newMember('holder', 'Siân', 'Ffrench-Jones');
    await j.newMember('other');
    await j.successfulApplication('holder');
    t.setToday('2027-09-15');
    pid = (await j.register('holder', cohort.windowId)).id;
    await j.payInFull(pid);
    t.setToday('2027-10-01');
    await j.sweep();
    t.setToday('2028-06-01');
    await j.completePortfolio('holder', pid);
    await j.submit('holder', pid);
    await j.ok(t.gql(`mutation($id: ID!) { recordAssessmentOutcome(participantId: $id, input: { outcome: PROVISIONALLY_AWARDED }) { id } }`, { id: pid }, PST));
    t.setToday('2028-09-15', 9);
    expect((await j.ok(t.gql(`mutation($id: ID!) { releaseCohortResults(cohortId: $id) }`, { id: cohort.id }, PST))).releaseCohortResults).toBe(1);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the portfolio download before the award, citing ATS-53', async () => {
    const res = await t.gql(`mutation($id: ID!) { portfolioDownloadLink(participantId: $id) { url } }`, { id: pid }, j.as('holder'));
    expect(res.errors![0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-53' });
  });

  it('lets one of two concurrent VIVA outcomes win; the other gets CONFLICT and changes nothing', async () => {
    const v = await j.ok(t.gql(`mutation($id: ID!) { scheduleViva(participantId: $id, input: { date: "2028-10-01", time: "10:00", meetingLink: "https://meet.example.org/h" }) { id } }`, { id: pid }, PST));
    t.setToday('2028-10-01', 12);
    const OUTCOME = `mutation($id: ID!, $input: VivaOutcomeInput!) { recordVivaOutcome(vivaId: $id, input: $input) { outcome } }`;
    const [a, b] = await Promise.all([
      t.gql(OUTCOME, { id: v.scheduleViva.id, input: { outcome: 'PASSED' } }, PST),
      t.gql(OUTCOME, { id: v.scheduleViva.id, input: { outcome: 'NOT_PASSED', reasons: 'Not enough' } }, 'admin'),
    ]);
    const codes = [a, b].map((r) => (r.errors ? errorCode(r) : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const p = (await j.ok(t.gql(`query($id: ID!) { participant(id: $id) { status award { id } } }`, { id: pid }, PST))).participant;
    // Whichever won, the participation is consistent with it (one outcome, one state).
    if (p.status === 'NOT_AWARDED') {
      // Give the holder the award path for the rest of this file (COP-7 appeal upheld: a new VIVA).
      await t.app.services.atsAward.award.allowNewViva({ subject: 'conduct', roles: ['CONDUCT_PANEL' as never] }, pid, 'Appeal upheld');
      const v2 = await j.ok(t.gql(`mutation($id: ID!) { scheduleViva(participantId: $id, input: { date: "2028-10-02", time: "10:00", meetingLink: "https://meet.example.org/h2" }) { id } }`, { id: pid }, PST));
      t.setToday('2028-10-02', 12);
      await j.ok(t.gql(OUTCOME, { id: v2.scheduleViva.id, input: { outcome: 'PASSED' } }, PST));
      // The clock stays on the award date: the rest of the file asks for the certificate, available from then (ATS-42).
    } else expect(p.status).toBe('AWARDED');
    awardId = (await j.ok(t.gql(`query($id: ID!) { participant(id: $id) { award { id } } }`, { id: pid }, PST))).participant.award.id;
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM professional_status WHERE participant_id = $1`, [pid])).toEqual([{ n: 1 }]);
  });

  it('makes the certificate once on request, showing name, number, title, award date and a code; asking again returns the same document', async () => {
    certificate = (await j.ok(t.gql(CERT, { id: awardId }, j.as('holder')))).requestMyCertificate;
    const pdf = Buffer.from(certificate.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Siân Ffrench-Jones');
    expect(text).toContain(certificate.membershipNumber);
    expect(text).toContain('Advanced Teacher Status (ATS)');
    expect(text).toContain(certificate.verificationCode);
    const again = (await j.ok(t.gql(CERT, { id: awardId }, j.as('holder')))).requestMyCertificate;
    expect(again.id).toBe(certificate.id);
    expect(again.verificationCode).toBe(certificate.verificationCode);
    expect(again.pdfBase64).toBe(certificate.pdfBase64);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM ats_certificate`)).toEqual([{ n: 1 }]);
  });

  it('answers for another member as for a missing award (ATS-57)', async () => {
    const res = await t.gql(CERT, { id: awardId }, j.as('other'));
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it('verifies the code publicly with no personal data, and refuses a forged one', async () => {
    const ok = await j.ok(t.gql(VERIFY, { code: certificate.verificationCode }, null));
    expect(ok.verifyCertificate).toEqual({ genuine: true, title: 'ATS', current: true });
    const lower = await j.ok(t.gql(VERIFY, { code: certificate.verificationCode.toLowerCase() }, null));
    expect(lower.verifyCertificate.genuine).toBe(true);
    const forged = certificate.verificationCode.slice(0, -1) + (certificate.verificationCode.endsWith('A') ? 'B' : 'A');
    expect((await j.ok(t.gql(VERIFY, { code: forged }, null))).verifyCertificate).toEqual({ genuine: false, title: null, current: null });
    expect((await j.ok(t.gql(VERIFY, { code: "' OR 1=1 --" }, null))).verifyCertificate.genuine).toBe(false);
  });

  it('reports the status as not current once the holder opts out (the register listing rule)', async () => {
    await j.ok(t.gql(`mutation { setMyRegisterOptOut(optOut: true) { id } }`, {}, j.as('holder')));
    expect((await j.ok(t.gql(VERIFY, { code: certificate.verificationCode }, null))).verifyCertificate).toEqual({ genuine: true, title: 'ATS', current: false });
    await j.ok(t.gql(`mutation { setMyRegisterOptOut(optOut: false) { id } }`, {}, j.as('holder')));
  });

  it('gives the holder a short-lived signed portfolio link once awarded (ATS-53)', async () => {
    const link = (await j.ok(t.gql(`mutation($id: ID!) { portfolioDownloadLink(participantId: $id) { url expiresAt } }`, { id: pid }, j.as('holder')))).portfolioDownloadLink;
    expect(link.url).toMatch(/^https:\/\/eportfolio\.example\.org\/export\?participant=/);
    const now = t.app.services.clock.now();
    expect(new Date(link.expiresAt).getTime() - now.getTime()).toBe(600_000);
    expect(verifyPortfolioLink(link.url, t.config.ats.portfolioLinkSecret!, now)).toBe(true);
    expect(verifyPortfolioLink(link.url, t.config.ats.portfolioLinkSecret!, new Date(now.getTime() + 600_000))).toBe(false);
    expect(errorCode(await t.gql(`mutation($id: ID!) { portfolioDownloadLink(participantId: $id) { url } }`, { id: pid }, j.as('other')))).toBe('NOT_FOUND');
  });

  it('lists awards whose formal documents are not sent within 56 days, until staff record them (ATS-42)', async () => {
    const overdue = async () => (await j.ok(t.gql(`{ formalDocumentsOverdue { nodes { id formalDocumentsDueOn } } }`, {}, 'membership-team'))).formalDocumentsOverdue.nodes;
    const due = (await j.ok(t.gql(`query($id: ID!) { participant(id: $id) { award { formalDocumentsDueOn awardedOn } } }`, { id: pid }, PST))).participant.award;
    t.setToday(due.formalDocumentsDueOn);
    expect(await overdue()).toEqual([]);
    t.setToday(addDays(due.formalDocumentsDueOn, 1));
    expect(await overdue()).toEqual([{ id: awardId, formalDocumentsDueOn: due.formalDocumentsDueOn }]);
    await j.ok(t.gql(`mutation($id: ID!, $on: LocalDate!) { recordFormalDocumentsSent(awardId: $id, sentOn: $on) { formalDocumentsSentOn } }`, { id: awardId, on: addDays(due.formalDocumentsDueOn, 1) }, 'membership-team'));
    expect(await overdue()).toEqual([]);
  });

  it('records a QTLS award so the member holds both titles, each listed while a current member', async () => {
    const rec = await j.ok(t.gql(`mutation($id: ID!) { recordQtlsAward(memberId: $id, awardedOn: "2020-07-01") { title reaccreditationDueOn listedOnRegister dormant } }`, { id: j.memberIds.holder }, PST));
    expect(rec.recordQtlsAward).toEqual({ title: 'QTLS', reaccreditationDueOn: null, listedOnRegister: true, dormant: false });
    expect(errorCode(await t.gql(`mutation($id: ID!) { recordQtlsAward(memberId: $id, awardedOn: "2020-07-01") { title } }`, { id: j.memberIds.holder }, PST))).toBe('CONFLICT');
    expect(errorCode(await t.gql(`mutation($id: ID!) { recordQtlsAward(memberId: $id, awardedOn: "2020-07-01") { title } }`, { id: j.memberIds.other }, j.as('holder')))).toBe('FORBIDDEN');
    const titles = (await j.ok(t.gql(`{ myProfessionalStatuses { title listedOnRegister } }`, {}, j.as('holder')))).myProfessionalStatuses;
    expect(titles).toEqual([
      { title: 'ATS', listedOnRegister: true },
      { title: 'QTLS', listedOnRegister: true },
    ]);
    const out = await j.ok(t.gql(`mutation { setMyRegisterOptOut(optOut: true) { title registerOptOut } }`, {}, j.as('holder')));
    expect(out.setMyRegisterOptOut.every((s: { registerOptOut: boolean }) => s.registerOptOut)).toBe(true);
  });

  it('gives the holder a dashboard with statuses, the award, results and the certificate', async () => {
    const d = (await j.ok(t.gql(`{ myDashboard { member { id } currentParticipation { status } releasedResults { outcome } viva { outcome } statuses { title } awards { id } certificates { verificationCode } balance { outstandingPence } submissionBlockers { rule } } }`, {}, j.as('holder')))).myDashboard;
    expect(d).toMatchObject({
      currentParticipation: { status: 'AWARDED' },
      releasedResults: [{ outcome: 'PROVISIONALLY_AWARDED' }],
      statuses: [{ title: 'ATS' }, { title: 'QTLS' }],
      awards: [{ id: awardId }],
      certificates: [{ verificationCode: certificate.verificationCode }],
      balance: { outstandingPence: 0 },
      submissionBlockers: [],
    });
  });
});
