import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Member } from '../../../domain/membership/member.entity';
import { BALANCE_READER_ROLES, type BalanceView, type OverdueBalance, type OverdueItem } from '../../../domain/payments/payment-account.service';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { MemberType } from '../../types/membership.types';
import { readMemberAudited } from '../../audited-reads';
import { DecideWithdrawnBalanceInput, OverdueBalanceConnection, OverdueBalanceType, OverdueItemConnection, OverdueItemType, ParticipantBalanceType } from '../../types/payments.types';

@Resolver(() => ParticipantBalanceType)
export class ParticipantBalanceResolver {
  @Query(() => ParticipantBalanceType, { description: 'A participant’s fee account: charge, payments, refunds, schedule and invoices. Members see only their own (ATS-57).' })
  @Allow(Role.MEMBER, ...BALANCE_READER_ROLES)
  participantBalance(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'The participant whose account to read.' }) participantId: string): Promise<BalanceView> {
    return ctx.services.payments.accounts.balance(ctx.viewer, participantId);
  }

  @Query(() => [ParticipantBalanceType], { description: 'The signed-in member’s own fee accounts, newest first. A plain list because it stays small: one account per participation (ATS-35, ATS-48).' })
  @Allow(Role.MEMBER)
  myBalances(@Ctx() ctx: Context): Promise<BalanceView[]> {
    return ctx.services.payments.accounts.myBalances(ctx.viewer);
  }

  @Mutation(() => ParticipantBalanceType, {
    description:
      'ATS-45: after SET withdrew a participant for ineligibility outside cooling off (collection stopped), FINANCE writes the balance off or keeps it, ' +
      'once, with a reason; audited and told to the participant.',
  })
  @Allow(Role.FINANCE)
  decideWithdrawnBalance(@Ctx() ctx: Context, @Arg('input', () => DecideWithdrawnBalanceInput, { description: 'ATS-45: the participation, the decision (WRITE_OFF or KEEP) and the reason.' }) input: DecideWithdrawnBalanceInput): Promise<BalanceView> {
    return ctx.services.payments.accounts.decideWithdrawnBalance(ctx.viewer, input.participantId, input.decision, input.reason);
  }
}

@Resolver(() => OverdueItemType)
export class OverdueItemResolver {
  @Query(() => OverdueItemConnection, {
    description: 'DEC-P3: amounts overdue on their own due dates (registration payments, missed direct debits, invoices past due), earliest due first.',
  })
  @Allow(Role.FINANCE, Role.ADMIN)
  async overdueItems(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<OverdueItem>> {
    return toConnection(await ctx.services.payments.accounts.overdueItems(ctx.viewer, paging));
  }

  @FieldResolver(() => MemberType, { nullable: true, description: 'The participant’s membership record.' })
  member(@Root() row: OverdueItem, @Ctx() ctx: Context): Promise<Member | null> {
    return ctx.loaders.member.load(row.memberId);
  }
}

@Resolver(() => OverdueBalanceType)
export class OverdueBalanceResolver {
  @Query(() => OverdueBalanceConnection, { description: 'ATS-17: participants whose balance is still open more than six months after their portfolio issue date, oldest first.' })
  @Allow(Role.FINANCE, Role.ADMIN)
  async overdueBalances(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<OverdueBalance>> {
    return toConnection(await ctx.services.payments.accounts.overdueBalances(ctx.viewer, paging));
  }

  @FieldResolver(() => MemberType, { nullable: true, description: 'The member (a staff read of personal data, audited as ATS-57 requires).' })
  member(@Root() row: OverdueBalance, @Ctx() ctx: Context): Promise<Member | null> {
    return readMemberAudited(ctx, row.memberId);
  }
}
