import { Ctx, Query, Resolver } from 'type-graphql';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { MemberDashboardType } from '../../types/dashboard.types';
import { toStatusType } from './status.resolver';

@Resolver()
export class DashboardResolver {
  @Query(() => MemberDashboardType, { description: 'The signed-in member’s home page: participation, next deadline, blockers, balance, released results, VIVA, statuses, certificates.' })
  @Allow(Role.MEMBER)
  async myDashboard(@Ctx() ctx: Context): Promise<MemberDashboardType> {
    const d = await ctx.services.dashboard.myDashboard(ctx.viewer);
    return { ...d, statuses: d.statuses.map(toStatusType) };
  }
}
