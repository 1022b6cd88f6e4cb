import { AttemptKind, PaymentPlan } from '../ats/programme/programme.enums';
import { addDays, addMonths, isAfter, isOnOrBefore, type LocalDate } from '../shared/dates';
import { badInput, conflict, ruleViolation } from '../shared/errors';
import { formatPounds, type Pence } from '../shared/money';
import { PaymentChannel, ScheduleItemKind, ScheduleItemStatus } from './payment.enums';

/** ATS-32..35, 47: the first (and only) restart costs £50. A later attempt is NEW again at the full fee (ATS-48). */
export const RESTART_FEE_PENCE: Pence = 5_000;
/** ATS-15.2: six direct-debit instalments of £100. */
export const DIRECT_DEBIT_INSTALMENTS = 6;
export const DIRECT_DEBIT_INSTALMENT_PENCE: Pence = 10_000;
/** DEC-P3: an employer invoice is due 30 days after the portfolio issue date. */
export const INVOICE_TERMS_DAYS = 30;

export interface PublishedFee {
  amountPence: Pence;
  publishedOn: LocalDate;
}

/** ATS-14: a fee applies to a registration only when it was published at least one month before the registration date. */
export function feeAppliesTo(publishedOn: LocalDate, registrationDate: LocalDate): boolean {
  return isOnOrBefore(addMonths(publishedOn, 1), registrationDate);
}

/** ATS-14: the first registration date a fee applies to (15 March -> 15 April; 31 January -> 28/29 February). */
export function feeAppliesFrom(publishedOn: LocalDate): LocalDate {
  return addMonths(publishedOn, 1);
}

/** ATS-14: the latest published fee that applies to a registration on `registrationDate`, or null when none does. */
export function feeInForce<T extends PublishedFee>(fees: readonly T[], registrationDate: LocalDate): T | null {
  let best: T | null = null;
  for (const fee of fees) {
    if (feeAppliesTo(fee.publishedOn, registrationDate) && (!best || isAfter(fee.publishedOn, best.publishedOn))) best = fee;
  }
  return best;
}

/** ATS-14 for NEW attempts (and ATS-48: a member's attempt after their one restart is NEW); ATS-32..35, 47 for the £50 restart. */
export function chargeForAttempt(attemptKind: AttemptKind, programmeFee: PublishedFee | null, registrationDate: LocalDate): Pence {
  if (attemptKind === AttemptKind.RESTART) return RESTART_FEE_PENCE;
  if (!programmeFee) throw ruleViolation('ATS-14', `No programme fee had been published at least one month before ${registrationDate}`);
  return programmeFee.amountPence;
}

/** A fee must be a positive whole number of pence (money is integer pence, VAT exempt). */
export function assertFeeAmount(amountPence: number, field = 'amountPence'): Pence {
  if (!Number.isSafeInteger(amountPence) || amountPence <= 0) throw badInput(field, 'An amount must be a positive whole number of pence');
  return amountPence;
}

/**
 * ATS-14: a fee is confirmed "at least one month before the registration date"; publishing one dated in the past would
 * shorten that notice for registrations already being made, so a new fee is published today or later.
 */
export function assertPublicationNotBackdated(publishedOn: LocalDate, today: LocalDate): void {
  if (publishedOn < today) throw ruleViolation('ATS-14', `A fee cannot be published with a date in the past (${publishedOn}); today is ${today}`);
}

export interface PlannedItem {
  sequence: number;
  kind: ScheduleItemKind;
  amountPence: Pence;
  dueOn: LocalDate;
}

/** DEC-P1: instalment n (1..6) falls on the registration's day-of-month n months later, clamped to the month's end. */
export function directDebitDueDate(registrationDate: LocalDate, instalment: number): LocalDate {
  return addMonths(registrationDate, instalment);
}

/** DEC-P3: an employer invoice falls due 30 days after the portfolio issue date of the cohort registered into. */
export function invoiceDueDate(portfolioIssueDate: LocalDate): LocalDate {
  return addDays(portfolioIssueDate, INVOICE_TERMS_DAYS);
}

/**
 * ATS-15 and DEC-P1: the schedule of a plan for a charge. SINGLE is one card payment due at registration;
 * DIRECT_DEBIT is a card payment of charge − 6 × £100 at registration then six £100 instalments (refused when the
 * charge is not more than 6 × £100); EMPLOYER_INVOICE is one invoice for the charge, due 30 days after the portfolio
 * issue date (DEC-P3; the registration date stands in when no cohort is known). The items add up to the charge.
 */
export function paymentSchedule(plan: PaymentPlan, chargePence: Pence, registrationDate: LocalDate, portfolioIssueDate: LocalDate = registrationDate): PlannedItem[] {
  assertFeeAmount(chargePence, 'chargePence');
  switch (plan) {
    case PaymentPlan.SINGLE:
      return [{ sequence: 1, kind: ScheduleItemKind.FULL_PAYMENT, amountPence: chargePence, dueOn: registrationDate }];
    case PaymentPlan.DIRECT_DEBIT: {
      const instalments = DIRECT_DEBIT_INSTALMENTS * DIRECT_DEBIT_INSTALMENT_PENCE;
      if (chargePence <= instalments) {
        throw ruleViolation(
          'ATS-15',
          `Direct debit needs a charge of more than ${formatPounds(instalments)} (an initial card payment then six instalments of ${formatPounds(DIRECT_DEBIT_INSTALMENT_PENCE)}); this charge is ${formatPounds(chargePence)}`,
        );
      }
      const items: PlannedItem[] = [{ sequence: 1, kind: ScheduleItemKind.INITIAL_PAYMENT, amountPence: chargePence - instalments, dueOn: registrationDate }];
      for (let n = 1; n <= DIRECT_DEBIT_INSTALMENTS; n++) {
        items.push({ sequence: n + 1, kind: ScheduleItemKind.DIRECT_DEBIT_INSTALMENT, amountPence: DIRECT_DEBIT_INSTALMENT_PENCE, dueOn: directDebitDueDate(registrationDate, n) });
      }
      return items;
    }
    case PaymentPlan.EMPLOYER_INVOICE:
      return [{ sequence: 1, kind: ScheduleItemKind.INVOICE, amountPence: chargePence, dueOn: invoiceDueDate(portfolioIssueDate) }];
    default:
      throw ruleViolation('ATS-15', `Unknown payment plan ${String(plan)}`);
  }
}

/** ATS-17: the full balance is due six months after the portfolio issue date (the start of the developmental process). */
export function balanceDueDate(portfolioIssueDate: LocalDate): LocalDate {
  return addMonths(portfolioIssueDate, 6);
}

/** ATS-17: a balance still open is overdue from the day after its due date. */
export function isBalanceOverdue(portfolioIssueDate: LocalDate, outstandingPence: Pence, today: LocalDate): boolean {
  return outstandingPence > 0 && isAfter(today, balanceDueDate(portfolioIssueDate));
}

/**
 * DEC-P3: which schedule items a payment channel can settle. A card (online or by phone) pays anything, an employer
 * invoice included; a direct-debit collection pays instalments; a bank transfer pays invoices or any balance.
 */
export function channelSettles(channel: PaymentChannel, kind: ScheduleItemKind): boolean {
  switch (channel) {
    case PaymentChannel.ONLINE:
    case PaymentChannel.PHONE:
    case PaymentChannel.BACS:
      return true;
    case PaymentChannel.DIRECT_DEBIT:
      return kind === ScheduleItemKind.DIRECT_DEBIT_INSTALMENT;
    default:
      return false;
  }
}

export interface OpenItem {
  id: string;
  sequence: number;
  kind: ScheduleItemKind;
  amountPence: Pence;
  paidPence: Pence;
  dueOn: LocalDate;
  status: ScheduleItemStatus;
}

export interface Allocation {
  scheduleItemId: string;
  amountPence: Pence;
}

export interface ReceiptAllocation {
  allocations: Allocation[];
  /** DEC-P5: what is left over, kept as a credit on the account. */
  creditPence: Pence;
}

export const itemOutstanding = (item: Pick<OpenItem, 'amountPence' | 'paidPence' | 'status'>): Pence =>
  item.status === ScheduleItemStatus.PENDING ? item.amountPence - item.paidPence : 0;

const byDueDate = (a: OpenItem, b: OpenItem) => (a.dueOn === b.dueOn ? a.sequence - b.sequence : a.dueOn < b.dueOn ? -1 : 1);

/**
 * ATS-16, DEC-P3, DEC-P5: spreads money received over the open items the channel can settle, earliest due first (or
 * over the one item named), and keeps whatever is left as a credit: money received is never refused or lost. Naming an
 * item the channel cannot settle (a direct debit against the registration payment) is refused, so nothing is recorded
 * against the wrong thing; recorded without the item, the money is allocated or kept as credit.
 */
export function allocateReceipt(items: readonly OpenItem[], channel: PaymentChannel, amountPence: Pence, onlyItemId?: string): ReceiptAllocation {
  assertFeeAmount(amountPence);
  let candidates = [...items].sort(byDueDate);
  if (onlyItemId) {
    const named = candidates.find((i) => i.id === onlyItemId);
    if (named && !channelSettles(channel, named.kind)) throw ruleViolation('DEC-P3', `A ${channel} payment cannot settle a ${named.kind} item`);
    candidates = named ? [named] : [];
  }
  const allocations: Allocation[] = [];
  let left = amountPence;
  for (const item of candidates) {
    if (left === 0) break;
    if (!channelSettles(channel, item.kind)) continue;
    const part = Math.min(left, itemOutstanding(item));
    if (part <= 0) continue;
    allocations.push({ scheduleItemId: item.id, amountPence: part });
    left -= part;
  }
  return { allocations, creditPence: left };
}

/** ATS-15, DEC-P1: what a card payment started today pays by default: every open amount already due. */
export function amountDueNow(items: readonly OpenItem[], today: LocalDate): Pence {
  return items.filter((i) => isOnOrBefore(i.dueOn, today)).reduce((s, i) => s + itemOutstanding(i), 0);
}

/** DEC-P3: an amount is overdue from the day after its own due date while anything of it is unpaid. */
export function isItemOverdue(item: Pick<OpenItem, 'amountPence' | 'paidPence' | 'status' | 'dueOn'>, today: LocalDate): boolean {
  return itemOutstanding(item) > 0 && isAfter(today, item.dueOn);
}

export interface PaymentIdentity {
  participantId: string;
  amountPence: Pence;
  channel: PaymentChannel;
}

/** Idempotency: a key already used must name the same payment (participant, amount, channel); otherwise it is refused. */
export function assertSameRequest(existing: PaymentIdentity, requested: PaymentIdentity): void {
  if (existing.participantId !== requested.participantId || existing.amountPence !== requested.amountPence || existing.channel !== requested.channel) {
    throw conflict('This idempotency key was already used for a different payment', 'ATS-16');
  }
}

/** ATS-20 / DEC-P2: a full refund returns everything paid, up to the programme fee charged, less anything already refunded. */
export function refundableAmount(paidPence: Pence, refundedPence: Pence, chargePence: Pence): Pence {
  return Math.max(0, Math.min(paidPence, chargePence) - refundedPence);
}

export interface RefundablePayment {
  id: string;
  amountPence: Pence;
  creditPence: Pence;
  /** Already refunded from this payment. */
  refundedPence: Pence;
  receivedAt: Date;
}

export interface PlannedRefund {
  paymentId: string;
  amountPence: Pence;
}

/**
 * DEC-P5: the credit still held from a payment. A refund from a payment is taken from its credit first (money that
 * was never owed goes back before money that paid the fee).
 */
export const paymentCredit = (p: Pick<RefundablePayment, 'creditPence' | 'refundedPence'>): Pence => Math.max(0, p.creditPence - p.refundedPence);

/** DEC-P5: the credit on an account: what its payments brought beyond what was owed, less what went back. */
export const accountCredit = (payments: readonly Pick<RefundablePayment, 'creditPence' | 'refundedPence'>[]): Pence => payments.reduce((s, p) => s + paymentCredit(p), 0);

/**
 * ATS-20 / DEC-P2 (and ATS-45 in cooling off): the full refund, payment by payment, so each payer gets back what they
 * paid by the channel it came by: everything not yet refunded. What was paid beyond the fee is credit (DEC-P5), so the
 * fee part is "everything paid, up to the programme fee" and the rest is the payer's credit returned with it.
 */
export function planFullRefund(payments: readonly RefundablePayment[]): PlannedRefund[] {
  return [...payments]
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
    .map((p) => ({ paymentId: p.id, amountPence: p.amountPence - p.refundedPence }))
    .filter((r) => r.amountPence > 0);
}

/**
 * DEC-P5: refunds `amountPence` of the account's credit (all of it when omitted), newest credit first, from the
 * payments that brought it. Refused when there is no credit or the amount is more than the credit.
 */
export function planCreditRefund(payments: readonly RefundablePayment[], amountPence?: Pence | null): PlannedRefund[] {
  const credit = accountCredit(payments);
  if (credit === 0) throw ruleViolation('DEC-P5', 'There is no credit on this account to refund');
  const wanted = amountPence ?? credit;
  assertFeeAmount(wanted);
  if (wanted > credit) throw ruleViolation('DEC-P5', `Only ${formatPounds(credit)} is held as credit; ${formatPounds(wanted)} cannot be refunded from it`);
  const plan: PlannedRefund[] = [];
  let left = wanted;
  for (const p of [...payments].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())) {
    if (left === 0) break;
    const part = Math.min(left, paymentCredit(p));
    if (part > 0) plan.push({ paymentId: p.id, amountPence: part });
    left -= part;
  }
  return plan;
}

export interface BalanceFigures {
  chargedPence: Pence;
  paidPence: Pence;
  refundedPence: Pence;
  /** Owed amounts cancelled on withdrawal (ATS-20 / DEC-P2). */
  cancelledPence: Pence;
  /** Owed amounts FINANCE wrote off after an ATS-45 withdrawal. */
  writtenOffPence: Pence;
  outstandingPence: Pence;
}

/** The figures of an account: what is outstanding is what open schedule items still lack. */
export function balanceFigures(chargePence: Pence, items: readonly OpenItem[], payments: readonly { amountPence: Pence }[], refunds: readonly { amountPence: Pence }[]): BalanceFigures {
  const sum = (xs: readonly { amountPence: Pence }[]) => xs.reduce((s, x) => s + x.amountPence, 0);
  return {
    chargedPence: chargePence,
    paidPence: sum(payments),
    refundedPence: sum(refunds),
    cancelledPence: items.filter((i) => i.status === ScheduleItemStatus.CANCELLED).reduce((s, i) => s + i.amountPence - i.paidPence, 0),
    writtenOffPence: items.filter((i) => i.status === ScheduleItemStatus.WRITTEN_OFF).reduce((s, i) => s + i.amountPence - i.paidPence, 0),
    outstandingPence: items.reduce((s, i) => s + itemOutstanding(i), 0),
  };
}
