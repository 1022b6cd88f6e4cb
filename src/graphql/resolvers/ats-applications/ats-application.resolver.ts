import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AtsApplication } from '../../../domain/ats/applications/ats-application.entity';
import { APPLICATION_READER_ROLES } from '../../../domain/ats/applications/ats-application.service';
import { isDecisionOverdue } from '../../../domain/ats/applications/ats-application.rules';
import { londonToday } from '../../../domain/shared/dates';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import {
  AtsApplicationConnection,
  AtsApplicationDecisionInput,
  AtsApplicationFilterInput,
  AtsApplicationType,
  SubmitAtsApplicationInput,
} from '../../types/ats-applications.types';

@Resolver(() => AtsApplicationType)
export class AtsApplicationResolver {
  @Mutation(() => AtsApplicationType, { description: 'ATS-2, ATS-4..6: a member applies, 1 April to 31 August, on the current template.' })
  @Allow(Role.MEMBER)
  submitAtsApplication(@Ctx() ctx: Context, @Arg('input', () => SubmitAtsApplicationInput, { description: 'The application.' }) input: SubmitAtsApplicationInput): Promise<AtsApplication> {
    return ctx.services.atsApplications.applications.submit(ctx.viewer, input);
  }

  @Mutation(() => AtsApplicationType, { description: 'ATS-7: the one final resubmission of an unsuccessful application.' })
  @Allow(Role.MEMBER)
  resubmitAtsApplication(
    @Ctx() ctx: Context,
    @Arg('previousApplicationId', () => ID, { description: 'ATS-7: the unsuccessful application being resubmitted.' }) previousApplicationId: string,
    @Arg('input', () => SubmitAtsApplicationInput, { description: 'The resubmitted application.' }) input: SubmitAtsApplicationInput,
  ): Promise<AtsApplication> {
    return ctx.services.atsApplications.applications.resubmit(ctx.viewer, previousApplicationId, input);
  }

  @Mutation(() => AtsApplicationType, { description: 'ATS-7, ATS-8: decides an application, with reasons, and emails the applicant.' })
  @Allow(Role.MEMBERSHIP_TEAM)
  decideAtsApplication(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The application’s id.' }) id: string,
    @Arg('input', () => AtsApplicationDecisionInput, { description: 'The decision.' }) input: AtsApplicationDecisionInput,
  ): Promise<AtsApplication> {
    return ctx.services.atsApplications.applications.decide(ctx.viewer, id, input.outcome, input.reasons);
  }

  @Query(() => [AtsApplicationType], { description: 'The signed-in member’s own ATS applications, newest first. A plain list because it stays small: one application per round plus the one resubmission (ATS-4, ATS-7).' })
  @Allow(Role.MEMBER)
  myAtsApplications(@Ctx() ctx: Context): Promise<AtsApplication[]> {
    return ctx.services.atsApplications.applications.mine(ctx.viewer);
  }

  @Query(() => AtsApplicationType, { description: 'One ATS application: members only their own; staff reads are audited.' })
  @Allow(Role.MEMBER, ...APPLICATION_READER_ROLES)
  atsApplication(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The application’s id.' }) id: string): Promise<AtsApplication> {
    return ctx.services.atsApplications.applications.get(ctx.viewer, id);
  }

  @Query(() => AtsApplicationConnection, { description: 'Staff list, oldest first; `overdue: true` is the overdue view (ATS-7, ATS-8). Audited.' })
  @Allow(...APPLICATION_READER_ROLES)
  async atsApplications(
    @Ctx() ctx: Context,
    @Arg('filter', () => AtsApplicationFilterInput, { nullable: true, description: 'Filters; all must hold.' }) filter: AtsApplicationFilterInput | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<AtsApplication>> {
    return toConnection(await ctx.services.atsApplications.applications.list(ctx.viewer, filter ?? {}, paging));
  }

  @FieldResolver(() => Boolean, { description: 'ATS-7, ATS-8: undecided and past the decision due date (London).' })
  isOverdue(@Root() application: AtsApplication, @Ctx() ctx: Context): boolean {
    return isDecisionOverdue(application, londonToday(ctx.services.clock));
  }

  @FieldResolver(() => Boolean, { description: 'ATS-7: this application is the one final resubmission of an unsuccessful one.' })
  isResubmission(@Root() application: AtsApplication): boolean {
    return application.resubmissionOfId !== null;
  }
}
