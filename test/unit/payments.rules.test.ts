import { AttemptKind, PaymentPlan } from '../../src/domain/ats/programme/programme.enums';
import { DomainError } from '../../src/domain/shared/errors';
import { PaymentChannel, ScheduleItemKind, ScheduleItemStatus } from '../../src/domain/payments/payment.enums';
import {
  allocateReceipt,
  assertSameRequest,
  balanceDueDate,
  chargeForAttempt,
  feeAppliesFrom,
  feeAppliesTo,
  feeInForce,
  isBalanceOverdue,
  paymentSchedule,
  refundableAmount,
  RESTART_FEE_PENCE,
  type OpenItem,
} from '../../src/domain/payments/payments.rules';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const sum = (items: { amountPence: number }[]) => items.reduce((s, i) => s + i.amountPence, 0);

describe('ATS-14 fee schedule', () => {
  const fees = [
    { amountPence: 81_500, publishedOn: '2023-09-01' },
    { amountPence: 84_000, publishedOn: '2026-03-01' },
  ];

  it('applies a fee published 31 days before a registration on 1 April, not one published 30 days before', () => {
    // 1 March + 1 month = 1 April: 31 days before 1 April applies.
    expect(feeAppliesTo('2026-03-01', '2026-04-01')).toBe(true);
    expect(feeInForce(fees, '2026-04-01')?.amountPence).toBe(84_000);
    // 2 March + 1 month = 2 April: 30 days before 1 April does not; the previous fee applies.
    expect(feeAppliesTo('2026-03-02', '2026-04-01')).toBe(false);
    expect(feeInForce([fees[0], { amountPence: 84_000, publishedOn: '2026-03-02' }], '2026-04-01')?.amountPence).toBe(81_500);
  });

  it('applies a fee published on 15 March from 15 April, and clamps month ends', () => {
    expect(feeAppliesFrom('2026-03-15')).toBe('2026-04-15');
    expect(feeAppliesTo('2026-03-15', '2026-04-14')).toBe(false);
    expect(feeAppliesTo('2026-03-15', '2026-04-15')).toBe(true);
    expect(feeAppliesFrom('2026-01-31')).toBe('2026-02-28');
    expect(feeAppliesTo('2026-01-31', '2026-02-28')).toBe(true);
    expect(feeAppliesTo('2026-01-31', '2026-02-27')).toBe(false);
  });

  it('picks the latest applying fee, whatever order the fees come in', () => {
    expect(feeInForce([...fees].reverse(), '2027-01-01')?.amountPence).toBe(84_000);
    expect(feeInForce(fees, '2026-03-31')?.amountPence).toBe(81_500);
    expect(feeInForce(fees, '2023-09-30')).toBeNull();
  });

  it('charges the £50 restart fee for a RESTART whatever the programme fee, and refuses a NEW attempt with no fee in force', () => {
    expect(RESTART_FEE_PENCE).toBe(5_000);
    expect(chargeForAttempt(AttemptKind.RESTART, fees[1], '2026-05-01')).toBe(5_000);
    expect(chargeForAttempt(AttemptKind.RESTART, null, '2026-05-01')).toBe(5_000);
    expect(chargeForAttempt(AttemptKind.NEW, fees[0], '2026-05-01')).toBe(81_500);
    expect(thrown(() => chargeForAttempt(AttemptKind.NEW, null, '2020-01-01')).rule).toBe('ATS-14');
  });
});

describe('ATS-15 plans and the DEC-P1 schedule', () => {
  it('SINGLE: the whole fee due at registration', () => {
    expect(paymentSchedule(PaymentPlan.SINGLE, 81_500, '2026-06-15')).toEqual([
      { sequence: 1, kind: ScheduleItemKind.FULL_PAYMENT, amountPence: 81_500, dueOn: '2026-06-15' },
    ]);
  });

  it('DIRECT_DEBIT on the 15th: £215 at registration, then £100 on the 15th of months 1 to 6, adding up to the fee', () => {
    const items = paymentSchedule(PaymentPlan.DIRECT_DEBIT, 81_500, '2026-06-15');
    expect(items.map((i) => [i.kind, i.amountPence, i.dueOn])).toEqual([
      [ScheduleItemKind.INITIAL_PAYMENT, 21_500, '2026-06-15'],
      [ScheduleItemKind.DIRECT_DEBIT_INSTALMENT, 10_000, '2026-07-15'],
      [ScheduleItemKind.DIRECT_DEBIT_INSTALMENT, 10_000, '2026-08-15'],
      [ScheduleItemKind.DIRECT_DEBIT_INSTALMENT, 10_000, '2026-09-15'],
      [ScheduleItemKind.DIRECT_DEBIT_INSTALMENT, 10_000, '2026-10-15'],
      [ScheduleItemKind.DIRECT_DEBIT_INSTALMENT, 10_000, '2026-11-15'],
      [ScheduleItemKind.DIRECT_DEBIT_INSTALMENT, 10_000, '2026-12-15'],
    ]);
    expect(sum(items)).toBe(81_500);
  });

  it('DIRECT_DEBIT on 31 August clamps to each month end: 30 Sep, 31 Oct, 30 Nov, 31 Dec, 31 Jan, 28 Feb', () => {
    const items = paymentSchedule(PaymentPlan.DIRECT_DEBIT, 81_500, '2026-08-31');
    expect(items.slice(1).map((i) => i.dueOn)).toEqual(['2026-09-30', '2026-10-31', '2026-11-30', '2026-12-31', '2027-01-31', '2027-02-28']);
    expect(sum(items)).toBe(81_500);
    // In a leap year February has 29 days.
    expect(paymentSchedule(PaymentPlan.DIRECT_DEBIT, 81_500, '2027-08-31').at(-1)!.dueOn).toBe('2028-02-29');
  });

  it('DIRECT_DEBIT on 31 January: 28 Feb, 31 Mar, 30 Apr, 31 May, 30 Jun, 31 Jul', () => {
    const items = paymentSchedule(PaymentPlan.DIRECT_DEBIT, 81_500, '2027-01-31');
    expect(items.slice(1).map((i) => i.dueOn)).toEqual(['2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31', '2027-06-30', '2027-07-31']);
    expect(sum(items)).toBe(81_500);
  });

  it('DIRECT_DEBIT adds up to any fee above £600, and is refused for £600 or less (the £50 restart fee)', () => {
    expect(sum(paymentSchedule(PaymentPlan.DIRECT_DEBIT, 84_237, '2026-06-15'))).toBe(84_237);
    expect(paymentSchedule(PaymentPlan.DIRECT_DEBIT, 60_001, '2026-06-15')[0].amountPence).toBe(1);
    expect(thrown(() => paymentSchedule(PaymentPlan.DIRECT_DEBIT, 60_000, '2026-06-15')).rule).toBe('ATS-15');
    const restart = thrown(() => paymentSchedule(PaymentPlan.DIRECT_DEBIT, RESTART_FEE_PENCE, '2026-06-15'));
    expect([restart.code, restart.rule]).toEqual(['RULE_VIOLATION', 'ATS-15']);
  });

  it('SINGLE and EMPLOYER_INVOICE carry the £50 restart fee', () => {
    expect(sum(paymentSchedule(PaymentPlan.SINGLE, RESTART_FEE_PENCE, '2026-06-15'))).toBe(5_000);
    expect(paymentSchedule(PaymentPlan.EMPLOYER_INVOICE, RESTART_FEE_PENCE, '2026-06-15')).toEqual([
      { sequence: 1, kind: ScheduleItemKind.INVOICE, amountPence: 5_000, dueOn: '2026-07-15' },
    ]);
  });
});

describe('ATS-17 balance due date', () => {
  it('is six months after the portfolio issue date, clamped, and overdue from the next day', () => {
    expect(balanceDueDate('2026-10-01')).toBe('2027-04-01');
    expect(balanceDueDate('2026-08-31')).toBe('2027-02-28');
    expect(isBalanceOverdue('2026-10-01', 10_000, '2027-04-01')).toBe(false);
    expect(isBalanceOverdue('2026-10-01', 10_000, '2027-04-02')).toBe(true);
    expect(isBalanceOverdue('2026-10-01', 0, '2027-04-02')).toBe(false);
  });
});

describe('ATS-16 allocating a payment', () => {
  const items: OpenItem[] = paymentSchedule(PaymentPlan.DIRECT_DEBIT, 81_500, '2026-06-15').map((p) => ({
    ...p,
    id: `item-${p.sequence}`,
    paidPence: 0,
    status: ScheduleItemStatus.PENDING,
  }));

  it('settles the earliest open items first, card payments reaching the instalments after the initial payment', () => {
    expect(allocateReceipt(items, PaymentChannel.ONLINE, 31_500).allocations).toEqual([
      { scheduleItemId: 'item-1', amountPence: 21_500 },
      { scheduleItemId: 'item-2', amountPence: 10_000 },
    ]);
  });

  it('lets a direct-debit collection settle only instalments, and settles a named item', () => {
    expect(allocateReceipt(items, PaymentChannel.DIRECT_DEBIT, 10_000).allocations).toEqual([{ scheduleItemId: 'item-2', amountPence: 10_000 }]);
    expect(allocateReceipt(items, PaymentChannel.DIRECT_DEBIT, 10_000, 'item-4').allocations).toEqual([{ scheduleItemId: 'item-4', amountPence: 10_000 }]);
    // DEC-P3: a bank transfer pays invoices or any balance.
    expect(allocateReceipt(items, PaymentChannel.BACS, 10_000).allocations).toEqual([{ scheduleItemId: 'item-1', amountPence: 10_000 }]);
    expect(thrown(() => allocateReceipt(items, PaymentChannel.DIRECT_DEBIT, 10_000, 'item-1')).rule).toBe('DEC-P3');
  });

  it('keeps anything beyond what is outstanding as a credit, to the penny (DEC-P5)', () => {
    expect(allocateReceipt(items, PaymentChannel.PHONE, 81_500)).toMatchObject({ creditPence: 0 });
    expect(allocateReceipt(items, PaymentChannel.PHONE, 81_500).allocations).toHaveLength(7);
    expect(allocateReceipt(items, PaymentChannel.PHONE, 81_501).creditPence).toBe(1);
    expect(allocateReceipt(items, PaymentChannel.DIRECT_DEBIT, 60_001).creditPence).toBe(1);
  });

  it('refuses a reused idempotency key for a different payment', () => {
    const original = { participantId: 'p1', amountPence: 21_500, channel: PaymentChannel.ONLINE };
    expect(() => assertSameRequest(original, { ...original })).not.toThrow();
    expect(thrown(() => assertSameRequest(original, { ...original, amountPence: 21_501 })).code).toBe('CONFLICT');
    expect(thrown(() => assertSameRequest(original, { ...original, participantId: 'p2' })).code).toBe('CONFLICT');
  });
});

describe('ATS-20 / DEC-P2 refunds', () => {
  it('refund everything paid, never more than the fee charged nor what was already refunded', () => {
    expect(refundableAmount(21_500, 0, 81_500)).toBe(21_500);
    expect(refundableAmount(90_000, 0, 81_500)).toBe(81_500);
    expect(refundableAmount(21_500, 21_500, 81_500)).toBe(0);
    expect(refundableAmount(0, 0, 81_500)).toBe(0);
  });
});
