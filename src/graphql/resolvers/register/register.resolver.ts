import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { StatusTitle } from '../../../domain/register/register.enums';
import { Role } from '../../../domain/shared/viewer';
import { Allow, Public } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../types/common.types';
import {
  AcknowledgeConferralsInput,
  CollegeConferralFeed,
  ConferralAcknowledgement,
  EmployerCheckResult,
  OverdueConferralConnection,
  RegisterEntry,
  RegisterEntryConnection,
} from '../../types/register.types';

/**
 * One read per request and arguments. When the compiled fast path hands an answer with an error to Apollo
 * (register-fast-path.ts), Apollo executes the operation again with the same context: the reads already made (or
 * already failed, say after waiting for an unavailable database) are answered from here instead of being made twice.
 */
function oncePerRequest<T>(ctx: Context, key: string, read: () => Promise<T>): Promise<T> {
  let found = ctx.reads.get(key) as Promise<T> | undefined;
  if (!found) ctx.reads.set(key, (found = read()));
  return found;
}

/** The public register operations: responses are cacheable by a CDN (see registerPlugins). */
export const PUBLIC_REGISTER_FIELDS = new Set(['professionalStatusRegister', 'employerCheck']);

@Resolver(() => RegisterEntry)
export class RegisterResolver {
  @Query(() => RegisterEntryConnection, {
    description:
      'ATS-41, DEC-G2: the public Professional Status Register. Search by name (partial: a prefix of the surname, the forename or the full name; case, accents, apostrophes, hyphens and spaces ignored; at least two letters) or by exact membership number; optionally one title. Ordered by surname, forename, membership number. Pages forward (first/after) and backward (last/before) by keyset, one SQL statement per page.',
  })
  @Public()
  professionalStatusRegister(
    @Ctx() ctx: Context,
    @Arg('name', () => String, { nullable: true, description: 'Part of a name: "zoe", "oconnor", "smith", "zoe smith".' }) name: string | null,
    @Arg('membershipNumber', () => String, { nullable: true, description: 'An exact membership number.' }) membershipNumber: string | null,
    @Arg('title', () => StatusTitle, { nullable: true, description: 'Only holders listed with this title.' }) title: StatusTitle | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ): Promise<RegisterEntryConnection> {
    const { first, after, last, before } = page;
    const input = { name, membershipNumber, title, first, after, last, before };
    // Absent and null arguments are the same search (the two executors differ in which they pass).
    const key = `search${JSON.stringify(Object.values(input).map((v) => v ?? null))}`;
    return oncePerRequest(ctx, key, () => ctx.services.register.search.search(input)).then((p) => ({
      nodes: p.items,
      edges: p.items.map((node, i) => ({ cursor: p.cursors![i], node })),
      pageInfo: { startCursor: p.startCursor ?? null, endCursor: p.endCursor, hasNextPage: p.hasNextPage, hasPreviousPage: p.hasPreviousPage ?? false },
      totalCount: p.totalCount,
    }));
  }

  @Query(() => [EmployerCheckResult], {
    description:
      'ATS-41: the employer check. For each membership number (at most 100), whether a current register entry exists today, and the entry; in the order asked. A plain list, not a connection: it stays small, one answer per number asked and at most 100 numbers per request.',
  })
  @Public()
  employerCheck(
    @Ctx() ctx: Context,
    @Arg('membershipNumbers', () => [String], { description: 'Membership numbers to check (1 to 100).' }) membershipNumbers: string[],
  ): Promise<EmployerCheckResult[]> {
    return oncePerRequest(ctx, `check${JSON.stringify(membershipNumbers)}`, () => ctx.services.register.search.employerCheck(membershipNumbers));
  }

  @Query(() => CollegeConferralFeed, { description: 'ATS-49: the Chartered College\'s feed of Chartered Teacher conferrals, oldest first, after a cursor.' })
  @Allow(Role.CHARTERED_COLLEGE)
  async charteredTeacherConferrals(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (1-100, default 50).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous pull; omit to start from the beginning.' }) after: string | null,
  ): Promise<CollegeConferralFeed> {
    const page = await ctx.services.register.college.feed(ctx.viewer, first, after);
    return { nodes: page.items, pageInfo: { startCursor: page.startCursor, endCursor: page.endCursor, hasNextPage: page.hasNextPage, hasPreviousPage: Boolean(after) } };
  }

  @Mutation(() => ConferralAcknowledgement, { description: 'ATS-49: the Chartered College acknowledges the records it has stored; acknowledging again changes nothing.' })
  @Allow(Role.CHARTERED_COLLEGE)
  acknowledgeCharteredTeacherConferrals(
    @Ctx() ctx: Context,
    @Arg('input', () => AcknowledgeConferralsInput, { description: 'The membership numbers stored.' }) input: AcknowledgeConferralsInput,
  ): Promise<ConferralAcknowledgement> {
    return ctx.services.register.college.acknowledge(ctx.viewer, input.membershipNumbers);
  }

  @Query(() => OverdueConferralConnection, {
    description: 'ATS-49: conferrals the Chartered College has not acknowledged six weeks (42 days) after the award, the most overdue first; pages forward (first/after, default 50) and backward (last/before).',
  })
  @Allow(Role.PROFESSIONAL_STATUS_TEAM, Role.ADMIN)
  async overdueCharteredTeacherConferrals(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<OverdueConferralConnection> {
    const page = await ctx.services.register.college.overdue(ctx.viewer, { first: args.first, after: args.after, last: args.last, before: args.before });
    return {
      nodes: page.items,
      edges: page.items.map((node, i) => ({ cursor: page.cursors[i], node })),
      pageInfo: { startCursor: page.startCursor, endCursor: page.endCursor, hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage },
      totalCount: page.totalCount,
    };
  }
}

export const registerResolvers = [RegisterResolver];
