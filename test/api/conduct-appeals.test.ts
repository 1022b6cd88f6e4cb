import type { AwardAppealEffects } from '../../src/domain/conduct/award-appeal.ports';
import { Role } from '../../src/domain/shared/viewer';
import { caseWithPanel, decideCase, newMember, ok, registerParticipant, seat, setUpAts } from '../support/conduct-fixtures';
import { createTestApp, errorCode, type TestApp } from '../support/harness';

/** COP-7 award appeals through the AwardAppealEffects port, and the conduct appeal rules (COP-3, COP-6). */
describe('Appeals (COP-3, COP-6, COP-7)', () => {
  let t: TestApp;
  let ats: Awaited<ReturnType<typeof setUpAts>>;
  let participant: { id: string; token: string; participantId: string };
  let appealId: string;

  const AA = 'id reference status outcome reasons remedy remedyAppliedBy decisionAppealed participantId';
  const lodge = (participantId: string, decision: string, token: string) =>
    t.gql(`mutation($p: ID!, $d: AppealedAwardDecision!) { lodgeAwardAppeal(participantId: $p, decision: $d, grounds: "The VIVA panel did not consider my evidence.") { ${AA} } }`, { p: participantId, d: decision }, token);
  const review = (id: string, by = 'conduct-panel') => t.gql(`mutation($id: ID!) { startAwardAppealReview(id: $id, notes: "Recording and panel notes reviewed.") { ${AA} } }`, { id }, by);
  const decide = (id: string, outcome: string, remedy: string | null, by = 'conduct-panel') =>
    t.gql(`mutation($id: ID!, $o: AwardAppealOutcome!, $r: AwardAppealRemedy) { decideAwardAppeal(id: $id, outcome: $o, reasons: "The evidence was not weighed.", remedy: $r) { ${AA} } }`, { id, o: outcome, r: remedy }, by);
  const port = () => (t.app.services.conduct.awardAppeals as unknown as { effects: AwardAppealEffects }).effects;

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-08-20' });
    ats = await setUpAts(t, '2027-08-15', '2027-09-30', '2027-10-01');
    const m = await newMember(t, 'appellant');
    participant = { ...m, participantId: await registerParticipant(t, ats, m.token) };
  });
  afterAll(async () => {
    await t.close();
  });

  describe('award appeals (COP-7)', () => {
    it('refuses an appeal against a decision the participant never received (RULE_VIOLATION, COP-7)', async () => {
      // Still REGISTERED: no VIVA was failed and no resubmission failed.
      for (const decision of ['NOT_AWARDED_AFTER_VIVA', 'RESUBMISSION_FAILED']) {
        const res = await lodge(participant.participantId, decision, participant.token);
        expect([errorCode(res), res.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'COP-7']);
      }
      expect(await t.dataSource.query(`SELECT id FROM award_appeal WHERE participant_id = $1`, [participant.participantId])).toEqual([]);
    });

    it('lets the participant appeal a final VIVA not passed, once per decision', async () => {
      // The decision appealed: a final VIVA not passed (DEC-V1) leaves the participant NOT_AWARDED.
      await t.dataSource.query(`UPDATE participant SET status = 'NOT_AWARDED' WHERE id = $1`, [participant.participantId]);
      const wrong = await lodge(participant.participantId, 'RESUBMISSION_FAILED', participant.token);
      expect([errorCode(wrong), wrong.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'COP-7']);
      const data = await ok(lodge(participant.participantId, 'NOT_AWARDED_AFTER_VIVA', participant.token));
      appealId = data.lodgeAwardAppeal.id;
      expect(data.lodgeAwardAppeal).toMatchObject({ status: 'LODGED', decisionAppealed: 'NOT_AWARDED_AFTER_VIVA', participantId: participant.participantId });
      expect(errorCode(await lodge(participant.participantId, 'NOT_AWARDED_AFTER_VIVA', participant.token))).toBe('CONFLICT');
    });

    it('answers another member with NOT_FOUND, as for a participation that does not exist', async () => {
      const other = await newMember(t, 'nosy');
      expect(errorCode(await lodge(participant.participantId, 'RESUBMISSION_FAILED', other.token))).toBe('NOT_FOUND');
      expect(errorCode(await lodge('00000000-0000-4000-8000-00000000ffff', 'RESUBMISSION_FAILED', other.token))).toBe('NOT_FOUND');
    });

    it('refuses deciding before the review (CONFLICT, COP-7) and the appellant reviewing their own appeal (DEC-G1)', async () => {
      const early = await decide(appealId, 'UPHELD', null);
      expect([errorCode(early), early.errors![0].extensions.rule]).toEqual(['CONFLICT', 'COP-7']);
      const own = await review(appealId, t.token(participant.id, [Role.MEMBER, Role.CONDUCT_PANEL]));
      expect([errorCode(own), own.errors![0].extensions.rule]).toEqual(['FORBIDDEN', 'DEC-G1']);
    });

    it('rolls the whole decision back when the port fails (one transaction)', async () => {
      await ok(review(appealId));
      const spy = jest.spyOn(port(), 'proceedToAward').mockRejectedValueOnce(new Error('award area unavailable'));
      const res = await decide(appealId, 'UPHELD', 'PROCEED_TO_AWARD');
      expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
      spy.mockRestore();
      const list = await ok(t.gql(`{ awardAppeals { nodes { id status outcome remedy } } }`, {}, 'conduct-panel'));
      expect(list.awardAppeals.nodes).toEqual([{ id: appealId, status: 'UNDER_REVIEW', outcome: null, remedy: null }]);
    });

    it('an upheld appeal lets the participant proceed to the award, through the port, and tells them', async () => {
      // The decision appealed: a final VIVA not passed (DEC-V1).
      await t.dataSource.query(`UPDATE participant SET status = 'NOT_AWARDED' WHERE id = $1`, [participant.participantId]);
      const spy = jest.spyOn(port(), 'proceedToAward');
      const data = await ok(decide(appealId, 'UPHELD', 'PROCEED_TO_AWARD'));
      expect(data.decideAwardAppeal).toMatchObject({ status: 'DECIDED', outcome: 'UPHELD', remedy: 'PROCEED_TO_AWARD', remedyAppliedBy: 'ATS_AWARD_AREA' });
      // The ATS award area carried it out in the same transaction: awarded, with the status row the register reads (ATS-40, ATS-41).
      expect(await t.dataSource.query(`SELECT status FROM participant WHERE id = $1`, [participant.participantId])).toEqual([{ status: 'AWARDED' }]);
      expect(await t.dataSource.query(`SELECT title FROM professional_status WHERE participant_id = $1`, [participant.participantId])).toEqual([{ title: 'ATS' }]);
      expect(spy).toHaveBeenCalledWith(participant.participantId, expect.anything(), expect.objectContaining({ appealId }));
      spy.mockRestore();
      const mine = await ok(t.gql(`{ myAwardAppeals { id status outcome remedy } }`, {}, participant.token));
      expect(mine.myAwardAppeals).toEqual([{ id: appealId, status: 'DECIDED', outcome: 'UPHELD', remedy: 'PROCEED_TO_AWARD' }]);
      const [mail] = await t.dataSource.query(`SELECT body FROM notification WHERE template = 'AWARD_APPEAL_DECIDED' AND recipient_member_id = $1`, [participant.id]);
      expect(mail.body).toContain('proceed to the award');
    });

    it('an upheld appeal against a failed resubmission allows a new VIVA (never the award directly)', async () => {
      // The decision appealed: a resubmission that still failed (ATS-33).
      const m2 = await newMember(t, 'resubmitter');
      const other = { ...m2, participantId: await registerParticipant(t, ats, m2.token) };
      await t.dataSource.query(`UPDATE participant SET status = 'RESTART_REQUIRED' WHERE id = $1`, [other.participantId]);
      // RESTART_REQUIRED alone (a first submission, or no resubmission by the deadline, ATS-32) is not a failed resubmission.
      const noResubmission = await lodge(other.participantId, 'RESUBMISSION_FAILED', other.token);
      expect([errorCode(noResubmission), noResubmission.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'COP-7']);
      // How the results area records a failed resubmission (ATS-33): the RESUBMISSION round's outcome, released at once.
      await t.dataSource.query(
        `INSERT INTO ats_outcome (participant_id, round, outcome, feedback, recorded_at, recorded_by, released_at) VALUES ($1, 'RESUBMISSION', 'RESTART_REQUIRED', 'Still significant areas for development.', now(), 'assessor', now())`,
        [other.participantId],
      );
      const viva = await lodge(other.participantId, 'NOT_AWARDED_AFTER_VIVA', other.token);
      expect([errorCode(viva), viva.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'COP-7']);
      const id = (await ok(lodge(other.participantId, 'RESUBMISSION_FAILED', other.token))).lodgeAwardAppeal.id;
      await ok(review(id));
      expect(errorCode(await decide(id, 'UPHELD', 'PROCEED_TO_AWARD'))).toBe('BAD_USER_INPUT');
      const spy = jest.spyOn(port(), 'allowNewViva');
      const data = await ok(decide(id, 'UPHELD', null));
      expect(data.decideAwardAppeal.remedy).toBe('NEW_VIVA');
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockRestore();
      // The portfolio passes on appeal: provisionally awarded, so a VIVA can be scheduled (ATS-37).
      expect(await t.dataSource.query(`SELECT status FROM participant WHERE id = $1`, [other.participantId])).toEqual([{ status: 'PROVISIONALLY_AWARDED' }]);
      expect(errorCode(await decide(id, 'NOT_UPHELD', null))).toBe('CONFLICT');
    });

    it('keeps award appeals from other members and from staff outside the conduct panel', async () => {
      const other = await newMember(t, 'bystander');
      expect((await ok(t.gql(`{ myAwardAppeals { id } }`, {}, other.token))).myAwardAppeals).toEqual([]);
      for (const who of ['finance', 'membership-team', 'professional-status-team', 'member']) {
        expect(errorCode(await t.gql(`{ awardAppeals { nodes { id } } }`, {}, who))).toBe('FORBIDDEN');
      }
    });
  });

  describe('conduct appeals (COP-6)', () => {
    it('a programme withdrawal cancels a pending extension request, and an upheld appeal gives both back exactly', async () => {
      const m = await newMember(t, 'withdrawn');
      const participantId = await registerParticipant(t, ats, m.token);
      const request = await ok(
        t.gql(`mutation($id: ID!, $input: ExtensionRequestInput!) { requestExtension(participantId: $id, input: $input) { id status } }`, { id: participantId, input: { reason: 'EMPLOYMENT_CHANGE', evidenceNotes: 'New post from January.' } }, m.token),
      );
      const [pm1, pm2] = [await newMember(t, 'wpm1'), await newMember(t, 'wpm2')];
      const id = await caseWithPanel(t, m.id, [seat(pm1.id)], { participantId });
      await ok(decideCase(t, id, [{ kind: 'PROGRAMME_WITHDRAWAL' }]));
      const participant = `query($id: ID!) { participant(id: $id) { status withdrawalKind extensionRequests { id status } } }`;
      expect((await ok(t.gql(participant, { id: participantId }, 'membership-team'))).participant).toEqual({
        status: 'WITHDRAWN',
        withdrawalKind: 'CONDUCT',
        extensionRequests: [{ id: request.requestExtension.id, status: 'CANCELLED' }],
      });
      const appeal = (await ok(t.gql(`mutation($id: ID!) { lodgeConductAppeal(caseId: $id, grounds: "The allegation concerns someone else.") { id } }`, { id }, m.token))).lodgeConductAppeal.id;
      await ok(t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneAppealPanel(appealId: $id, seats: $seats) { status } }`, { id: appeal, seats: [seat(pm2.id)] }, 'admin'));
      await ok(t.gql(`mutation($id: ID!) { decideConductAppeal(appealId: $id, input: { outcome: UPHELD, reasons: "Mistaken identity, plainly." }) { status } }`, { id: appeal }, 'admin'));
      expect((await ok(t.gql(participant, { id: participantId }, 'membership-team'))).participant).toEqual({
        status: 'REGISTERED',
        withdrawalKind: null,
        extensionRequests: [{ id: request.requestExtension.id, status: 'REQUESTED' }],
      });
    });

    it('a suspension that ended by date is stored as LAPSED by the lapse sweep once the renewal date passes (DEC-G2, DEC-M1)', async () => {
      const m = await newMember(t, 'lapsing', '2027-08-25');
      const pm = await newMember(t, 'lpm');
      const id = await caseWithPanel(t, m.id, [seat(pm.id)]);
      await ok(decideCase(t, id, [{ kind: 'MEMBERSHIP_SUSPENSION', endsOn: '2027-08-22' }]));
      t.setToday('2027-08-26');
      expect((await ok(t.gql(`query($id: ID!) { member(id: $id) { status } }`, { id: m.id }, 'membership-team'))).member.status).toBe('LAPSED');
      await ok(t.gql(`mutation { runSweeps { name affected } }`, {}, 'admin'));
      const [row] = await t.dataSource.query(`SELECT status, suspension_ends_on FROM member WHERE id = $1`, [m.id]);
      expect(row).toEqual({ status: 'LAPSED', suspension_ends_on: null });
      t.setToday('2027-08-20');
    });

    it('refuses appealing a case where no misconduct was found', async () => {
      const subject = await newMember(t, 'cleared');
      const pm = await newMember(t, 'appealpm');
      const id = await caseWithPanel(t, subject.id, [seat(pm.id)]);
      await ok(decideCase(t, id, [], 'conduct-panel', 'NO_MISCONDUCT_FOUND'));
      const res = await t.gql(`mutation($id: ID!) { lodgeConductAppeal(caseId: $id, grounds: "I want it on the record.") { id } }`, { id }, subject.token);
      expect([errorCode(res), res.errors![0].extensions.rule]).toEqual(['RULE_VIOLATION', 'COP-6']);
    });

    it('a NOT_UPHELD appeal leaves the sanction standing; appeals cannot be decided twice', async () => {
      const subject = await newMember(t, 'sanctioned');
      const [pm1, pm2] = [await newMember(t, 'apm1'), await newMember(t, 'apm2')];
      const id = await caseWithPanel(t, subject.id, [seat(pm1.id)]);
      await ok(decideCase(t, id, [{ kind: 'MEMBERSHIP_SUSPENSION', endsOn: '2027-12-01' }]));
      const appeal = (await ok(t.gql(`mutation($id: ID!) { lodgeConductAppeal(caseId: $id, grounds: "The suspension is too long for this.") { id } }`, { id }, subject.token))).lodgeConductAppeal.id;
      await ok(t.gql(`mutation($id: ID!, $seats: [PanelSeatInput!]!) { conveneAppealPanel(appealId: $id, seats: $seats) { status } }`, { id: appeal, seats: [seat(pm2.id)] }, 'admin'));
      const q = `mutation($id: ID!) { decideConductAppeal(appealId: $id, input: { outcome: NOT_UPHELD, reasons: "Proportionate to the finding." }) { status outcome } }`;
      await ok(t.gql(q, { id: appeal }, 'admin'));
      expect(errorCode(await t.gql(q, { id: appeal }, 'admin'))).toBe('CONFLICT');
      expect((await ok(t.gql(`query($id: ID!) { member(id: $id) { status } }`, { id: subject.id }, 'membership-team'))).member.status).toBe('SUSPENDED');
      const decided = await ok(t.gql(`{ conductAppeals(status: DECIDED) { nodes { id outcome } } }`, {}, 'conduct-panel'));
      expect(decided.conductAppeals.nodes).toEqual(expect.arrayContaining([{ id: appeal, outcome: 'NOT_UPHELD' }]));
    });
  });
});
