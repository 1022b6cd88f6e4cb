import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AtsAward, AtsCertificate, AtsViva } from '../../../domain/ats/award/award.entities';
import { DOCUMENT_STAFF_ROLES, type CertificateVerification } from '../../../domain/ats/award/award.service';
import type { Participant } from '../../../domain/ats/programme/participant.entity';
import { ASSESSOR_ROLES } from '../../../domain/ats/results/results.service';
import { badInput } from '../../../domain/shared/errors';
import { Role } from '../../../domain/shared/viewer';
import { Allow, Public as PublicOperation } from '../../access';
import type { Context } from '../../context';
import { AtsAwardConnection, AtsAwardType, CertificateType, CertificateVerificationType, SignedLinkType, VivaOutcomeInput, VivaSlotInput, VivaType } from '../../types/ats-award.types';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { ParticipantType } from '../../types/programme.types';
import { LocalDateScalar } from '../../scalars';

@Resolver()
export class AwardResolver {
  @Mutation(() => VivaType, { description: 'ATS-37, 38, DEC-V1: schedules the online VIVA (or the one re-VIVA) and emails the participant. A third VIVA is refused (ATS-38).' })
  @Allow(...ASSESSOR_ROLES)
  scheduleViva(
    @Ctx() ctx: Context,
    @Arg('participantId', () => ID, { description: 'The provisionally awarded participation.' }) participantId: string,
    @Arg('input', () => VivaSlotInput, { description: 'Date, time and link.' }) input: VivaSlotInput,
  ): Promise<AtsViva> {
    return ctx.services.atsAward.award.scheduleViva(ctx.viewer, participantId, input);
  }

  @Mutation(() => VivaType, { description: 'DEC-V1: moves a VIVA that has no outcome yet and emails the participant again.' })
  @Allow(...ASSESSOR_ROLES)
  rescheduleViva(
    @Ctx() ctx: Context,
    @Arg('vivaId', () => ID, { description: 'The VIVA.' }) vivaId: string,
    @Arg('input', () => VivaSlotInput, { description: 'The new date, time and link.' }) input: VivaSlotInput,
  ): Promise<AtsViva> {
    return ctx.services.atsAward.award.rescheduleViva(ctx.viewer, vivaId, input);
  }

  @Mutation(() => VivaType, { description: 'DEC-V1: records a VIVA’s outcome. PASSED awards ATS in the same transaction (ATS-40, 41, 49, 50).' })
  @Allow(...ASSESSOR_ROLES)
  recordVivaOutcome(
    @Ctx() ctx: Context,
    @Arg('vivaId', () => ID, { description: 'The VIVA.' }) vivaId: string,
    @Arg('input', () => VivaOutcomeInput, { description: 'The outcome.' }) input: VivaOutcomeInput,
  ): Promise<AtsViva> {
    return ctx.services.atsAward.award.recordVivaOutcome(ctx.viewer, vivaId, input.outcome, input.furtherInformationNeeded, input.reasons);
  }

  @Mutation(() => CertificateType, { description: 'ATS-42, DEC-C1: the holder’s digital certificate for an award, from the award date; made once, so asking again returns the same document.' })
  @Allow(Role.MEMBER)
  requestMyCertificate(@Ctx() ctx: Context, @Arg('awardId', () => ID, { description: 'Your award.' }) awardId: string): Promise<AtsCertificate> {
    return ctx.services.atsAward.award.requestCertificate(ctx.viewer, awardId);
  }

  @Query(() => CertificateVerificationType, { description: 'DEC-C1: checks a certificate’s verification code: genuine or not, the title, and whether the status is listed today. No other personal data.' })
  @PublicOperation()
  verifyCertificate(@Ctx() ctx: Context, @Arg('code', () => String, { description: 'The code printed on the certificate.' }) code: string): Promise<CertificateVerification> {
    if (code.length > 64) throw badInput('code', 'A verification code is at most 64 characters');
    return ctx.services.atsAward.award.verifyCertificate(code);
  }

  @Mutation(() => AtsAwardType, { description: 'ATS-42: records the day the formal documents were sent.' })
  @Allow(...DOCUMENT_STAFF_ROLES)
  recordFormalDocumentsSent(
    @Ctx() ctx: Context,
    @Arg('awardId', () => ID, { description: 'The award.' }) awardId: string,
    @Arg('sentOn', () => LocalDateScalar, { description: 'The London date they were sent.' }) sentOn: string,
  ): Promise<AtsAward> {
    return ctx.services.atsAward.award.recordFormalDocumentsSent(ctx.viewer, awardId, sentOn);
  }

  @Query(() => AtsAwardConnection, { description: 'ATS-42: awards whose formal documents were not sent within eight weeks (56 days), oldest first.' })
  @Allow(...DOCUMENT_STAFF_ROLES)
  async formalDocumentsOverdue(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<AtsAward>> {
    return toConnection(await ctx.services.atsAward.award.formalDocumentsOverdue(ctx.viewer, paging));
  }

  @Mutation(() => SignedLinkType, { description: 'ATS-53: a short-lived signed link to download your portfolio from the ePortfolio platform, once awarded.' })
  @Allow(Role.MEMBER)
  portfolioDownloadLink(@Ctx() ctx: Context, @Arg('participantId', () => ID, { description: 'Your awarded participation.' }) participantId: string): Promise<{ url: string; expiresAt: Date }> {
    return ctx.services.atsAward.award.portfolioDownloadLink(ctx.viewer, participantId);
  }
}

@Resolver(() => CertificateType)
export class CertificateResolver {
  @FieldResolver(() => String, { description: 'The stored PDF, base64-encoded (the same bytes every time, DEC-C1).' })
  async pdfBase64(@Root() c: AtsCertificate, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.services.atsAward.award.certificatePdf(ctx.viewer, c.id)).toString('base64');
  }
}

/** VIVA and award fields of a participation. */
@Resolver(() => ParticipantType)
export class ParticipantAwardResolver {
  @FieldResolver(() => [VivaType], { description: 'ATS-37, 38: the VIVAs, oldest first.' })
  vivas(@Root() p: Participant, @Ctx() ctx: Context): Promise<AtsViva[]> {
    ctx.services.atsAward.award.assertMayReadVivas(ctx.viewer, p);
    return ctx.loaders.vivasByParticipant.load(p.id);
  }

  @FieldResolver(() => AtsAwardType, { nullable: true, description: 'ATS-40: the award, once awarded.' })
  award(@Root() p: Participant, @Ctx() ctx: Context): Promise<AtsAward | null> {
    return ctx.loaders.awardByParticipant.load(p.id);
  }
}

