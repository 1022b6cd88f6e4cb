import { randomUUID } from 'node:crypto';
import { PaymentPlan } from '../../src/domain/ats/programme/programme.enums';
import { AuditEntry } from '../../src/domain/audit/audit-entry.entity';
import { BalanceDecision, PaymentChannel } from '../../src/domain/payments/payment.enums';
import { Refund } from '../../src/domain/payments/refund.entity';
import { DomainError } from '../../src/domain/shared/errors';
import { Role, type Viewer } from '../../src/domain/shared/viewer';
import { createTestApp, errorCode, expectNoErrors, type TestApp } from '../support/harness';
import { freshMember, insertParticipant, payByCard } from '../support/payments';


const BALANCE = `query ($id: ID!) { participantBalance(participantId: $id) {
  chargedPence paidPence refundedPence cancelledPence writtenOffPence outstandingPence creditPence paidInFull cancelledAt collectionStoppedAt balanceDecision balanceDecisionReason
  items { kind status amountPence paidPence dueOn }
  invoices { number status dueOn }
  payments { id amountPence creditPence channel payerKind payerName payerEmail }
  refunds { amountPence kind channel payerKind payerName payerEmail paymentId reason } } }`;
const RECORD = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id creditPence payerKind payerName payerEmail allocations { amountPence } } }`;
const REFUND_CREDIT = `mutation ($input: RefundCreditInput!) { refundCredit(input: $input) { amountPence kind channel payerKind payerName payerEmail paymentId } }`;
const DECIDE = `mutation ($input: DecideWithdrawnBalanceInput!) { decideWithdrawnBalance(input: $input) { outstandingPence writtenOffPence balanceDecision balanceDecisionReason items { status } invoices { status } } }`;
const WITHDRAW = `mutation ($id: ID!, $reason: String!) { withdrawIneligibleParticipant(participantId: $id, reason: $reason) { status withdrawalKind } }`;
const OVERDUE_ITEMS = `query ($first: Int, $after: String) { overdueItems(first: $first, after: $after) {
  nodes { scheduleItemId kind participantId invoiceNumber employerName amountPence outstandingPence dueOn daysOverdue member { membershipNumber } }
  pageInfo { endCursor hasNextPage } } }`;
const NOTIFICATIONS = `query ($filter: NotificationFilterInput) { notifications(filter: $filter, first: 100) { nodes { template subject body rule toAddress recipientMemberId } } }`;

describe('credits, refunds to the payer, ATS-45 write-off and overdue items (DEC-P3, DEC-P5, ATS-45)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-23' });
  });
  afterAll(async () => {
    await t.close();
  });

  const key = () => `key-${randomUUID()}`;
  const ref = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

  async function balance(participantId: string, as = 'finance') {
    const res = await t.gql(BALANCE, { id: participantId }, as);
    expectNoErrors(res);
    return res.data!.participantBalance;
  }

  async function record(input: Record<string, unknown>) {
    const res = await t.gql(RECORD, { input: { idempotencyKey: key(), ...input } }, 'finance');
    expectNoErrors(res);
    return res.data!.recordPayment;
  }

  async function mails(template: string, toAddress?: string) {
    const res = await t.gql(NOTIFICATIONS, { filter: { template } }, 'admin');
    expectNoErrors(res);
    return res.data!.notifications.nodes.filter((n: any) => !toAddress || n.toAddress === toAddress);
  }

  describe('DEC-P5 money beyond what is owed', () => {
    it('keeps an employer’s second BACS payment as credit, then refunds it to the employer by BACS with the email to the employer', async () => {
      const payer = await freshMember(t);
      const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.EMPLOYER_INVOICE, employerName: 'Hillside Academy' });
      const [invoice] = (await balance(id)).invoices;
      const employer = { kind: 'EMPLOYER', email: 'finance@hillside.example' };
      const first = await record({ participantId: id, amountPence: 81_500, channel: 'BACS', providerReference: ref('remit'), invoiceNumber: invoice.number, payer: employer });
      expect(first).toMatchObject({ creditPence: 0, payerKind: 'EMPLOYER', payerName: 'Hillside Academy', payerEmail: 'finance@hillside.example' });
      // The employer pays the invoice twice: never refused, never lost.
      const second = await record({ participantId: id, amountPence: 81_500, channel: 'BACS', providerReference: ref('remit'), invoiceNumber: invoice.number, payer: employer });
      expect(second).toMatchObject({ creditPence: 81_500, allocations: [] });
      expect(await balance(id)).toMatchObject({ paidPence: 163_000, outstandingPence: 0, creditPence: 81_500, paidInFull: true });
      const confirmations = await mails('ATS_PAYMENT_CONFIRMED', 'finance@hillside.example');
      expect(confirmations.some((m: any) => m.body.includes('held as a credit'))).toBe(true);

      // Only FINANCE refunds credit; never more than the credit.
      expect(errorCode(await t.gql(REFUND_CREDIT, { input: { participantId: id, reason: 'Paid twice' } }, payer.token))).toBe('FORBIDDEN');
      const tooMuch = await t.gql(REFUND_CREDIT, { input: { participantId: id, amountPence: 81_501, reason: 'Paid twice' } }, 'finance');
      expect([errorCode(tooMuch), tooMuch.errors?.[0].extensions.rule]).toEqual(['RULE_VIOLATION', 'DEC-P5']);

      const refunded = await t.gql(REFUND_CREDIT, { input: { participantId: id, reason: 'Invoice paid twice' } }, 'finance');
      expectNoErrors(refunded);
      expect(refunded.data!.refundCredit).toEqual([
        { amountPence: 81_500, kind: 'CREDIT', channel: 'BACS', payerKind: 'EMPLOYER', payerName: 'Hillside Academy', payerEmail: 'finance@hillside.example', paymentId: second.id },
      ]);
      expect(await balance(id)).toMatchObject({ creditPence: 0, refundedPence: 81_500, outstandingPence: 0 });
      const notice = (await mails('ATS_FEE_REFUNDED', 'finance@hillside.example')).find((m: any) => m.subject.includes('£815.00'));
      expect(notice).toMatchObject({ rule: 'DEC-P5', recipientMemberId: null });
      expect(notice.body).toContain('by bank transfer');

      const none = await t.gql(REFUND_CREDIT, { input: { participantId: id, reason: 'Again' } }, 'finance');
      expect([errorCode(none), none.errors?.[0].extensions.rule]).toEqual(['RULE_VIOLATION', 'DEC-P5']);
      const audit = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'paymentAccount.refundCredit', targetId: id });
      expect(audit).toHaveLength(1);
    });

    it('records a card payment that arrives after the fee was paid by phone as credit, refundable to the card', async () => {
      const payer = await freshMember(t);
      const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.SINGLE });
      // The member starts a card payment, FINANCE takes the fee by phone meanwhile, then the card payment completes.
      const started = await t.gql(`mutation ($input: StartCardPaymentInput!) { startCardPayment(input: $input) { providerCheckoutId } }`, { input: { participantId: id, idempotencyKey: key() } }, payer.token);
      expectNoErrors(started);
      await record({ participantId: id, amountPence: 81_500, channel: 'PHONE', providerReference: ref('tel') });
      const done = await t.http().post(`/sandbox/checkout/${started.data!.startCardPayment.providerCheckoutId}/complete`).send();
      expect(done.body.webhook.statusCode).toBe(200);
      expect(await balance(id)).toMatchObject({ paidPence: 163_000, creditPence: 81_500, outstandingPence: 0 });
      const res = await t.gql(REFUND_CREDIT, { input: { participantId: id, amountPence: 81_500, reason: 'Paid twice' } }, 'finance');
      expect(res.data!.refundCredit).toEqual([expect.objectContaining({ amountPence: 81_500, channel: 'ONLINE', payerKind: 'PARTICIPANT', paymentId: done.body.paymentId })]);
      const mail = (await mails('ATS_FEE_REFUNDED', payer.email)).find((m: any) => m.rule === 'DEC-P5' && m.body.includes('to the card used online'));
      expect(mail).toMatchObject({ recipientMemberId: payer.id });
    });

    it('settles an employer invoice with a card payment taken by phone (DEC-P3)', async () => {
      const payer = await freshMember(t);
      const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.EMPLOYER_INVOICE, employerName: 'Westmoor Academy' });
      const [invoice] = (await balance(id)).invoices;
      const phone = await record({ participantId: id, amountPence: 81_500, channel: 'PHONE', providerReference: ref('tel'), invoiceNumber: invoice.number, payer: { kind: 'EMPLOYER', email: 'pay@westmoor.example' } });
      expect(phone).toMatchObject({ payerKind: 'EMPLOYER', payerName: 'Westmoor Academy', creditPence: 0 });
      expect(await balance(id)).toMatchObject({ paidInFull: true, invoices: [expect.objectContaining({ status: 'SETTLED' })] });
    });
  });

  describe('ATS-20 / DEC-P5 a full refund goes back to each payer by the channel it came from', () => {
    it('refunds the participant’s card payment to the card and the employer’s BACS payment to the employer, each emailed', async () => {
      const payer = await freshMember(t);
      const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.SINGLE, issueDate: '2027-01-04' });
      await payByCard(t, id, 20_000, payer.token);
      await record({ participantId: id, amountPence: 61_500, channel: 'BACS', providerReference: ref('remit'), payer: { kind: 'EMPLOYER', name: 'Dale College', email: 'ap@dale.example' } });
      const refunded = await t.dataSource.transaction((m) => t.app.services.payments.accounts.refundInFullAndCancel(m, id, 'Cooling-off withdrawal (ATS-20)'));
      expect(refunded).toBe(81_500);
      const b = await balance(id);
      expect([...b.refunds].sort((x: any, y: any) => x.amountPence - y.amountPence)).toMatchObject([
        { amountPence: 20_000, kind: 'FULL_REFUND', channel: 'ONLINE', payerKind: 'PARTICIPANT', payerEmail: payer.email },
        { amountPence: 61_500, kind: 'FULL_REFUND', channel: 'BACS', payerKind: 'EMPLOYER', payerName: 'Dale College', payerEmail: 'ap@dale.example' },
      ]);
      expect((await mails('ATS_FEE_REFUNDED', 'ap@dale.example')).filter((m: any) => m.subject.includes('£615.00'))).toHaveLength(1);
      expect((await mails('ATS_FEE_REFUNDED', payer.email)).filter((m: any) => m.subject.includes('£200.00') && m.rule === 'ATS-20')).toHaveLength(1);

      // The card refund is sent to the provider by the refund sweep, once.
      const sweep = await t.gql(`mutation { runSweeps { name affected } }`, undefined, 'admin');
      expect(sweep.data!.runSweeps).toContainEqual({ name: 'payments.issueCardRefunds', affected: expect.any(Number) });
      const sent = await t.dataSource.getRepository(Refund).findBy({ participantId: id });
      expect(sent.map((r) => [r.channel, r.providerRefundReference?.startsWith('re_sandbox_') ?? null]).sort()).toEqual([
        ['BACS', null],
        ['ONLINE', true],
      ]);
      const again = await t.gql(`mutation { runSweeps { name affected } }`, undefined, 'admin');
      expect(again.data!.runSweeps).toContainEqual({ name: 'payments.issueCardRefunds', affected: 0 });
    });
  });

  describe('ATS-45 withdrawal by SET for ineligibility', () => {
    afterAll(() => t.setToday('2026-11-23'));

    it('refunds in full inside the cooling-off period, as the member’s own withdrawal would', async () => {
      t.setToday('2027-01-18'); // issue 2027-01-04 + 14 days: the last day of cooling off (DEC-T1)
      const payer = await freshMember(t);
      const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2026-11-20', issueDate: '2027-01-04' });
      await payByCard(t, id, 21_500, payer.token);
      await record({ participantId: id, amountPence: 10_000, channel: 'DIRECT_DEBIT', providerReference: ref('dd') });
      const res = await t.gql(WITHDRAW, { id, reason: 'Not teaching in the sector' }, 'membership-team');
      expectNoErrors(res);
      expect(res.data!.withdrawIneligibleParticipant).toEqual({ status: 'WITHDRAWN', withdrawalKind: 'INELIGIBLE' });
      const b = await balance(id);
      expect(b).toMatchObject({ paidPence: 31_500, refundedPence: 31_500, cancelledPence: 50_000, outstandingPence: 0, collectionStoppedAt: null });
      expect(b.cancelledAt).not.toBeNull();
      expect(b.refunds.map((r: any) => r.channel).sort()).toEqual(['DIRECT_DEBIT', 'ONLINE']);
    });

    it('after cooling off stops collection; FINANCE writes the balance off with a reason, audited, once', async () => {
      t.setToday('2027-01-19'); // day 15: the payment terms stand
      const payer = await freshMember(t);
      const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2026-11-20', issueDate: '2027-01-04' });
      await record({ participantId: id, amountPence: 21_500, channel: 'PHONE', providerReference: ref('tel') });
      // Before the withdrawal, the December instalment is a missed direct debit.
      const before = await t.gql(OVERDUE_ITEMS, { first: 100 }, 'finance');
      expect(before.data!.overdueItems.nodes.filter((n: any) => n.participantId === id).map((n: any) => [n.kind, n.dueOn])).toEqual([['DIRECT_DEBIT_INSTALMENT', '2026-12-20']]);

      // FINANCE cannot decide a balance before SET's withdrawal stopped collection.
      const early = await t.gql(DECIDE, { input: { participantId: id, decision: 'WRITE_OFF', reason: 'n/a' } }, 'finance');
      expect([errorCode(early), early.errors?.[0].extensions.rule]).toEqual(['RULE_VIOLATION', 'ATS-45']);

      expectNoErrors(await t.gql(WITHDRAW, { id, reason: 'Not teaching in the sector' }, 'membership-team'));
      const stopped = await balance(id);
      expect(stopped).toMatchObject({ refundedPence: 0, outstandingPence: 60_000, balanceDecision: null });
      expect(stopped.collectionStoppedAt).not.toBeNull();
      const after = await t.gql(OVERDUE_ITEMS, { first: 100 }, 'finance');
      expect(after.data!.overdueItems.nodes.filter((n: any) => n.participantId === id)).toEqual([]);

      expect(errorCode(await t.gql(DECIDE, { input: { participantId: id, decision: 'WRITE_OFF', reason: 'x' } }, 'membership-team'))).toBe('FORBIDDEN');
      const bare = await t.gql(DECIDE, { input: { participantId: id, decision: 'WRITE_OFF', reason: '' } }, 'finance');
      expect(errorCode(bare)).toBe('BAD_USER_INPUT');

      const res = await t.gql(DECIDE, { input: { participantId: id, decision: 'WRITE_OFF', reason: 'Ineligible through no fault of theirs' } }, 'finance');
      expectNoErrors(res);
      expect(res.data!.decideWithdrawnBalance).toMatchObject({ outstandingPence: 0, writtenOffPence: 60_000, balanceDecision: 'WRITE_OFF', balanceDecisionReason: 'Ineligible through no fault of theirs' });
      expect(res.data!.decideWithdrawnBalance.items.map((i: any) => i.status)).toEqual(['PAID', ...Array(6).fill('WRITTEN_OFF')]);
      const audit = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'paymentAccount.decideWithdrawnBalance', targetId: id });
      expect(audit).toMatchObject({ actorRole: 'FINANCE', detail: { decision: 'WRITE_OFF', reason: 'Ineligible through no fault of theirs', outstandingPence: 60_000 } });
      const twice = await t.gql(DECIDE, { input: { participantId: id, decision: 'KEEP', reason: 'Changed mind' } }, 'finance');
      expect([errorCode(twice), twice.errors?.[0].extensions.rule]).toEqual(['CONFLICT', 'ATS-45']);
      expect((await mails('ATS_WITHDRAWN_BALANCE_DECIDED', payer.email)).some((m: any) => m.body.includes('£600.00 outstanding has been written off'))).toBe(true);
    });

    it('after cooling off FINANCE may keep the balance owed, with a reason; an open invoice stays open', async () => {
      t.setToday('2027-01-19');
      const payer = await freshMember(t);
      const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.EMPLOYER_INVOICE, employerName: 'Moor College', registrationDate: '2026-11-20', issueDate: '2027-01-04' });
      expectNoErrors(await t.gql(WITHDRAW, { id, reason: 'Left teaching' }, 'membership-team'));
      const res = await t.gql(DECIDE, { input: { participantId: id, decision: 'KEEP', reason: 'Employer agreed to pay' } }, 'finance');
      expectNoErrors(res);
      expect(res.data!.decideWithdrawnBalance).toMatchObject({ outstandingPence: 81_500, writtenOffPence: 0, balanceDecision: 'KEEP', invoices: [{ status: 'OPEN' }] });
    });
  });

  describe('DEC-P3 overdue items, each on its own due date', () => {
    afterAll(() => t.setToday('2026-11-23'));

    it('lists an unpaid registration payment, a missed direct debit and an invoice past its due date, earliest first, paged', async () => {
      t.setToday('2030-03-01');
      const singlePayer = await freshMember(t);
      const single = await insertParticipant(t, { memberId: singlePayer.id, plan: PaymentPlan.SINGLE, registrationDate: '2030-02-10', issueDate: '2030-04-01' });
      const ddPayer = await freshMember(t);
      const dd = await insertParticipant(t, { memberId: ddPayer.id, plan: PaymentPlan.DIRECT_DEBIT, registrationDate: '2030-01-15', issueDate: '2030-04-01' });
      await record({ participantId: dd, amountPence: 21_500, channel: 'PHONE', providerReference: ref('tel') });
      const invoicedPayer = await freshMember(t);
      const invoiced = await insertParticipant(t, { memberId: invoicedPayer.id, plan: PaymentPlan.EMPLOYER_INVOICE, registrationDate: '2030-01-05', issueDate: '2030-01-20', employerName: 'Coastal College' });
      const [invoice] = (await balance(invoiced)).invoices;
      expect(invoice.dueOn).toBe('2030-02-19'); // DEC-P3: issue date + 30 days

      expect(errorCode(await t.gql(OVERDUE_ITEMS, {}, singlePayer.token))).toBe('FORBIDDEN');
      const all = await t.gql(OVERDUE_ITEMS, { first: 100 }, 'finance');
      expectNoErrors(all);
      const mine = all.data!.overdueItems.nodes.filter((n: any) => [single, dd, invoiced].includes(n.participantId));
      expect(mine.map((n: any) => [n.kind, n.participantId, n.dueOn, n.outstandingPence, n.daysOverdue])).toEqual([
        ['DIRECT_DEBIT_INSTALMENT', dd, '2030-02-15', 10_000, 14],
        ['INVOICE', invoiced, '2030-02-19', 81_500, 10],
        ['REGISTRATION_PAYMENT', single, '2030-02-10', 81_500, 19],
      ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))));
      expect(mine.find((n: any) => n.kind === 'INVOICE')).toMatchObject({ invoiceNumber: invoice.number, employerName: 'Coastal College', member: { membershipNumber: expect.stringMatching(/^SET/) } });

      // Not overdue on its due date itself; overdue from the next day.
      t.setToday('2030-03-15');
      const onDueDate = await t.gql(OVERDUE_ITEMS, { first: 100 }, 'finance');
      expect(onDueDate.data!.overdueItems.nodes.filter((n: any) => n.participantId === dd).map((n: any) => n.dueOn)).toEqual(['2030-02-15']);
      t.setToday('2030-03-16');
      const nextDay = await t.gql(OVERDUE_ITEMS, { first: 100 }, 'finance');
      expect(nextDay.data!.overdueItems.nodes.filter((n: any) => n.participantId === dd).map((n: any) => n.dueOn)).toEqual(['2030-02-15', '2030-03-15']);

      // Keyset pages: every row once, in order.
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = await t.gql(OVERDUE_ITEMS, { first: 2, after }, 'finance');
        expectNoErrors(page);
        seen.push(...page.data.overdueItems.nodes.map((n: any) => `${n.dueOn}:${n.scheduleItemId}`));
        after = page.data.overdueItems.pageInfo.hasNextPage ? page.data.overdueItems.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(nextDay.data!.overdueItems.nodes.map((n: any) => `${n.dueOn}:${n.scheduleItemId}`));
      expect(new Set(seen).size).toBe(seen.length);
    });
  });

  describe('issue 6 item 4: every staff-only payments service method checks the role itself', () => {
    it('refuses a member viewer with FORBIDDEN at the service, whatever the GraphQL edge does', async () => {
      const payer = await freshMember(t);
      const id = await insertParticipant(t, { memberId: payer.id, plan: PaymentPlan.SINGLE });
      const member: Viewer = { subject: payer.id, memberId: payer.id, roles: [Role.MEMBER] };
      const { fees, accounts, payments, cards } = t.app.services.payments;
      const calls: [string, () => Promise<unknown>][] = [
        ['fees.publish', () => fees.publish(member, { amountPence: 90_000, publishedOn: '2027-01-01' })],
        ['accounts.overdueBalances', () => accounts.overdueBalances(member)],
        ['accounts.overdueItems', () => accounts.overdueItems(member)],
        ['accounts.remindOverdueBalances', () => accounts.remindOverdueBalances(member)],
        ['accounts.refundCredit', () => accounts.refundCredit(member, { participantId: id, reason: 'mine' })],
        ['accounts.decideWithdrawnBalance', () => accounts.decideWithdrawnBalance(member, id, BalanceDecision.WRITE_OFF, 'mine')],
        ['payments.record', () => payments.record(member, { participantId: id, amountPence: 81_500, channel: PaymentChannel.ONLINE, idempotencyKey: key(), providerReference: 'declared-by-me' })],
        ['cards.issueProviderRefunds', () => cards.issueProviderRefunds(member)],
      ];
      const outcomes: Record<string, string> = {};
      for (const [name, call] of calls) {
        outcomes[name] = await call().then(
          () => 'ALLOWED',
          (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
        );
      }
      expect(outcomes).toEqual(Object.fromEntries(calls.map(([name]) => [name, 'FORBIDDEN'])));
      // And a staff viewer cannot start a member's card payment.
      const staff: Viewer = { subject: 'staff', roles: [Role.FINANCE] };
      await expect(cards.start(staff, { participantId: id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await balance(id)).toMatchObject({ paidPence: 0 });
    });
  });
});
