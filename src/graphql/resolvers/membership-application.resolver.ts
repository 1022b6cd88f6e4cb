import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
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
  @Mutation(() => MembershipApplicationType, {
    description:
      'Anyone may apply to join SET, accepting the current Code of Practice (COP-1, COP-2). The address receives only a fixed message with a ' +
      'confirmation link; the application is considered once confirmed (confirmMembershipApplication). Rate-limited per address (RATE_LIMITED).',
  })
  @Public()
  submitMembershipApplication(
    @Ctx() ctx: Context,
    @Arg('input', () => SubmitMembershipApplicationInput, { description: 'The application.' }) input: SubmitMembershipApplicationInput,
  ): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.submit(ctx.viewer, input);
  }

  @Mutation(() => MembershipApplicationType, {
    description:
      'The applicant confirms their email address with the token from the confirmation message; only then is the application considered. ' +
      'Unconfirmed applications are deleted after JOIN_CONFIRMATION_HOURS (default 72). Confirming twice answers the same. An unknown or expired token is RULE_VIOLATION (COP-2, condition CONFIRMATION_INVALID).',
  })
  @Public()
  confirmMembershipApplication(
    @Ctx() ctx: Context,
    @Arg('token', () => String, { description: 'The token from the link in the confirmation message (43 characters).' }) token: string,
  ): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.confirm(ctx.viewer, token);
  }

  @Query(() => MembershipApplicationConnection, { description: 'Confirmed applications oldest first, for the suitability panel.' })
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

  @Mutation(() => MembershipApplicationType, { description: 'DEC-J1: closes an application that gives an existing member’s email, with a neutral status and email (no review is offered).' })
  @Allow(...MEMBERSHIP_STAFF)
  closeMembershipApplication(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The application.' }) id: string): Promise<MembershipApplication> {
    return ctx.services.membershipApplications.closeForExistingMemberEmail(ctx.viewer, id);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'DEC-J1 (staff only; null for anyone else): the email given belongs to an existing member.' })
  emailMatchesMember(@Root() application: MembershipApplication, @Ctx() ctx: Context): boolean | null {
    return ctx.services.membershipApplications.emailMatchesMember(ctx.viewer, application);
  }
}
