import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Participant } from '../../../domain/ats/programme/participant.entity';
import { ParticipantStatus } from '../../../domain/ats/programme/programme.enums';
import type { AtsObjection, AtsOutcome, AtsResubmission } from '../../../domain/ats/results/results.entities';
import { ObjectionStatus, ResubmissionOverdueKind } from '../../../domain/ats/results/results.enums';
import { ASSESSOR_ROLES, RESULTS_STAFF_ROLES } from '../../../domain/ats/results/results.service';
import { badInput } from '../../../domain/shared/errors';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { AssessmentResultType, DecideObjectionInput, ObjectionConnection, ObjectionType, RecordOutcomeInput, ResubmissionConnection, ResubmissionType } from '../../types/ats-results.types';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { ParticipantConnection, ParticipantType } from '../../types/programme.types';

@Resolver()
export class ResultsResolver {
  @Mutation(() => AssessmentResultType, { description: 'ATS-28..31, 34: records the outcome of a submission, resubmission, or (after an upheld objection) a new outcome. Hidden from the participant until release (DEC-O1).' })
  @Allow(...ASSESSOR_ROLES)
  recordAssessmentOutcome(
    @Ctx() ctx: Context,
    @Arg('participantId', () => ID, { description: 'The participation assessed.' }) participantId: string,
    @Arg('input', () => RecordOutcomeInput, { description: 'The outcome.' }) input: RecordOutcomeInput,
  ): Promise<AtsOutcome> {
    return ctx.services.atsResults.results.recordOutcome(ctx.viewer, participantId, input);
  }

  @Mutation(() => Int, { description: 'DEC-O1: releases a cohort’s assessed results during (or after) its provisional results date, never before; returns how many were released. Each participant is emailed once (ATS-29).' })
  @Allow(...ASSESSOR_ROLES)
  releaseCohortResults(@Ctx() ctx: Context, @Arg('cohortId', () => ID, { description: 'The cohort.' }) cohortId: string): Promise<number> {
    return ctx.services.atsResults.results.releaseCohort(ctx.viewer, cohortId);
  }

  @Mutation(() => ResubmissionType, { description: 'ATS-31: resubmits the portfolio by the individual deadline, on ATS-22’s conditions.' })
  @Allow(Role.MEMBER)
  resubmitPortfolio(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'Your participation.' }) participantId: string): Promise<AtsResubmission> {
    return ctx.services.atsResults.results.resubmit(ctx.viewer, participantId);
  }

  @Mutation(() => ObjectionType, { description: 'ATS-36: objects to a released decision not to provisionally award, within the Objections Policy period (default 28 days from release).' })
  @Allow(Role.MEMBER)
  objectToResult(
    @Ctx() ctx: Context,
    @Arg('participantId', () => ID, { description: 'Your participation.' }) participantId: string,
    @Arg('grounds', () => String, { description: 'Your grounds (up to 10,000 characters).' }) grounds: string,
  ): Promise<AtsObjection> {
    return ctx.services.atsResults.results.object(ctx.viewer, participantId, limit(grounds, 'grounds', 10000));
  }

  @Mutation(() => ObjectionType, { description: 'ATS-36: starts the review of a received objection.' })
  @Allow(...RESULTS_STAFF_ROLES)
  startObjectionReview(@Ctx() ctx: Context, @Arg('objectionId', () => ID, { description: 'The objection.' }) objectionId: string): Promise<AtsObjection> {
    return ctx.services.atsResults.results.startObjectionReview(ctx.viewer, objectionId);
  }

  @Mutation(() => ObjectionType, { description: 'ATS-36: upholds or does not uphold an objection, with reasons. An upheld one lets staff record a new outcome.' })
  @Allow(...RESULTS_STAFF_ROLES)
  decideObjection(
    @Ctx() ctx: Context,
    @Arg('objectionId', () => ID, { description: 'The objection.' }) objectionId: string,
    @Arg('input', () => DecideObjectionInput, { description: 'The decision.' }) input: DecideObjectionInput,
  ): Promise<AtsObjection> {
    return ctx.services.atsResults.results.decideObjection(ctx.viewer, objectionId, input.upheld, input.reasons);
  }

  @Query(() => ObjectionConnection, { description: 'ATS-36: objections, oldest first, optionally by status.' })
  @Allow(...RESULTS_STAFF_ROLES)
  async objections(
    @Ctx() ctx: Context,
    @Arg('status', () => ObjectionStatus, { nullable: true, description: 'Only objections in this state.' }) status: ObjectionStatus | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<AtsObjection>> {
    return toConnection(await ctx.services.atsResults.results.objections(ctx.viewer, status ?? undefined, paging));
  }

  @Query(() => ParticipantConnection, { description: 'Submissions not yet assessed: resubmissions, and first submissions in cohorts whose results date is within `withinDays` (default 28).' })
  @Allow(...RESULTS_STAFF_ROLES)
  async unassessedSubmissions(
    @Ctx() ctx: Context,
    @Arg('withinDays', () => Int, { nullable: true, description: 'Results dates up to this many days ahead (0..366, default 28).' }) withinDays: number | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<Participant>> {
    const days = Math.max(0, Math.min(366, withinDays ?? 28));
    return toConnection(await ctx.services.atsResults.results.unassessed(ctx.viewer, days, paging));
  }

  @Query(() => ResubmissionConnection, { description: 'ATS-31: resubmissions whose review (42 days) or feedback (56 days) is overdue, oldest first.' })
  @Allow(...RESULTS_STAFF_ROLES)
  async overdueResubmissions(
    @Ctx() ctx: Context,
    @Arg('kind', () => ResubmissionOverdueKind, { description: 'Review or feedback.' }) kind: ResubmissionOverdueKind,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<AtsResubmission>> {
    return toConnection(await ctx.services.atsResults.results.overdueResubmissions(ctx.viewer, kind, paging));
  }
}

/** Results fields of a participation. */
@Resolver(() => ParticipantType)
export class ParticipantResultsResolver {
  @FieldResolver(() => ParticipantStatus, { name: 'status', description: 'The participant’s state. DEC-O1: the participant sees SUBMITTED until results are released (staff see ASSESSED).' })
  status(@Root() p: Participant, @Ctx() ctx: Context): ParticipantStatus {
    return p.status === ParticipantStatus.ASSESSED && ctx.viewer.memberId === p.memberId ? ParticipantStatus.SUBMITTED : p.status;
  }

  @FieldResolver(() => [AssessmentResultType], { description: 'ATS-28..31: outcomes. The participant sees only released, current ones (DEC-O1); staff see all.' })
  async results(@Root() p: Participant, @Ctx() ctx: Context): Promise<AtsOutcome[]> {
    return ctx.services.atsResults.results.visibleOutcomes(ctx.viewer, p, await ctx.loaders.outcomesByParticipant.load(p.id));
  }

  @FieldResolver(() => ResubmissionType, { nullable: true, description: 'ATS-31: the resubmission, if any.' })
  resubmission(@Root() p: Participant, @Ctx() ctx: Context): Promise<AtsResubmission | null> {
    return ctx.loaders.resubmissionByParticipant.load(p.id);
  }

  @FieldResolver(() => [ObjectionType], { description: 'ATS-36: objections made.' })
  objections(@Root() p: Participant, @Ctx() ctx: Context): Promise<AtsObjection[]> {
    ctx.services.atsResults.results.assertMayReadObjections(ctx.viewer, p);
    return ctx.loaders.objectionsByParticipant.load(p.id);
  }
}

function limit(value: string, field: string, max: number): string {
  if (value.length > max || !value.trim()) throw badInput(field, `${field} must be 1 to ${max} characters`);
  return value;
}
