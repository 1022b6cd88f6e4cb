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
/**
 * ATS-15.3 sets no payment terms for the employer's invoice; DOMAIN.md is silent too. Decision taken here:
 * an invoice falls due 30 days after it is issued (ATS-17 still requires the whole balance within six months of issue).
 */
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

/** ATS-15.3 (terms decided here): the date an employer's invoice falls due. */
export function invoiceDueDate(issuedOn: LocalDate): LocalDate {
  return addDays(issuedOn, INVOICE_TERMS_DAYS);
}

/**
 * ATS-15 and DEC-P1: the schedule of a plan for a charge. SINGLE is one card payment due at registration;
 * DIRECT_DEBIT is a card payment of charge − 6 × £100 at registration then six £100 instalments (refused when the
 * charge is not more than 6 × £100); EMPLOYER_INVOICE is one invoice for the charge. The items add up to the charge.
 */
export function paymentSchedule(plan: PaymentPlan, chargePence: Pence, registrationDate: LocalDate): PlannedItem[] {
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
      return [{ sequence: 1, kind: ScheduleItemKind.INVOICE, amountPence: chargePence, dueOn: invoiceDueDate(registrationDate) }];
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
 * ATS-15 and ATS-16: which schedule items a payment channel can settle. Card payments (online or by phone) pay
 * anything the participant owes except an employer's invoice; a direct-debit collection pays instalments only;
 * a BACS transfer settles the employer's invoice.
 */
export function channelSettles(channel: PaymentChannel, kind: ScheduleItemKind): boolean {
  switch (channel) {
    case PaymentChannel.ONLINE:
    case PaymentChannel.PHONE:
      return kind !== ScheduleItemKind.INVOICE;
    case PaymentChannel.DIRECT_DEBIT:
      return kind === ScheduleItemKind.DIRECT_DEBIT_INSTALMENT;
    case PaymentChannel.BACS:
      return kind === ScheduleItemKind.INVOICE;
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

export const itemOutstanding = (item: Pick<OpenItem, 'amountPence' | 'paidPence' | 'status'>): Pence =>
  item.status === ScheduleItemStatus.PENDING ? item.amountPence - item.paidPence : 0;

/**
 * ATS-16: spreads a payment over the open items the channel can settle, earliest due first (or over the one item
 * named). Refuses a channel that can settle nothing here and a payment larger than what is outstanding.
 */
export function allocatePayment(items: readonly OpenItem[], channel: PaymentChannel, amountPence: Pence, onlyItemId?: string): Allocation[] {
  assertFeeAmount(amountPence);
  const open = items
    .filter((i) => itemOutstanding(i) > 0 && (!onlyItemId || i.id === onlyItemId))
    .sort((a, b) => (a.dueOn === b.dueOn ? a.sequence - b.sequence : a.dueOn < b.dueOn ? -1 : 1));
  if (onlyItemId && open.length === 0) throw ruleViolation('ATS-16', 'That schedule item has nothing outstanding');
  const payable = open.filter((i) => channelSettles(channel, i.kind));
  if (payable.length === 0) {
    if (open.length === 0) throw ruleViolation('ATS-16', 'Nothing is outstanding on this account');
    throw ruleViolation('ATS-15', `A ${channel} payment cannot settle what is outstanding here (${[...new Set(open.map((i) => i.kind))].join(', ')})`);
  }
  const available = payable.reduce((sum, i) => sum + itemOutstanding(i), 0);
  if (amountPence > available) {
    throw badInput('amountPence', `The payment of ${formatPounds(amountPence)} is more than the ${formatPounds(available)} outstanding`);
  }
  const allocations: Allocation[] = [];
  let left = amountPence;
  for (const item of payable) {
    if (left === 0) break;
    const part = Math.min(left, itemOutstanding(item));
    allocations.push({ scheduleItemId: item.id, amountPence: part });
    left -= part;
  }
  return allocations;
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

export interface BalanceFigures {
  chargedPence: Pence;
  paidPence: Pence;
  refundedPence: Pence;
  /** Owed amounts cancelled on withdrawal (ATS-20 / DEC-P2). */
  cancelledPence: Pence;
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
    outstandingPence: items.reduce((s, i) => s + itemOutstanding(i), 0),
  };
}
