import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Payment, PaymentAllocation } from '../../../domain/payments/payment.entity';
import { PaymentChannel } from '../../../domain/payments/payment.enums';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { PaymentAllocationType, PaymentType, RecordMyOnlinePaymentInput, RecordPaymentInput } from '../../types/payments.types';

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
      'ATS-16: FINANCE records a payment (card ONLINE or PHONE, a DIRECT_DEBIT collection, or BACS against an invoice). ' +
      'The same idempotencyKey again returns the original payment; with a different participant, amount or channel it is a CONFLICT.',
  })
  @Allow(Role.FINANCE)
  recordPayment(@Ctx() ctx: Context, @Arg('input', () => RecordPaymentInput, { description: 'The payment.' }) input: RecordPaymentInput): Promise<Payment> {
    return ctx.services.payments.payments.record(ctx.viewer, input);
  }

  @Mutation(() => PaymentType, { description: 'ATS-16: a member records their own online card payment (ATS-57: their own fee only). Idempotent by key.' })
  @Allow(Role.MEMBER)
  recordMyOnlinePayment(@Ctx() ctx: Context, @Arg('input', () => RecordMyOnlinePaymentInput, { description: 'The payment.' }) input: RecordMyOnlinePaymentInput): Promise<Payment> {
    return ctx.services.payments.payments.record(ctx.viewer, { ...input, channel: PaymentChannel.ONLINE });
  }

  @FieldResolver(() => [PaymentAllocationType], { description: 'The schedule items this payment settled, and how much went to each.' })
  allocations(@Root() payment: Payment, @Ctx() ctx: Context): Promise<PaymentAllocation[]> {
    return allocationLoader(ctx).load(payment.id);
  }
}
