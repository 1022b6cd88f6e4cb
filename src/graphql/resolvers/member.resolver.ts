import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MEMBER_READER_ROLES } from '../../domain/membership/member.service';
import type { Member } from '../../domain/membership/member.entity';
import { MemberGrade, MemberStatus } from '../../domain/membership/membership.enums';
import { effectiveStatus } from '../../domain/membership/membership.rules';
import { londonToday } from '../../domain/shared/dates';
import { requireMemberId, requireSelfOrRole, Role } from '../../domain/shared/viewer';
import { Allow } from '../access';
import type { Context } from '../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../types/common.types';
import { CodeAcceptanceType, MemberConnection, MemberFilterInput, MemberType, UpdateProfileInput } from '../types/membership.types';

@Resolver(() => MemberType)
export class MemberResolver {
  @Query(() => MemberType, { description: 'The signed-in member.' })
  @Allow(Role.MEMBER)
  me(@Ctx() ctx: Context): Promise<Member> {
    return ctx.services.members.me(ctx.viewer);
  }

  @Query(() => MemberType, { description: 'A member by id. Members may read only themselves; staff reads are audited.' })
  @Allow(Role.MEMBER, ...MEMBER_READER_ROLES)
  member(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The member’s id.' }) id: string): Promise<Member> {
    return ctx.services.members.get(ctx.viewer, id);
  }

  @Query(() => MemberConnection, { description: 'Staff search over members, ordered by name, with keyset pagination.' })
  @Allow(...MEMBER_READER_ROLES)
  async members(
    @Ctx() ctx: Context,
    @Arg('filter', () => MemberFilterInput, { nullable: true, description: 'Filters; all must hold.' }) filter: MemberFilterInput | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<Member>> {
    return toConnection(await ctx.services.members.list(ctx.viewer, filter ?? {}, paging));
  }

  @Mutation(() => MemberType, {
    description: 'A member updates their own contact and employer details (ATS-51). A new email is not applied at once: a code goes to the new address, to be given to `confirmEmailChange` (DEC-J1).',
  })
  @Allow(Role.MEMBER)
  updateMyProfile(@Ctx() ctx: Context, @Arg('input', () => UpdateProfileInput, { description: 'The fields to change.' }) input: UpdateProfileInput): Promise<Member> {
    return ctx.services.members.updateProfile(ctx.viewer, requireMemberId(ctx.viewer), input);
  }

  @Mutation(() => MemberType, { description: 'DEC-J1: applies a requested email change with the code sent to the new address (valid 24 hours).' })
  @Allow(Role.MEMBER)
  confirmEmailChange(@Ctx() ctx: Context, @Arg('token', { description: 'The code from the confirmation email.' }) token: string): Promise<Member> {
    return ctx.services.members.confirmEmailChange(ctx.viewer, token);
  }

  @Mutation(() => MemberType, { description: 'Renews a membership for a year, accepting the current Code of Practice (COP-1, DEC-M1).' })
  @Allow(Role.MEMBER, Role.MEMBERSHIP_TEAM, Role.ADMIN)
  renewMembership(
    @Ctx() ctx: Context,
    @Arg('memberId', () => ID, { description: 'The member to renew (members: only themselves).' }) memberId: string,
    @Arg('acceptedCodeVersionId', () => ID, { description: 'COP-1: the current Code of Practice version, which the member accepts.' }) acceptedCodeVersionId: string,
  ): Promise<Member> {
    return ctx.services.members.renew(ctx.viewer, memberId, acceptedCodeVersionId);
  }

  @Mutation(() => MemberType, { description: 'Staff change a member’s grade (ASSOCIATE, MEMBER, FELLOW); audited.' })
  @Allow(Role.MEMBERSHIP_TEAM, Role.ADMIN)
  changeMemberGrade(@Ctx() ctx: Context, @Arg('memberId', () => ID, { description: 'The member whose grade changes.' }) memberId: string, @Arg('grade', () => MemberGrade, { description: 'The new grade.' }) grade: MemberGrade): Promise<Member> {
    return ctx.services.members.changeGrade(ctx.viewer, memberId, grade);
  }

  @FieldResolver(() => MemberStatus, { description: 'DEC-M1: reads LAPSED as soon as the renewal date has passed.' })
  status(@Root() member: Member, @Ctx() ctx: Context): MemberStatus {
    return effectiveStatus(member, londonToday(ctx.services.clock));
  }

  @FieldResolver(() => String, { description: 'Given name and family name.' })
  fullName(@Root() member: Member): string {
    return `${member.givenName} ${member.familyName}`;
  }

  @FieldResolver(() => Boolean, { description: "Schools-sector teachers are also bound by the DfE Teachers' Standards." })
  boundByTeachersStandards(@Root() member: Member): boolean {
    return member.sector === 'SCHOOLS';
  }

  @FieldResolver(() => [CodeAcceptanceType], { description: 'COP-1: each Code version accepted, newest first.' })
  codeAcceptances(@Root() member: Member, @Ctx() ctx: Context) {
    // The same check as MemberService.codeAcceptances, then one statement for every member of the page (no N+1).
    requireSelfOrRole(ctx.viewer, member.id, MEMBER_READER_ROLES);
    return ctx.loaders.codeAcceptancesByMember.load(member.id);
  }
}
