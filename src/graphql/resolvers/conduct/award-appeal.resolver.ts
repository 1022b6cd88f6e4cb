import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AwardAppeal } from '../../../domain/conduct/award-appeal.entity';
import { CONDUCT_ROLES } from '../../../domain/conduct/conduct-access';
import { AppealedAwardDecision, AwardAppealOutcome, AwardAppealRemedy, AwardAppealStatus } from '../../../domain/conduct/conduct.enums';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { AwardAppealConnection, AwardAppealType } from '../../types/conduct.types';
import { limit, uuid } from './views';

@Resolver()
export class AwardAppealResolver {
  @Mutation(() => AwardAppealType, { description: 'COP-7: the participant (or the conduct panel for them) appeals a decision not to award; once per decision. State: LODGED.' })
  @Allow(Role.MEMBER, ...CONDUCT_ROLES)
  lodgeAwardAppeal(
    @Ctx() ctx: Context,
    @Arg('participantId', () => ID, { description: 'The participation.' }) participantId: string,
    @Arg('decision', () => AppealedAwardDecision, { description: 'The decision appealed.' }) decision: AppealedAwardDecision,
    @Arg('grounds', { description: 'The grounds (at least 10 characters).' }) grounds: string,
  ): Promise<AwardAppeal> {
    return ctx.services.conduct.awardAppeals.lodge(ctx.viewer, uuid('participantId', participantId), decision, limit('grounds', grounds, 10000));
  }

  @Mutation(() => AwardAppealType, { description: 'LODGED → UNDER_REVIEW, with review notes.' })
  @Allow(...CONDUCT_ROLES)
  startAwardAppealReview(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Appeal id.' }) id: string, @Arg('notes', { description: 'Review notes.' }) notes: string): Promise<AwardAppeal> {
    return ctx.services.conduct.awardAppeals.startReview(ctx.viewer, uuid('id', id), limit('notes', notes, 10000));
  }

  @Mutation(() => AwardAppealType, { description: 'UNDER_REVIEW → DECIDED. UPHELD lets the participant proceed to the blocked step (a new VIVA, or the award) in the same transaction.' })
  @Allow(...CONDUCT_ROLES)
  decideAwardAppeal(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Appeal id.' }) id: string,
    @Arg('outcome', () => AwardAppealOutcome, { description: 'The outcome.' }) outcome: AwardAppealOutcome,
    @Arg('reasons', { description: 'The reasons (at least 10 characters).' }) reasons: string,
    @Arg('remedy', () => AwardAppealRemedy, { nullable: true, description: 'UPHELD: the step allowed (default NEW_VIVA; a failed resubmission always leads to a VIVA).' }) remedy: AwardAppealRemedy | undefined,
  ): Promise<AwardAppeal> {
    return ctx.services.conduct.awardAppeals.decide(ctx.viewer, uuid('id', id), outcome, limit('reasons', reasons, 10000), remedy);
  }

  @Query(() => [AwardAppealType], { description: 'The signed-in member’s own award appeals, newest first. Not paged: it stays small (at most one appeal per decision not to award on each of the member’s participations; capped at 100).' })
  @Allow(Role.MEMBER)
  myAwardAppeals(@Ctx() ctx: Context): Promise<AwardAppeal[]> {
    return ctx.services.conduct.awardAppeals.mine(ctx.viewer);
  }

  @Query(() => AwardAppealConnection, { description: 'Award appeals, oldest first (audited). Keyset-paged both ways: first/after or last/before.' })
  @Allow(...CONDUCT_ROLES)
  async awardAppeals(
    @Ctx() ctx: Context,
    @Arg('status', () => AwardAppealStatus, { nullable: true, description: 'Only appeals in this state.' }) status: AwardAppealStatus | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<AwardAppeal>> {
    return toConnection(await ctx.services.conduct.awardAppeals.list(ctx.viewer, status, paging));
  }
}
