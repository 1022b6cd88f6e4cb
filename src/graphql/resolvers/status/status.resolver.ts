import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Reaccreditation } from '../../../domain/register/status/status.entities';
import { ReaccreditationStatus } from '../../../domain/register/status/status.entities';
import { STATUS_READER_ROLES, STATUS_STAFF_ROLES, type StatusView } from '../../../domain/register/status/status.service';
import { badInput } from '../../../domain/shared/errors';
import { requireMemberId, Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { LocalDateScalar } from '../../scalars';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { DecideReaccreditationInput, ProfessionalStatusType, ReaccreditationConnection, ReaccreditationType } from '../../types/status.types';

/** Flattens a status and its date-driven facts for GraphQL. */
export function toStatusType(v: StatusView): ProfessionalStatusType {
  const s = v.status;
  return {
    id: s.id,
    memberId: s.memberId,
    title: s.title,
    awardedOn: s.awardedOn,
    reaccreditationDueOn: s.reaccreditationDueOn,
    reaccreditationOpensOn: v.reaccreditationOpensOn,
    dormant: v.dormant,
    current: v.current,
    listedOnRegister: v.listed,
    registerOptOut: s.registerOptOut,
    suspendedOn: s.suspendedOn,
    suspensionEndsOn: s.suspensionEndsOn,
    removedOn: s.removedOn,
  };
}

@Resolver()
export class StatusResolver {
  @Mutation(() => ProfessionalStatusType, { description: 'Records a member’s QTLS award so the register lists it (while they remain a current member).' })
  @Allow(...STATUS_STAFF_ROLES)
  async recordQtlsAward(
    @Ctx() ctx: Context,
    @Arg('memberId', () => ID, { description: 'The member.' }) memberId: string,
    @Arg('awardedOn', () => LocalDateScalar, { description: 'The QTLS award date.' }) awardedOn: string,
  ): Promise<ProfessionalStatusType> {
    return toStatusType(await ctx.services.statusRecords.statuses.recordQtls(ctx.viewer, memberId, awardedOn));
  }

  @Mutation(() => [ProfessionalStatusType], { description: 'ATS-41: opts you out of (true) or back into (false) the public register, for every status you hold. Returns a plain list: it stays small (one row per title held, ATS or QTLS, so at most two).' })
  @Allow(Role.MEMBER)
  async setMyRegisterOptOut(@Ctx() ctx: Context, @Arg('optOut', () => Boolean, { description: 'True to leave the register.' }) optOut: boolean): Promise<ProfessionalStatusType[]> {
    return (await ctx.services.statusRecords.statuses.setRegisterOptOut(ctx.viewer, optOut)).map(toStatusType);
  }

  @Query(() => [ProfessionalStatusType], { description: 'Your professional statuses, with dormancy and listing computed today (DEC-G2). A plain list: it stays small (one row per title held, ATS or QTLS, so at most two).' })
  @Allow(Role.MEMBER)
  async myProfessionalStatuses(@Ctx() ctx: Context): Promise<ProfessionalStatusType[]> {
    return (await ctx.services.statusRecords.statuses.statusesOf(ctx.viewer, requireMemberId(ctx.viewer))).map(toStatusType);
  }

  @Query(() => [ProfessionalStatusType], { description: 'A member’s professional statuses (staff). A plain list: it stays small (one row per title held, ATS or QTLS, so at most two).' })
  @Allow(...STATUS_READER_ROLES)
  async memberProfessionalStatuses(@Ctx() ctx: Context, @Arg('memberId', () => ID, { description: 'The member.' }) memberId: string): Promise<ProfessionalStatusType[]> {
    return (await ctx.services.statusRecords.statuses.statusesOf(ctx.viewer, memberId)).map(toStatusType);
  }

  @Mutation(() => ReaccreditationType, { description: 'ATS-50, DEC-R2: applies to re-accredit ATS from six months before the due date, or any time once dormant; active members only.' })
  @Allow(Role.MEMBER)
  applyToReaccredit(
    @Ctx() ctx: Context,
    @Arg('professionalStatusId', () => ID, { description: 'Your ATS status.' }) professionalStatusId: string,
    @Arg('statement', () => String, { description: 'Your statement of continuing development (20 to 20,000 characters).' }) statement: string,
  ): Promise<Reaccreditation> {
    if (statement.trim().length < 20 || statement.length > 20000) throw badInput('statement', 'The statement must be 20 to 20,000 characters');
    return ctx.services.statusRecords.statuses.applyToReaccredit(ctx.viewer, professionalStatusId, statement);
  }

  @Mutation(() => ReaccreditationType, { description: 'DEC-R2: approves (setting the next due date, DEC-R1) or refuses a re-accreditation, with reasons.' })
  @Allow(...STATUS_STAFF_ROLES)
  decideReaccreditation(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The application.' }) id: string,
    @Arg('input', () => DecideReaccreditationInput, { description: 'The decision.' }) input: DecideReaccreditationInput,
  ): Promise<Reaccreditation> {
    return ctx.services.statusRecords.statuses.decideReaccreditation(ctx.viewer, id, input.approve, input.reasons);
  }

  @Query(() => ReaccreditationConnection, { description: 'DEC-R2: re-accreditation applications, oldest first, optionally by status.' })
  @Allow(...STATUS_READER_ROLES)
  async reaccreditations(
    @Ctx() ctx: Context,
    @Arg('status', () => ReaccreditationStatus, { nullable: true, description: 'Only applications in this state.' }) status: ReaccreditationStatus | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<Reaccreditation>> {
    return toConnection(await ctx.services.statusRecords.statuses.reaccreditations(ctx.viewer, status ?? undefined, paging));
  }

  @Query(() => [ReaccreditationType], { description: 'Your re-accreditation applications, oldest first. A plain list: it stays small (at most one application per three-year re-accreditation cycle of your ATS).' })
  @Allow(Role.MEMBER)
  myReaccreditations(@Ctx() ctx: Context): Promise<Reaccreditation[]> {
    return ctx.services.statusRecords.statuses.reaccreditationsOfMember(ctx.viewer, requireMemberId(ctx.viewer));
  }
}
