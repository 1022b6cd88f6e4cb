import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ApplicationTemplateVersion } from '../../../domain/ats/applications/application-template-version.entity';
import type { TemplateVersionView } from '../../../domain/ats/applications/application-template.service';
import { Role } from '../../../domain/shared/viewer';
import { Allow, Public } from '../../access';
import type { Context } from '../../context';
import { AtsApplicationTemplateVersionType, PublishAtsApplicationTemplateVersionInput } from '../../types/ats-applications.types';

@Resolver()
export class ApplicationTemplateResolver {
  @Query(() => AtsApplicationTemplateVersionType, { nullable: true, description: 'ATS-6: the template version applications are accepted on today.' })
  @Public()
  async currentAtsApplicationTemplate(@Ctx() ctx: Context): Promise<(ApplicationTemplateVersion & { isCurrent: boolean }) | null> {
    const current = await ctx.services.atsApplications.templates.current();
    return current && Object.assign(current, { isCurrent: true });
  }

  @Query(() => [AtsApplicationTemplateVersionType], { description: 'ATS-6: every template version, newest first. A plain list because it stays small: SET publishes about one version a year.' })
  @Public()
  atsApplicationTemplateVersions(@Ctx() ctx: Context): Promise<TemplateVersionView[]> {
    return ctx.services.atsApplications.templates.list();
  }

  @Mutation(() => AtsApplicationTemplateVersionType, { description: 'ATS-6: publishes a template version; from its date it is the only one accepted.' })
  @Allow(Role.MEMBERSHIP_TEAM, Role.ADMIN)
  publishAtsApplicationTemplateVersion(
    @Ctx() ctx: Context,
    @Arg('input', () => PublishAtsApplicationTemplateVersionInput, { description: 'The new version.' }) input: PublishAtsApplicationTemplateVersionInput,
  ): Promise<TemplateVersionView> {
    return ctx.services.atsApplications.templates.publish(ctx.viewer, input);
  }
}
