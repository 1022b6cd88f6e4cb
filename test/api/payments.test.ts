import { randomUUID } from 'node:crypto';
import { AttemptKind, PaymentPlan } from '../../src/domain/ats/programme/programme.enums';
import { AuditEntry } from '../../src/domain/audit/audit-entry.entity';
import { DEMO_MEMBERS } from '../../src/db/demo-identities';
import { Payment } from '../../src/domain/payments/payment.entity';
import { DomainError } from '../../src/domain/shared/errors';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';
import { insertParticipant, payByCard, START_CARD_PAYMENT, type ParticipantOptions } from '../support/payments';

const MEMBER_ID = DEMO_MEMBERS[0].id; // alias 'member'
const FELLOW_ID = DEMO_MEMBERS[1].id; // alias 'fellow'

const BALANCE = `query ($id: ID!) { participantBalance(participantId: $id) {
  participantId memberId plan registrationDate employerName chargedPence paidPence refundedPence cancelledPence outstandingPence
  paidInFull balanceDueOn overdue cancelledAt creditPence writtenOffPence collectionStoppedAt balanceDecision balanceDecisionReason
  items { id sequence kind amountPence paidPence dueOn status invoiceId }
  payments { id amountPence channel providerReference invoiceId allocations { scheduleItemId amountPence } }
  refunds { amountPence reason channel payerKind payerName payerEmail kind paymentId }
  invoices { id number amountPence issuedOn dueOn status employerName }
} }`;

const RECORD = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) {
  id idempotencyKey participantId amountPence channel invoiceId recordedByRole allocations { scheduleItemId amountPence } } }`;


const NOTIFICATIONS = `query ($filter: NotificationFilterInput) { notifications(filter: $filter, first: 100) { nodes { template subject body rule toAddress recipientMemberId } } }`;

describe('fees and payments (ATS-14..17, 20; DEC-P1, DEC-P2)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A participant with an open account, inserted directly (test/support/payments.ts); the demo member unless told. */
  function participant(options: Omit<ParticipantOptions, 'memberId'> & { memberId?: string }): Promise<string> {
    return insertParticipant(t, { ...options, memberId: options.memberId ?? MEMBER_ID });
  }

  async function balance(participantId: string, as = 'finance') {
    const res = await t.gql(BALANCE, { id: participantId }, as);
    expectNoErrors(res);
    return res.data!.participantBalance;
  }

  const key = () => `key-${randomUUID()}`;

  describe('ATS-14 fee schedule', () => {
    it('has the £815.00 fee published on 2023-09-01 from the migration, public to anyone', async () => {
      const res = await t.gql(`{ programmeFees { amountPence publishedOn appliesFrom } }`);
      expectNoErrors(res);
      expect(res.data!.programmeFees).toEqual([{ amountPence: 81_500, publishedOn: '2023-09-01', appliesFrom: '2023-10-01' }]);
    });

    it('quotes the programme fee for NEW and £50 for a RESTART', async () => {
      const res = await t.gql(`{ n: programmeFeeFor(registrationDate: "2026-11-23") r: programmeFeeFor(registrationDate: "2026-11-23", attemptKind: RESTART) }`);
      expectNoErrors(res);
      expect(res.data).toEqual({ n: 81_500, r: 5_000 });
      await t.dataSource.transaction(async (m) => {
        expect(await t.app.services.payments.fees.feeFor(m, '2026-11-23', AttemptKind.RESTART)).toBe(5_000);
      });
    });

    it('lets FINANCE publish a new fee that applies one month later; refuses members and backdating', async () => {
      const publish = `mutation ($input: PublishProgrammeFeeInput!) { publishProgrammeFee(input: $input) { amountPence publishedOn appliesFrom } }`;
      expect(errorCode(await t.gql(publish, { input: { amountPence: 84_000, publishedOn: '2026-11-30' } }, 'member'))).toBe('FORBIDDEN');
      const backdated = await t.gql(publish, { input: { amountPence: 84_000, publishedOn: '2026-11-22' } }, 'finance');
      expect([errorCode(backdated), backdated.errors?.[0].extensions.rule]).toEqual(['RULE_VIOLATION', 'ATS-14']);

      const res = await t.gql(publish, { input: { amountPence: 84_000, publishedOn: '2026-11-30' } }, 'finance');
      expectNoErrors(res);
      expect(res.data!.publishProgrammeFee).toEqual({ amountPence: 84_000, publishedOn: '2026-11-30', appliesFrom: '2026-12-30' });
      expect(errorCode(await t.gql(publish, { input: { amountPence: 85_000, publishedOn: '2026-11-30' } }, 'admin'))).toBe('CONFLICT');

      const quotes = await t.gql(`{ before: programmeFeeFor(registrationDate: "2026-12-29") from: programmeFeeFor(registrationDate: "2026-12-30") }`);
      expect(quotes.data).toEqual({ before: 81_500, from: 84_000 });
    });
  });

  describe('ATS-15 plans', () => {
    it('SINGLE: one card payment of the whole fee due at registration', async () => {
      const id = await participant({ plan: PaymentPlan.SINGLE, registrationDate: '2026-08-15' });
      const b = await balance(id);
      expect(b).toMatchObject({ plan: 'SINGLE', chargedPence: 81_500, paidPence: 0, outstandingPence: 81_500, paidInFull: false, invoices: [] });
      expect(b.items.map((i: any) => [i.kind, i.amountPence, i.dueOn, i.status])).toEqual([['FULL_PAYMENT', 81_500, '2026-08-15', 'PENDING']]);
    });

    it('DIRECT_DEBIT from 31 August: £215 at registration then six £100 instalments clamped to month ends (DEC-P1)', async () => {
      const id = await participant({ plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2026-08-31' });
      const b = await balance(id);
      expect(b.items.map((i: any) => [i.kind, i.amountPence, i.dueOn])).toEqual([
        ['INITIAL_PAYMENT', 21_500, '2026-08-31'],
        ['DIRECT_DEBIT_INSTALMENT', 10_000, '2026-09-30'],
        ['DIRECT_DEBIT_INSTALMENT', 10_000, '2026-10-31'],
        ['DIRECT_DEBIT_INSTALMENT', 10_000, '2026-11-30'],
        ['DIRECT_DEBIT_INSTALMENT', 10_000, '2026-12-31'],
        ['DIRECT_DEBIT_INSTALMENT', 10_000, '2027-01-31'],
        ['DIRECT_DEBIT_INSTALMENT', 10_000, '2027-02-28'],
      ]);
      expect(b.items.reduce((s: number, i: any) => s + i.amountPence, 0)).toBe(81_500);
    });

    it('EMPLOYER_INVOICE: one numbered invoice for the fee, addressed to the participant and emailed to them', async () => {
      const id = await participant({ plan: PaymentPlan.EMPLOYER_INVOICE, registrationDate: '2026-08-20', employerName: 'Eastgate College' });
      const b = await balance(id);
      expect(b.invoices).toHaveLength(1);
      const [invoice] = b.invoices;
      // DEC-P3: due 30 days after the portfolio issue date (2027-01-04), not after registration.
      expect(invoice).toMatchObject({ amountPence: 81_500, issuedOn: '2026-08-20', dueOn: '2027-02-03', status: 'OPEN', employerName: 'Eastgate College' });
      expect(invoice.number).toMatch(/^ATS-\d{7}$/);
      expect(b.items).toEqual([expect.objectContaining({ kind: 'INVOICE', amountPence: 81_500, invoiceId: invoice.id })]);
      const mail = await t.gql(NOTIFICATIONS, { filter: { recipientMemberId: MEMBER_ID, template: 'ATS_FEE_INVOICE_ISSUED' } }, 'admin');
      expect(mail.data!.notifications.nodes.some((n: any) => n.subject.includes(invoice.number) && n.rule === 'ATS-15' && n.toAddress === 'member@example.org')).toBe(true);
    });

    it('refuses DIRECT_DEBIT for the £50 restart fee (ATS-15), opening nothing', async () => {
      const participantId = randomUUID();
      const attempt = t.dataSource.transaction(async (manager) => {
        const chargePence = await t.app.services.payments.fees.feeFor(manager, '2026-11-23', AttemptKind.RESTART);
        expect(chargePence).toBe(5_000);
        await t.app.services.payments.accounts.openAccount(manager, { participantId, memberId: MEMBER_ID, plan: PaymentPlan.DIRECT_DEBIT, chargePence, registrationDate: '2026-11-23' });
      });
      await expect(attempt).rejects.toMatchObject({ code: 'RULE_VIOLATION', rule: 'ATS-15' });
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      expect(errorCode(await t.gql(BALANCE, { id: participantId }, 'finance'))).toBe('NOT_FOUND');
    });

    it('charges a RESTART £50 on a SINGLE plan', async () => {
      const id = await participant({ plan: PaymentPlan.SINGLE, attemptKind: AttemptKind.RESTART, registrationDate: '2026-09-01' });
      expect(await balance(id)).toMatchObject({ chargedPence: 5_000, outstandingPence: 5_000 });
    });
  });

  describe('ATS-16 payments', () => {
    it('a member pays their own fee online through the provider; it is confirmed by email and the fee is paid in full', async () => {
      const id = await participant({ plan: PaymentPlan.SINGLE });
      const { paymentId } = await payByCard(t, id, 81_500, 'member');
      const recorded = await t.dataSource.getRepository(Payment).findOneByOrFail({ id: paymentId });
      expect(recorded).toMatchObject({ participantId: id, amountPence: 81_500, channel: 'ONLINE', recordedByRole: 'PAYMENT_PROVIDER' });

      const b = await balance(id, 'member');
      expect(b).toMatchObject({ paidPence: 81_500, outstandingPence: 0, paidInFull: true });
      expect(b.items[0].status).toBe('PAID');
      expect(await t.dataSource.transaction((m) => t.app.services.payments.accounts.isPaidInFull(m, id))).toBe(true);

      const mail = await t.gql(NOTIFICATIONS, { filter: { recipientMemberId: MEMBER_ID, template: 'ATS_PAYMENT_CONFIRMED' } }, 'admin');
      expectNoErrors(mail);
      const confirmation = mail.data!.notifications.nodes.find((n: any) => n.body.includes(recorded.providerReference));
      expect(confirmation).toMatchObject({ rule: 'ATS-16', toAddress: 'member@example.org', subject: 'We have received your payment of £815.00' });
      expect(confirmation.body).toContain('paid in full');
    });

    it('FINANCE records a phone card payment, direct-debit collections and a named instalment, earliest first', async () => {
      const id = await participant({ plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2026-08-15' });
      const before = await balance(id);
      const [initial, first, second, third] = before.items;

      const phone = await t.gql(RECORD, { input: { participantId: id, amountPence: 21_500, channel: 'PHONE', idempotencyKey: key(), providerReference: 'tel-1' } }, 'finance');
      expectNoErrors(phone);
      expect(phone.data!.recordPayment).toMatchObject({ channel: 'PHONE', recordedByRole: 'FINANCE', allocations: [{ scheduleItemId: initial.id, amountPence: 21_500 }] });

      const dd = await t.gql(RECORD, { input: { participantId: id, amountPence: 10_000, channel: 'DIRECT_DEBIT', idempotencyKey: key(), providerReference: 'dd-1' } }, 'finance');
      expect(dd.data!.recordPayment.allocations).toEqual([{ scheduleItemId: first.id, amountPence: 10_000 }]);
      const named = await t.gql(RECORD, { input: { participantId: id, amountPence: 10_000, channel: 'DIRECT_DEBIT', idempotencyKey: key(), providerReference: 'dd-3', scheduleItemId: third.id } }, 'finance');
      expect(named.data!.recordPayment.allocations).toEqual([{ scheduleItemId: third.id, amountPence: 10_000 }]);

      const after = await balance(id);
      expect(after).toMatchObject({ paidPence: 41_500, outstandingPence: 40_000, paidInFull: false });
      expect(after.items.map((i: any) => i.status)).toEqual(['PAID', 'PAID', 'PENDING', 'PAID', 'PENDING', 'PENDING', 'PENDING']);
      expect(after.items[2].id).toBe(second.id);

      // DEC-P3: a bank transfer pays any balance (the earliest open instalment here).
      const bacs = await t.gql(RECORD, { input: { participantId: id, amountPence: 10_000, channel: 'BACS', idempotencyKey: key(), providerReference: 'bacs-1' } }, 'finance');
      expect(bacs.data!.recordPayment.allocations).toEqual([{ scheduleItemId: second.id, amountPence: 10_000 }]);
      // A direct debit cannot be named against the registration payment (DEC-P3).
      const misnamed = await t.gql(RECORD, { input: { participantId: id, amountPence: 100, channel: 'DIRECT_DEBIT', idempotencyKey: key(), providerReference: 'dd-x', scheduleItemId: initial.id } }, 'finance');
      expect([errorCode(misnamed), misnamed.errors?.[0].extensions.rule]).toEqual(['RULE_VIOLATION', 'DEC-P3']);
    });

    it('settles an employer invoice with a BACS payment against its number', async () => {
      const id = await participant({ plan: PaymentPlan.EMPLOYER_INVOICE, employerName: 'Westmoor Academy' });
      const [invoice] = (await balance(id)).invoices;
      const res = await t.gql(RECORD, { input: { participantId: id, amountPence: 81_500, channel: 'BACS', idempotencyKey: key(), providerReference: 'remit-77', invoiceNumber: invoice.number } }, 'finance');
      expectNoErrors(res);
      expect(res.data!.recordPayment.invoiceId).toBe(invoice.id);
      const b = await balance(id);
      expect(b).toMatchObject({ paidInFull: true, invoices: [expect.objectContaining({ status: 'SETTLED' })] });
    });

    it('records 5 concurrent identical requests once: every answer is the same payment', async () => {
      const id = await participant({ plan: PaymentPlan.SINGLE });
      const input = { participantId: id, amountPence: 30_000, channel: 'PHONE', idempotencyKey: key(), providerReference: 'card-ch_concurrent' };
      const answers = await Promise.all(Array.from({ length: 5 }, () => t.gql(RECORD, { input }, 'finance')));
      answers.forEach(expectNoErrors);
      const ids = new Set(answers.map((a) => a.data!.recordPayment.id));
      expect(ids.size).toBe(1);
      expect(await t.dataSource.getRepository(Payment).countBy({ participantId: id })).toBe(1);
      expect(await balance(id)).toMatchObject({ paidPence: 30_000, outstandingPence: 51_500 });
      const mail = await t.gql(NOTIFICATIONS, { filter: { recipientMemberId: MEMBER_ID, template: 'ATS_PAYMENT_CONFIRMED' } }, 'admin');
      expect(mail.data!.notifications.nodes.filter((n: any) => n.body.includes('card-ch_concurrent'))).toHaveLength(1);

      // A later retry with the same key is answered with the original too.
      const retry = await t.gql(RECORD, { input }, 'finance');
      expect(retry.data!.recordPayment.id).toBe([...ids][0]);
      // The same key for a different amount, participant or channel is refused.
      const other = await participant({ plan: PaymentPlan.SINGLE });
      expect(errorCode(await t.gql(RECORD, { input: { ...input, amountPence: 30_001 } }, 'finance'))).toBe('CONFLICT');
      expect(errorCode(await t.gql(RECORD, { input: { ...input, participantId: other } }, 'finance'))).toBe('CONFLICT');
      expect(errorCode(await t.gql(RECORD, { input: { ...input, channel: 'ONLINE' } }, 'finance'))).toBe('CONFLICT');
      expect(await t.dataSource.getRepository(Payment).countBy({ idempotencyKey: input.idempotencyKey })).toBe(1);
    });

    it('keeps a payment larger than what is outstanding as credit (DEC-P5); a member cannot start a card payment when nothing is owed', async () => {
      const id = await participant({ plan: PaymentPlan.SINGLE });
      const over = await t.gql(RECORD, { input: { participantId: id, amountPence: 81_501, channel: 'PHONE', idempotencyKey: key(), providerReference: 'card-x' } }, 'finance');
      expectNoErrors(over);
      expect(await balance(id)).toMatchObject({ paidPence: 81_501, outstandingPence: 0, creditPence: 1, paidInFull: true });
      const more = await t.gql(START_CARD_PAYMENT, { input: { participantId: id, amountPence: 1, idempotencyKey: key() } }, 'member');
      expect([errorCode(more), more.errors?.[0].extensions.rule]).toEqual(['RULE_VIOLATION', 'ATS-16']);
      expect(await t.dataSource.getRepository(Payment).countBy({ participantId: id })).toBe(1);
    });
  });

  describe('ATS-57 who sees a balance', () => {
    it('refuses a member another member’s balance and payment; audits staff reads', async () => {
      const id = await participant({ memberId: FELLOW_ID, plan: PaymentPlan.SINGLE });
      const read = await t.gql(BALANCE, { id }, 'member');
      expect([errorCode(read), read.errors?.[0].extensions.rule]).toEqual(['FORBIDDEN', 'ATS-57']);
      const pay = await t.gql(START_CARD_PAYMENT, { input: { participantId: id, amountPence: 100, idempotencyKey: key() } }, 'member');
      expect([errorCode(pay), pay.errors?.[0].extensions.rule]).toEqual(['FORBIDDEN', 'ATS-57']);
      // The same answer for a participation that does not exist: nothing is revealed (ATS-57).
      const missing = await t.gql(BALANCE, { id: randomUUID() }, 'member');
      expect([errorCode(missing), missing.errors?.[0].extensions.rule]).toEqual(['FORBIDDEN', 'ATS-57']);

      expect((await balance(id, 'fellow')).memberId).toBe(FELLOW_ID);
      const mine = await t.gql(`{ myBalances { participantId } }`, undefined, 'fellow');
      expect(mine.data!.myBalances.map((b: any) => b.participantId)).toContain(id);

      for (const staff of ['finance', 'membership-team', 'admin']) await balance(id, staff);
      expect(errorCode(await t.gql(BALANCE, { id }, 'conduct-panel'))).toBe('FORBIDDEN');
      const audited = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'paymentAccount.read', targetId: id });
      expect(audited.map((a) => a.actorRole).sort()).toEqual(['ADMIN', 'FINANCE', 'MEMBERSHIP_TEAM']);
    });
  });

  describe('ATS-20 / DEC-P2 refund in full and cancel', () => {
    it('refunds everything paid, cancels unpaid instalments, emails the participant, and refunds nothing twice', async () => {
      const id = await participant({ plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2026-09-10' });
      await t.gql(RECORD, { input: { participantId: id, amountPence: 21_500, channel: 'ONLINE', idempotencyKey: key(), providerReference: 'c1' } }, 'finance');
      await t.gql(RECORD, { input: { participantId: id, amountPence: 10_000, channel: 'DIRECT_DEBIT', idempotencyKey: key(), providerReference: 'd1' } }, 'finance');

      const refunded = await t.dataSource.transaction((m) => t.app.services.payments.accounts.refundInFullAndCancel(m, id, 'Cooling-off withdrawal'));
      expect(refunded).toBe(31_500);
      const b = await balance(id);
      // DEC-P5: one refund per payment, each by the channel it came by.
      expect(b).toMatchObject({
        paidPence: 31_500,
        refundedPence: 31_500,
        cancelledPence: 50_000,
        outstandingPence: 0,
      });
      expect([...b.refunds].sort((x: any, y: any) => y.amountPence - x.amountPence)).toMatchObject([
        { amountPence: 21_500, reason: 'Cooling-off withdrawal', channel: 'ONLINE', payerKind: 'PARTICIPANT' },
        { amountPence: 10_000, reason: 'Cooling-off withdrawal', channel: 'DIRECT_DEBIT', payerKind: 'PARTICIPANT' },
      ]);
      expect(b.cancelledAt).not.toBeNull();
      expect(b.items.map((i: any) => i.status)).toEqual(['PAID', 'PAID', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);

      const mail = await t.gql(NOTIFICATIONS, { filter: { recipientMemberId: MEMBER_ID, template: 'ATS_FEE_REFUNDED' } }, 'admin');
      expect(mail.data!.notifications.nodes.filter((n: any) => n.subject.includes('£315.00'))).toEqual([expect.objectContaining({ rule: 'ATS-20' })]);

      expect(await t.dataSource.transaction((m) => t.app.services.payments.accounts.refundInFullAndCancel(m, id, 'Again'))).toBe(0);
      // A collection that still arrives after the account closed is money received: kept as credit, refundable (DEC-P5).
      const late = await t.gql(RECORD, { input: { participantId: id, amountPence: 10_000, channel: 'DIRECT_DEBIT', idempotencyKey: key(), providerReference: 'd2' } }, 'finance');
      expectNoErrors(late);
      expect(late.data!.recordPayment.allocations).toEqual([]);
      expect(await balance(id)).toMatchObject({ creditPence: 10_000, outstandingPence: 0 });
    });

    it('cancels an unpaid employer invoice and refunds nothing', async () => {
      const id = await participant({ plan: PaymentPlan.EMPLOYER_INVOICE, employerName: 'Northshire College' });
      expect(await t.dataSource.transaction((m) => t.app.services.payments.accounts.refundInFullAndCancel(m, id, 'Withdrew before issue'))).toBe(0);
      const b = await balance(id);
      expect(b).toMatchObject({ refundedPence: 0, cancelledPence: 81_500, outstandingPence: 0, refunds: [] });
      expect(b.invoices[0].status).toBe('CANCELLED');
      expect(b.items[0].status).toBe('CANCELLED');
    });
  });

  describe('ATS-17 overdue balances', () => {
    afterAll(() => t.setToday('2026-11-23'));

    it('lists open balances from the day after issue date + 6 months, oldest cohort first, with cursor pagination', async () => {
      const OVERDUE = `query ($first: Int, $after: String) { overdueBalances(first: $first, after: $after) {
        nodes { participantId cohortName portfolioIssueDate balanceDueOn outstandingPence daysOverdue member { membershipNumber } }
        pageInfo { endCursor hasNextPage } } }`;
      const early = await participant({ plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2026-03-20', issueDate: '2026-05-01' });
      const dueToday = await participant({ plan: PaymentPlan.SINGLE, registrationDate: '2026-04-20', issueDate: '2026-05-23' });
      const paid = await participant({ plan: PaymentPlan.SINGLE, registrationDate: '2026-03-20', issueDate: '2026-05-01' });
      expectNoErrors(await t.gql(RECORD, { input: { participantId: paid, amountPence: 81_500, channel: 'PHONE', idempotencyKey: key(), providerReference: 'p-paid' } }, 'finance'));
      expectNoErrors(await t.gql(RECORD, { input: { participantId: early, amountPence: 21_500, channel: 'PHONE', idempotencyKey: key(), providerReference: 'p-early' } }, 'finance'));

      expect(errorCode(await t.gql(OVERDUE, {}, 'member'))).toBe('FORBIDDEN');
      const today = await t.gql(OVERDUE, {}, 'finance');
      expectNoErrors(today);
      expect(today.data!.overdueBalances.nodes).toEqual([
        { participantId: early, cohortName: expect.any(String), portfolioIssueDate: '2026-05-01', balanceDueOn: '2026-11-01', outstandingPence: 60_000, daysOverdue: 22, member: { membershipNumber: expect.stringMatching(/^SET/) } },
      ]);
      expect((await balance(early)).overdue).toBe(true);
      expect((await balance(dueToday)).overdue).toBe(false);

      t.setToday('2026-11-24');
      const first = await t.gql(OVERDUE, { first: 1 }, 'finance');
      expect(first.data!.overdueBalances.nodes.map((n: any) => n.participantId)).toEqual([early]);
      expect(first.data!.overdueBalances.pageInfo.hasNextPage).toBe(true);
      const second = await t.gql(OVERDUE, { first: 1, after: first.data!.overdueBalances.pageInfo.endCursor }, 'finance');
      expect(second.data!.overdueBalances.nodes).toEqual([expect.objectContaining({ participantId: dueToday, balanceDueOn: '2026-11-23', daysOverdue: 1, outstandingPence: 81_500 })]);
      expect(second.data!.overdueBalances.pageInfo.hasNextPage).toBe(false);

      // The reminder sweep tells each overdue participant once (ATS-17).
      const sweeps = await t.gql(`mutation { runSweeps { name affected } }`, undefined, 'admin');
      expect(sweeps.data!.runSweeps).toContainEqual({ name: 'payments.overdueReminders', affected: 2 });
      const again = await t.gql(`mutation { runSweeps { name affected } }`, undefined, 'admin');
      expect(again.data!.runSweeps).toContainEqual({ name: 'payments.overdueReminders', affected: 0 });
    });
  });
});
