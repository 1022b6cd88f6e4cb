import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AuditEntry } from '../../domain/audit/audit-entry.entity';
import type { Notification } from '../../domain/notifications/notification.entity';
import { MailDeliveryProblem } from '../../domain/notifications/notification.service';
import { badInput } from '../../domain/shared/errors';
import { Role } from '../../domain/shared/viewer';
import type { ServerClockState } from '../../domain/system/server-clock.service';
import type { SweepResult } from '../../domain/system/sweep.service';
import { Allow, Public } from '../access';
import type { Context } from '../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../types/common.types';
import { AuditEntryConnection, AuditFilterInput, NotificationConnection, NotificationFilterInput, ServerClockType, SweepResultType } from '../types/system.types';

@Resolver()
export class SystemResolver {
  @Query(() => ServerClockType, { description: 'The server clock every rule reads (DEC-T2).' })
  @Public()
  serverClock(@Ctx() ctx: Context): ServerClockState {
    return ctx.services.serverClock.state();
  }

  @Mutation(() => ServerClockType, { description: 'DEC-T2: moves the server clock (null resets it). Refused where the test clock is disabled, always in production.' })
  @Allow(Role.ADMIN)
  async setServerClock(@Ctx() ctx: Context, @Arg('at', () => Date, { nullable: true, description: 'DEC-T2: the instant to move the clock to; null resets it to the real time.' }) at: Date | null): Promise<ServerClockState> {
    const state = await ctx.services.serverClock.set(ctx.viewer, at ?? null);
    await ctx.services.sweeps.runAll();
    return state;
  }

  @Mutation(() => [SweepResultType], { description: 'Runs the time-driven sweeps now (they also run on a timer). Idempotent. Returns a plain list because it stays small: one result per registered sweep.' })
  @Allow(Role.MEMBERSHIP_TEAM, Role.ADMIN)
  runSweeps(@Ctx() ctx: Context): Promise<SweepResult[]> {
    return ctx.services.sweeps.runAll(ctx.viewer);
  }

  @Query(() => NotificationConnection, { description: 'The email outbox, newest first. Bodies hold personal data, so MEMBERSHIP_TEAM and ADMIN only (ATS-57).' })
  @Allow(Role.MEMBERSHIP_TEAM, Role.ADMIN)
  async notifications(
    @Ctx() ctx: Context,
    @Arg('filter', () => NotificationFilterInput, { nullable: true, description: 'Filters; all must hold.' }) filter: NotificationFilterInput | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<Notification>> {
    const page = await ctx.services.notifications.list(ctx.viewer, filter ?? {}, paging);
    await ctx.services.audit.recordRead(ctx.viewer, { action: 'notification.list', targetType: 'notification', detail: { returned: page.items.map((n) => n.id) } });
    return toConnection(page);
  }

  @Query(() => NotificationConnection, {
    description:
      'Issue 8: notices the mail relay has not taken: UNDELIVERABLE ones (given up) or DELAYED ones (still retried, first failed more than `delayedForMinutes` ago), newest first. Bodies hold personal data (ATS-57).',
  })
  @Allow(Role.MEMBERSHIP_TEAM, Role.ADMIN)
  async mailDeliveryProblems(
    @Ctx() ctx: Context,
    @Arg('problem', () => MailDeliveryProblem, { description: 'Which notices to list.' }) problem: MailDeliveryProblem,
    @Arg('delayedForMinutes', () => Int, { defaultValue: 60, description: 'For DELAYED: how long since the first failure (1..10080 minutes).' }) delayedForMinutes: number,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<Notification>> {
    if (!Number.isInteger(delayedForMinutes) || delayedForMinutes < 1 || delayedForMinutes > 10_080) throw badInput('delayedForMinutes', 'must be between 1 and 10080');
    const page = await ctx.services.notifications.deliveryProblems(ctx.viewer, problem, delayedForMinutes, new Date(), paging);
    await ctx.services.audit.recordRead(ctx.viewer, { action: 'notification.deliveryProblems', targetType: 'notification', detail: { returned: page.items.map((n) => n.id) } });
    return toConnection(page);
  }

  @Query(() => NotificationConnection, { description: 'The signed-in member’s own notices, newest first.' })
  @Allow(Role.MEMBER)
  async myNotifications(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<Notification>> {
    return toConnection(await ctx.services.notifications.mine(ctx.viewer, paging));
  }

  @Query(() => AuditEntryConnection, { description: 'ATS-57: the audit log, newest first.' })
  @Allow(Role.ADMIN)
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditFilterInput, { nullable: true, description: 'Filters; all must hold.' }) filter: AuditFilterInput | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<AuditEntry>> {
    return toConnection(await ctx.services.audit.list(ctx.viewer, filter ?? {}, paging));
  }
}
