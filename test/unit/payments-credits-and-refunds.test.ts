import { AttemptKind, PaymentPlan } from '../../src/domain/ats/programme/programme.enums';
import { isInCoolingOff } from '../../src/domain/ats/programme/programme.rules';
import { PaymentChannel, ScheduleItemKind, ScheduleItemStatus } from '../../src/domain/payments/payment.enums';
import {
  accountCredit,
  allocateReceipt,
  amountDueNow,
  channelSettles,
  invoiceDueDate,
  isItemOverdue,
  paymentSchedule,
  planCreditRefund,
  planFullRefund,
  type OpenItem,
} from '../../src/domain/payments/payments.rules';
import { DomainError } from '../../src/domain/shared/errors';

const at = (iso: string) => new Date(iso);

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('DEC-P3 channels and due dates', () => {
  it('lets a card (online or by phone) and a bank transfer settle an employer invoice; a direct debit only instalments', () => {
    for (const channel of [PaymentChannel.ONLINE, PaymentChannel.PHONE, PaymentChannel.BACS]) {
      expect(channelSettles(channel, ScheduleItemKind.INVOICE)).toBe(true);
      expect(channelSettles(channel, ScheduleItemKind.FULL_PAYMENT)).toBe(true);
    }
    expect(channelSettles(PaymentChannel.DIRECT_DEBIT, ScheduleItemKind.INVOICE)).toBe(false);
    expect(channelSettles(PaymentChannel.DIRECT_DEBIT, ScheduleItemKind.DIRECT_DEBIT_INSTALMENT)).toBe(true);
  });

  it('dates an employer invoice 30 days after the portfolio issue date, not after registration', () => {
    expect(invoiceDueDate('2027-10-01')).toBe('2027-10-31');
    const [invoice] = paymentSchedule(PaymentPlan.EMPLOYER_INVOICE, 81_500, '2027-09-10', '2027-10-01');
    expect(invoice).toMatchObject({ kind: 'INVOICE', dueOn: '2027-10-31' });
  });

  it('counts an item overdue from the day after its own due date, while anything of it is unpaid', () => {
    const item = { amountPence: 10_000, paidPence: 0, status: ScheduleItemStatus.PENDING, dueOn: '2027-01-15' };
    expect(isItemOverdue(item, '2027-01-15')).toBe(false);
    expect(isItemOverdue(item, '2027-01-16')).toBe(true);
    expect(isItemOverdue({ ...item, paidPence: 10_000 }, '2027-01-16')).toBe(false);
    expect(isItemOverdue({ ...item, status: ScheduleItemStatus.CANCELLED }, '2027-01-16')).toBe(false);
  });

  it('asks a card payment for what is due today by default: the initial payment, not the future instalments', () => {
    const items: OpenItem[] = paymentSchedule(PaymentPlan.DIRECT_DEBIT, 81_500, '2026-06-15').map((p) => ({ ...p, id: `i${p.sequence}`, paidPence: 0, status: ScheduleItemStatus.PENDING }));
    expect(amountDueNow(items, '2026-06-15')).toBe(21_500);
    expect(amountDueNow(items, '2026-07-14')).toBe(21_500);
    expect(amountDueNow(items, '2026-07-15')).toBe(31_500);
  });
});

describe('DEC-P5 credits', () => {
  const items: OpenItem[] = [{ id: 'i1', sequence: 1, kind: ScheduleItemKind.FULL_PAYMENT, amountPence: 81_500, paidPence: 81_000, dueOn: '2026-06-15', status: ScheduleItemStatus.PENDING }];

  it('keeps money beyond what is owed as credit, never refusing it', () => {
    expect(allocateReceipt(items, PaymentChannel.BACS, 500)).toEqual({ allocations: [{ scheduleItemId: 'i1', amountPence: 500 }], creditPence: 0 });
    expect(allocateReceipt(items, PaymentChannel.BACS, 501)).toEqual({ allocations: [{ scheduleItemId: 'i1', amountPence: 500 }], creditPence: 1 });
    // A collection that can settle nothing here is all credit.
    expect(allocateReceipt(items, PaymentChannel.DIRECT_DEBIT, 10_000)).toEqual({ allocations: [], creditPence: 10_000 });
    // A closed account owes nothing: everything is credit.
    expect(allocateReceipt([{ ...items[0], status: ScheduleItemStatus.CANCELLED }], PaymentChannel.ONLINE, 81_500).creditPence).toBe(81_500);
  });

  it('refunds credit newest first, never more than the credit, taking refunds from a payment’s credit first', () => {
    const payments = [
      { id: 'p1', amountPence: 81_500, creditPence: 0, refundedPence: 0, receivedAt: at('2026-06-15T10:00:00Z') },
      { id: 'p2', amountPence: 30_000, creditPence: 30_000, refundedPence: 0, receivedAt: at('2026-06-20T10:00:00Z') },
      { id: 'p3', amountPence: 5_000, creditPence: 2_000, refundedPence: 0, receivedAt: at('2026-06-25T10:00:00Z') },
    ];
    expect(accountCredit(payments)).toBe(32_000);
    expect(planCreditRefund(payments)).toEqual([
      { paymentId: 'p3', amountPence: 2_000 },
      { paymentId: 'p2', amountPence: 30_000 },
    ]);
    expect(planCreditRefund(payments, 2_500)).toEqual([
      { paymentId: 'p3', amountPence: 2_000 },
      { paymentId: 'p2', amountPence: 500 },
    ]);
    const over = thrown(() => planCreditRefund(payments, 32_001));
    expect([over.code, over.rule]).toEqual(['RULE_VIOLATION', 'DEC-P5']);
    const none = thrown(() => planCreditRefund([{ ...payments[0] }]));
    expect(none.rule).toBe('DEC-P5');
    expect(accountCredit([{ creditPence: 2_000, refundedPence: 2_000 }])).toBe(0);
  });

  it('plans a full refund payment by payment, everything not yet refunded (ATS-20 / DEC-P2)', () => {
    const payments = [
      { id: 'employer', amountPence: 60_000, creditPence: 0, refundedPence: 0, receivedAt: at('2026-06-20T10:00:00Z') },
      { id: 'member', amountPence: 21_500, creditPence: 0, refundedPence: 1_500, receivedAt: at('2026-06-15T10:00:00Z') },
      { id: 'done', amountPence: 100, creditPence: 100, refundedPence: 100, receivedAt: at('2026-06-16T10:00:00Z') },
    ];
    expect(planFullRefund(payments)).toEqual([
      { paymentId: 'member', amountPence: 20_000 },
      { paymentId: 'employer', amountPence: 60_000 },
    ]);
  });
});

describe('ATS-20 / DEC-P2 who withdraws with a full refund (also ATS-45 withdrawals by SET)', () => {
  it('refunds a new participant through issue date + 14 days, not on day 15', () => {
    expect(isInCoolingOff(AttemptKind.NEW, '2027-10-01', '2027-10-15')).toBe(true);
    expect(isInCoolingOff(AttemptKind.NEW, '2027-10-01', '2027-10-16')).toBe(false);
  });

  it('refunds a restart withdrawing before issue (DEC-P2), not on the issue date', () => {
    expect(isInCoolingOff(AttemptKind.RESTART, '2027-10-01', '2027-09-30')).toBe(true);
    expect(isInCoolingOff(AttemptKind.RESTART, '2027-10-01', '2027-10-01')).toBe(false);
  });
});
