import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
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
    @Arg('input', () => SubmitMembershipApplicationInput, { description: 'The application.' }) input: SubmitMembershipApplicationInput,
  ): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.submit(ctx.viewer, input);
  }

  @Query(() => MembershipApplicationConnection, { description: 'Applications oldest first, for the suitability panel.' })
  @Allow(...MEMBERSHIP_STAFF)
  async membershipApplications(
    @Ctx() ctx: Context,
    @Arg('status', () => MembershipApplicationStatus, { nullable: true, description: 'Only applications in this status.' }) status: MembershipApplicationStatus | undefined,
    @Arg('reviewStatus', () => SuitabilityReviewStatus, { nullable: true, description: 'Only applications with this COP-3 review status.' }) reviewStatus: SuitabilityReviewStatus | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<MembershipApplication>> {
    return toConnection(await ctx.services.membershipApplications.list(ctx.viewer, { status, reviewStatus }, paging));
  }

  @Query(() => MembershipApplicationType, { description: 'COP-2: one application to join, for the suitability panel.' })
  @Allow(...MEMBERSHIP_STAFF)
  membershipApplication(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The application’s id.' }) id: string): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.get(ctx.viewer, id);
  }

  @Mutation(() => MembershipApplicationType, { description: 'COP-2, COP-4: the panel decides, with reasons; approval creates the membership.' })
  @Allow(...MEMBERSHIP_STAFF)
  decideMembershipApplication(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The application’s id.' }) id: string,
    @Arg('input', () => SuitabilityDecisionInput, { description: 'The decision.' }) input: SuitabilityDecisionInput,
  ): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.decide(ctx.viewer, id, input.outcome, input.reasons, input.panelMemberIds);
  }

  @Mutation(() => MembershipApplicationType, { description: 'COP-3: records an applicant’s request to review a refusal.' })
  @Allow(...MEMBERSHIP_STAFF)
  requestMembershipApplicationReview(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The refused application’s id.' }) id: string, @Arg('grounds', { description: 'COP-3: the applicant’s grounds for a review.' }) grounds: string): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.requestReview(ctx.viewer, id, grounds);
  }

  @Mutation(() => MembershipApplicationType, { description: 'COP-3: an independent panel upholds or overturns the refusal.' })
  @Allow(...MEMBERSHIP_STAFF)
  decideMembershipApplicationReview(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The application’s id.' }) id: string,
    @Arg('input', () => ReviewDecisionInput, { description: 'The review decision.' }) input: ReviewDecisionInput,
  ): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.decideReview(ctx.viewer, id, input.outcome, input.reasons, input.panelMemberIds);
  }
}
