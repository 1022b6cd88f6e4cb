import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { CodeOfPracticeVersion } from '../../domain/membership/code-of-practice-version.entity';
import { Role } from '../../domain/shared/viewer';
import { Allow, Public } from '../access';
import type { Context } from '../context';
import { CodeOfPracticeVersionType, PublishCodeOfPracticeVersionInput } from '../types/membership.types';

@Resolver(() => CodeOfPracticeVersionType)
export class CodeOfPracticeResolver {
  @Query(() => CodeOfPracticeVersionType, { nullable: true, description: 'COP-1: the version applicants and renewing members accept today.' })
  @Public()
  currentCodeOfPractice(@Ctx() ctx: Context): Promise<CodeOfPracticeVersion | null> {
    return ctx.services.codes.current();
  }

  @Query(() => [CodeOfPracticeVersionType], { description: 'COP-1: every published version of the Code of Practice, newest effective date first. A plain list because it stays small: the Code is revised every few years.' })
  @Public()
  codeOfPracticeVersions(@Ctx() ctx: Context): Promise<CodeOfPracticeVersion[]> {
    return ctx.services.codes.list();
  }

  @Mutation(() => CodeOfPracticeVersionType, { description: 'Publishes a new Code version and tells every current member (COP-5).' })
  @Allow(Role.MEMBERSHIP_TEAM, Role.ADMIN)
  publishCodeOfPracticeVersion(
    @Ctx() ctx: Context,
    @Arg('input', () => PublishCodeOfPracticeVersionInput, { description: 'The new version.' }) input: PublishCodeOfPracticeVersionInput,
  ): Promise<CodeOfPracticeVersion> {
    return ctx.services.codes.publish(ctx.viewer, input);
  }
}
