import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { CardCheckout } from '../../../domain/payments/card-checkout.entity';
import type { Payment, PaymentAllocation } from '../../../domain/payments/payment.entity';
import type { Refund } from '../../../domain/payments/refund.entity';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { CardCheckoutType, PaymentAllocationType, PaymentType, RecordPaymentInput, RefundCreditInput, RefundType, StartCardPaymentInput } from '../../types/payments.types';

/** One allocation loader per request (keyed by the request's context), so a list of payments costs one query. */
const allocationLoaders = new WeakMap<Context, DataLoader<string, PaymentAllocation[]>>();
function allocationLoader(ctx: Context): DataLoader<string, PaymentAllocation[]> {
  let loader = allocationLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const found = await ctx.services.payments.payments.allocationsByPayment(ids);
      return ids.map((id) => found.get(id) ?? []);
    });
    allocationLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => PaymentType)
export class PaymentResolver {
  @Mutation(() => PaymentType, {
    description:
      'ATS-16, DEC-P4: FINANCE records a phone card payment, a DIRECT_DEBIT collection or a BACS receipt with its reference (online card payments ' +
      'are recorded only from the provider’s verified webhook). The same idempotencyKey again returns the original payment; with a different ' +
      'participant, amount or channel it is a CONFLICT; the same reference on the same channel is never recorded twice. Money beyond what is owed ' +
      'is kept as a credit (DEC-P5).',
  })
  @Allow(Role.FINANCE)
  recordPayment(@Ctx() ctx: Context, @Arg('input', () => RecordPaymentInput, { description: 'The payment.' }) input: RecordPaymentInput): Promise<Payment> {
    return ctx.services.payments.payments.record(ctx.viewer, input);
  }

  @Mutation(() => CardCheckoutType, {
    description:
      'ATS-16, DEC-P4: a member starts a card payment for their own participation (what is due now by default) and gets what the front end needs ' +
      'to send them to the payment provider. The payment is recorded only when the provider’s verified event arrives at ' +
      '`POST /webhooks/payments/<provider>`. The same idempotencyKey returns the same checkout.',
  })
  @Allow(Role.MEMBER)
  startCardPayment(
    @Ctx() ctx: Context,
    @Arg('input', () => StartCardPaymentInput, { description: 'The participation to pay for, the amount (what is due now by default) and an idempotency key.' }) input: StartCardPaymentInput,
  ): Promise<CardCheckout> {
    return ctx.services.payments.cards.start(ctx.viewer, input);
  }

  @Mutation(() => [RefundType], {
    description:
      'DEC-P5: FINANCE refunds credit (money received beyond what was owed) to whoever paid it, by the channel it came by; each payer is emailed. ' +
      'Returns a plain list because it stays small: one refund per payment that holds credit.',
  })
  @Allow(Role.FINANCE)
  refundCredit(@Ctx() ctx: Context, @Arg('input', () => RefundCreditInput, { description: 'The participation whose credit is refunded, and why.' }) input: RefundCreditInput): Promise<Refund[]> {
    return ctx.services.payments.accounts.refundCredit(ctx.viewer, input);
  }

  @FieldResolver(() => [PaymentAllocationType], { description: 'The schedule items this payment settled, and how much went to each.' })
  allocations(@Root() payment: Payment, @Ctx() ctx: Context): Promise<PaymentAllocation[]> {
    return allocationLoader(ctx).load(payment.id);
  }
}
