import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { MembershipApplication } from '../../domain/membership/membership-application.entity';
import { MembershipApplicationStatus, SuitabilityReviewStatus } from '../../domain/membership/membership.enums';
import { Role } from '../../domain/shared/viewer';
import { Allow, Public } from '../access';
import type { Context } from '../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../types/common.types';
import {
  MembershipApplicationConnection,
  MembershipApplicationType,
  ReviewDecisionInput,
  SubmitMembershipApplicationInput,
  SuitabilityDecisionInput,
} from '../types/membership.types';

const MEMBERSHIP_STAFF = [Role.MEMBERSHIP_TEAM, Role.ADMIN];

@Resolver(() => MembershipApplicationType)
export class MembershipApplicationResolver {
  @Mutation(() => MembershipApplicationType, { description: 'Anyone may apply to join SET, accepting the current Code of Practice (COP-1, COP-2).' })
  @Public()
  submitMembershipApplication(
    @Ctx() ctx: Context,
    @Arg('input', () => SubmitMembershipApplicationInput) input: SubmitMembershipApplicationInput,
  ): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.submit(ctx.viewer, input);
  }

  @Query(() => MembershipApplicationConnection, { description: 'Applications oldest first, for the suitability panel.' })
  @Allow(...MEMBERSHIP_STAFF)
  async membershipApplications(
    @Ctx() ctx: Context,
    @Arg('status', () => MembershipApplicationStatus, { nullable: true }) status: MembershipApplicationStatus | undefined,
    @Arg('reviewStatus', () => SuitabilityReviewStatus, { nullable: true }) reviewStatus: SuitabilityReviewStatus | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<MembershipApplication>> {
    return toConnection(await ctx.services.membershipApplications.list(ctx.viewer, { status, reviewStatus }, paging));
  }

  @Query(() => MembershipApplicationType)
  @Allow(...MEMBERSHIP_STAFF)
  membershipApplication(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.get(ctx.viewer, id);
  }

  @Mutation(() => MembershipApplicationType, { description: 'COP-2, COP-4: the panel decides, with reasons; approval creates the membership.' })
  @Allow(...MEMBERSHIP_STAFF)
  decideMembershipApplication(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => SuitabilityDecisionInput) input: SuitabilityDecisionInput,
  ): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.decide(ctx.viewer, id, input.outcome, input.reasons, input.panelMemberIds);
  }

  @Mutation(() => MembershipApplicationType, { description: 'COP-3: records an applicant’s request to review a refusal.' })
  @Allow(...MEMBERSHIP_STAFF)
  requestMembershipApplicationReview(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('grounds') grounds: string): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.requestReview(ctx.viewer, id, grounds);
  }

  @Mutation(() => MembershipApplicationType, { description: 'COP-3: an independent panel upholds or overturns the refusal.' })
  @Allow(...MEMBERSHIP_STAFF)
  decideMembershipApplicationReview(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ReviewDecisionInput) input: ReviewDecisionInput,
  ): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.decideReview(ctx.viewer, id, input.outcome, input.reasons, input.panelMemberIds);
  }
}
