import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Cohort } from '../../../domain/ats/programme/cohort.entity';
import type { RegistrationWindow } from '../../../domain/ats/programme/registration-window.entity';
import { Role } from '../../../domain/shared/viewer';
import { Allow, Public } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, listConnection, type ConnectionShape } from '../../types/common.types';
import { CohortConnection, CohortType, CreateCohortInput, CreateRegistrationWindowInput, RegistrationWindowConnection, RegistrationWindowType } from '../../types/programme.types';

const PROGRAMME_STAFF = [Role.MEMBERSHIP_TEAM, Role.ADMIN];

@Resolver(() => CohortType)
export class CohortResolver {
  @Query(() => CohortConnection, { description: 'Cohorts and their dates, published like the SET website (ATS-21).' })
  @Public()
  async cohorts(@Ctx() ctx: Context, @Args(() => ConnectionArgs) paging: ConnectionArgs): Promise<ConnectionShape<Cohort>> {
    return listConnection(await ctx.services.programme.cohorts.listCohorts(), paging);
  }

  @Query(() => RegistrationWindowConnection, { description: 'ATS-10: registration windows; `openOnly` for those open today.' })
  @Public()
  async registrationWindows(
    @Ctx() ctx: Context,
    @Arg('openOnly', { defaultValue: false, description: 'true: only the windows open today (London date).' }) openOnly: boolean,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<RegistrationWindow>> {
    return listConnection(await ctx.services.programme.cohorts.listWindows(openOnly), paging);
  }

  @Mutation(() => CohortType, { description: 'ATS-21, ATS-28: a cohort with its issue date, deadline and provisional results date.' })
  @Allow(...PROGRAMME_STAFF)
  createCohort(@Ctx() ctx: Context, @Arg('input', () => CreateCohortInput, { description: 'The cohort.' }) input: CreateCohortInput): Promise<Cohort> {
    return ctx.services.programme.cohorts.createCohort(ctx.viewer, input);
  }

  @Mutation(() => RegistrationWindowType, { description: 'ATS-10: the window that feeds a cohort; it closes before the issue date.' })
  @Allow(...PROGRAMME_STAFF)
  createRegistrationWindow(@Ctx() ctx: Context, @Arg('input', () => CreateRegistrationWindowInput, { description: 'The window.' }) input: CreateRegistrationWindowInput): Promise<RegistrationWindow> {
    return ctx.services.programme.cohorts.createWindow(ctx.viewer, input);
  }
}
