import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Member } from '../../../domain/membership/member.entity';
import { BALANCE_READER_ROLES, type BalanceView, type OverdueBalance } from '../../../domain/payments/payment-account.service';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { MemberType } from '../../types/membership.types';
import { OverdueBalanceConnection, OverdueBalanceType, ParticipantBalanceType } from '../../types/payments.types';

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
    return ctx.loaders.member.load(row.memberId);
  }
}
