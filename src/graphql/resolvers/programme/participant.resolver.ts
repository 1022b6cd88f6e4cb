import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Cohort } from '../../../domain/ats/programme/cohort.entity';
import { PARTICIPANT_READER_ROLES, PROGRAMME_STAFF_ROLES } from '../../../domain/ats/programme/participant-access';
import type { Participant } from '../../../domain/ats/programme/participant.entity';
import type { PortfolioAccessReport } from '../../../domain/ats/programme/portfolio-access-report.entity';
import type { PortfolioSection } from '../../../domain/ats/programme/portfolio-section.entity';
import { AttemptKind } from '../../../domain/ats/programme/programme.enums';
import { coolingOffEndsOn } from '../../../domain/ats/programme/programme.rules';
import type { ReasonableAdjustment } from '../../../domain/ats/programme/reasonable-adjustment.entity';
import type { ExtensionRequest } from '../../../domain/ats/programme/extension-request.entity';
import type { SubmissionReadiness } from '../../../domain/ats/programme/participant.service';
import type { Member } from '../../../domain/membership/member.entity';
import { requireSelfOrRole, Role } from '../../../domain/shared/viewer';
import { readMemberAudited } from '../../audited-reads';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { MemberType } from '../../types/membership.types';
import { LocalDateScalar } from '../../scalars';
import {
  AdjustmentDecisionInput,
  CohortType,
  ExtensionRequestType,
  ParticipantConnection,
  ParticipantFilterInput,
  ParticipantType,
  PortfolioAccessReportType,
  PortfolioSectionType,
  ReasonableAdjustmentType,
  RegisterForAtsInput,
  SubmissionReadinessType,
} from '../../types/programme.types';

@Resolver(() => ParticipantType)
export class ParticipantResolver {
  @Mutation(() => ParticipantType, { description: 'ATS-9..15: registers the signed-in member through an open window; fixes the fee and plan; emails confirmation.' })
  @Allow(Role.MEMBER)
  registerForAts(@Ctx() ctx: Context, @Arg('input', () => RegisterForAtsInput, { description: 'The window and plan.' }) input: RegisterForAtsInput): Promise<Participant> {
    return ctx.services.programme.registration.register(ctx.viewer, input);
  }

  @Query(() => [ParticipantType], { description: 'The signed-in member’s ATS participations, newest first. A plain list because it stays small: one NEW attempt and at most one RESTART (ATS-35, ATS-48).' })
  @Allow(Role.MEMBER)
  myParticipations(@Ctx() ctx: Context): Promise<Participant[]> {
    return ctx.services.programme.participants.mine(ctx.viewer);
  }

  @Query(() => ParticipantType, { description: 'A participation: the participant themself, or staff (audited).' })
  @Allow(Role.MEMBER, ...PARTICIPANT_READER_ROLES)
  participant(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The participant’s id.' }) id: string): Promise<Participant> {
    return ctx.services.programme.participants.get(ctx.viewer, id);
  }

  @Query(() => ParticipantConnection, { description: 'Staff list of ATS participants, oldest registration first, with keyset pagination. Audited (ATS-57).' })
  @Allow(...PARTICIPANT_READER_ROLES)
  async participants(
    @Ctx() ctx: Context,
    @Arg('filter', () => ParticipantFilterInput, { nullable: true, description: 'Filters; all must hold.' }) filter: ParticipantFilterInput | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<Participant>> {
    return toConnection(await ctx.services.programme.participants.list(ctx.viewer, filter ?? {}, paging));
  }

  @Mutation(() => PortfolioSectionType, { description: 'The participant marks a portfolio section complete (or not) until submission.' })
  @Allow(Role.MEMBER)
  setPortfolioSectionComplete(
    @Ctx() ctx: Context,
    @Arg('participantId', () => ID, { description: 'Your participation.' }) participantId: string,
    @Arg('sectionKey', { description: 'DEC-S1: the section’s key, as listed in Participant.sections.' }) sectionKey: string,
    @Arg('complete', { description: 'true marks the section complete, false marks it incomplete.' }) complete: boolean,
  ): Promise<PortfolioSection> {
    return ctx.services.programme.participants.setSectionComplete(ctx.viewer, participantId, sectionKey, complete);
  }

  @Mutation(() => ParticipantType, { description: 'ATS-22: records that the supporting statement has been obtained.' })
  @Allow(Role.MEMBER)
  recordSupportingStatement(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'The participation.' }) participantId: string): Promise<Participant> {
    return ctx.services.programme.participants.recordSupportingStatement(ctx.viewer, participantId);
  }

  @Mutation(() => ParticipantType, { description: 'ATS-22: records that the portfolio has been shared with SET on the ePortfolio platform.' })
  @Allow(Role.MEMBER)
  recordPortfolioSharedWithSet(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'The participation.' }) participantId: string): Promise<Participant> {
    return ctx.services.programme.participants.recordSharedWithSet(ctx.viewer, participantId);
  }

  @Mutation(() => PortfolioAccessReportType, { description: 'ATS-19: reports a portfolio access problem (late after 14 days from issue).' })
  @Allow(Role.MEMBER)
  reportPortfolioAccessProblem(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'Your participation.' }) participantId: string, @Arg('description', { description: 'ATS-19: what goes wrong when you open the portfolio.' }) description: string): Promise<PortfolioAccessReport> {
    return ctx.services.programme.participants.reportAccessProblem(ctx.viewer, participantId, description);
  }

  @Mutation(() => PortfolioAccessReportType, { description: 'ATS-19: staff record how a reported portfolio access problem was resolved.' })
  @Allow(...PROGRAMME_STAFF_ROLES)
  resolvePortfolioAccessProblem(@Ctx() ctx: Context, @Arg('reportId', () => ID, { description: 'The report’s id.' }) reportId: string, @Arg('resolution', { description: 'How the problem was resolved.' }) resolution: string): Promise<PortfolioAccessReport> {
    return ctx.services.programme.participants.resolveAccessProblem(ctx.viewer, reportId, resolution);
  }

  @Mutation(() => ReasonableAdjustmentType, { description: 'ATS-13: asks for a reasonable adjustment before the portfolio is issued.' })
  @Allow(Role.MEMBER)
  requestReasonableAdjustment(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'Your participation.' }) participantId: string, @Arg('details', { description: 'ATS-13: the adjustment needed.' }) details: string): Promise<ReasonableAdjustment> {
    return ctx.services.programme.participants.requestAdjustment(ctx.viewer, participantId, details);
  }

  @Mutation(() => ReasonableAdjustmentType, { description: 'ATS-13: staff agree (possibly including an extension, ATS-25.1) or decline.' })
  @Allow(...PROGRAMME_STAFF_ROLES)
  decideReasonableAdjustment(
    @Ctx() ctx: Context,
    @Arg('adjustmentId', () => ID, { description: 'The adjustment request’s id.' }) adjustmentId: string,
    @Arg('input', () => AdjustmentDecisionInput, { description: 'The decision.' }) input: AdjustmentDecisionInput,
  ): Promise<ReasonableAdjustment> {
    return ctx.services.programme.participants.decideAdjustment(ctx.viewer, adjustmentId, input.agree, input.outcome, input.includesExtension);
  }

  @Mutation(() => ParticipantType, { description: 'ATS-21, ATS-22: submits the portfolio; refused after the deadline or listing every unmet condition.' })
  @Allow(Role.MEMBER)
  submitPortfolio(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'Your participation.' }) participantId: string): Promise<Participant> {
    return ctx.services.programme.participants.submit(ctx.viewer, participantId);
  }

  @Mutation(() => ParticipantType, { description: 'ATS-44, ATS-20: the participant withdraws; inside cooling off a new participant is refunded in full.' })
  @Allow(Role.MEMBER)
  withdrawFromAts(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'Your participation.' }) participantId: string, @Arg('reason', () => String, { nullable: true, description: 'ATS-44: the participant’s reason, if they give one.' }) reason: string | null): Promise<Participant> {
    return ctx.services.programme.withdrawals.withdrawAtOwnRequest(ctx.viewer, participantId, reason ?? null);
  }

  @Mutation(() => ParticipantType, { description: 'ATS-45: SET withdraws a participant who does not meet the eligibility criteria, with a reason.' })
  @Allow(...PROGRAMME_STAFF_ROLES)
  withdrawIneligibleParticipant(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'The participation.' }) participantId: string, @Arg('reason', { description: 'ATS-45: why the participant does not meet the eligibility criteria.' }) reason: string): Promise<Participant> {
    return ctx.services.programme.withdrawals.withdrawAsIneligible(ctx.viewer, participantId, reason);
  }

  @FieldResolver(() => CohortType, { description: 'The cohort whose deadline and review apply now (ATS-26).' })
  cohort(@Root() p: Participant, @Ctx() ctx: Context): Promise<Cohort | null> {
    return ctx.loaders.cohort.load(p.cohortId);
  }

  @FieldResolver(() => CohortType, { description: 'The cohort registered into; portfolio issue and cooling off run from its dates.' })
  originalCohort(@Root() p: Participant, @Ctx() ctx: Context): Promise<Cohort | null> {
    return ctx.loaders.cohort.load(p.originalCohortId);
  }

  @FieldResolver(() => MemberType, { nullable: true, description: 'The member (staff reads of personal data are audited, ATS-57).' })
  async member(@Root() p: Participant, @Ctx() ctx: Context): Promise<Member | null> {
    return readMemberAudited(ctx, p.memberId);
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'ATS-20, DEC-T1: last day to withdraw with a full refund; null for restarts.' })
  async coolingOffEndsOn(@Root() p: Participant, @Ctx() ctx: Context): Promise<string | null> {
    if (p.attemptKind !== AttemptKind.NEW) return null;
    const cohort = await ctx.loaders.cohort.load(p.originalCohortId);
    return cohort ? coolingOffEndsOn(cohort.portfolioIssueDate) : null;
  }

  @FieldResolver(() => [PortfolioSectionType], { description: 'DEC-S1: the portfolio sections, in order; empty until the portfolio is issued.' })
  sections(@Root() p: Participant, @Ctx() ctx: Context): Promise<PortfolioSection[]> {
    return ctx.loaders.sectionsByParticipant.load(p.id);
  }

  @FieldResolver(() => [ReasonableAdjustmentType], { description: 'ATS-13. The participant, MEMBERSHIP_TEAM and ADMIN only (health data, ATS-57).' })
  async reasonableAdjustments(@Root() p: Participant, @Ctx() ctx: Context): Promise<ReasonableAdjustment[]> {
    await sensitiveRead(ctx, p, 'adjustment.read');
    return ctx.loaders.adjustmentsByParticipant.load(p.id);
  }

  @FieldResolver(() => [PortfolioAccessReportType], { description: 'ATS-19. The participant, MEMBERSHIP_TEAM and ADMIN only.' })
  async accessReports(@Root() p: Participant, @Ctx() ctx: Context): Promise<PortfolioAccessReport[]> {
    await sensitiveRead(ctx, p, 'accessReport.read');
    return ctx.loaders.accessReportsByParticipant.load(p.id);
  }

  @FieldResolver(() => [ExtensionRequestType], { description: 'ATS-25. The participant, MEMBERSHIP_TEAM and ADMIN only (evidence notes, ATS-57).' })
  async extensionRequests(@Root() p: Participant, @Ctx() ctx: Context): Promise<ExtensionRequest[]> {
    await sensitiveRead(ctx, p, 'extensionRequest.read');
    return ctx.loaders.extensionRequestsByParticipant.load(p.id);
  }

  @FieldResolver(() => SubmissionReadinessType, { description: 'ATS-22: the checklist for submission, every unmet condition listed.' })
  submissionReadiness(@Root() p: Participant, @Ctx() ctx: Context): Promise<SubmissionReadiness> {
    return ctx.loaders.submissionReadiness.load(p);
  }
}

/**
 * ATS-13, ATS-19, ATS-25, ATS-57: the participant and programme staff only, as ParticipantService.requireSensitiveRead,
 * with the staff read audited through the per-request audit loader (once per request and participant, one INSERT).
 */
async function sensitiveRead(ctx: Context, p: Participant, action: string): Promise<void> {
  if (requireSelfOrRole(ctx.viewer, p.memberId, PROGRAMME_STAFF_ROLES)) await ctx.loaders.auditRead.load({ action, targetType: 'participant', targetId: p.id });
}
