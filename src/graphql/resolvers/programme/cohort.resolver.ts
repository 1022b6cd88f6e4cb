import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CohortPortfolioSection } from '../../../domain/ats/programme/cohort-portfolio-section.entity';
import type { Cohort } from '../../../domain/ats/programme/cohort.entity';
import type { RegistrationWindow } from '../../../domain/ats/programme/registration-window.entity';
import { Role } from '../../../domain/shared/viewer';
import { Allow, Public } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, listConnection, type ConnectionShape } from '../../types/common.types';
import {
  CohortConnection,
  CohortPortfolioSectionType,
  CohortType,
  CreateCohortInput,
  CreateRegistrationWindowInput,
  PortfolioSectionInput,
  RegistrationWindowConnection,
  RegistrationWindowType,
  UpdateCohortInput,
  UpdateRegistrationWindowInput,
} from '../../types/programme.types';

const PROGRAMME_STAFF = [Role.MEMBERSHIP_TEAM, Role.ADMIN];

@Resolver(() => CohortType)
export class CohortResolver {
  @Query(() => CohortConnection, { description: 'Cohorts and their dates, published like the SET website (ATS-21).' })
  @Public()
  async cohorts(@Ctx() ctx: Context, @Args(() => ConnectionArgs) paging: ConnectionArgs): Promise<ConnectionShape<Cohort>> {
    return listConnection(await ctx.services.programme.cohorts.listCohorts(), paging);
  }

  @Query(() => RegistrationWindowConnection, { description: 'ATS-10: registration windows; `openOnly` for those open today.' })
  @Public()
  async registrationWindows(
    @Ctx() ctx: Context,
    @Arg('openOnly', { defaultValue: false, description: 'true: only the windows open today (London date).' }) openOnly: boolean,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<RegistrationWindow>> {
    return listConnection(await ctx.services.programme.cohorts.listWindows(openOnly), paging);
  }

  @Mutation(() => CohortType, { description: 'ATS-21, ATS-28: a cohort with its issue date, deadline and provisional results date.' })
  @Allow(...PROGRAMME_STAFF)
  createCohort(@Ctx() ctx: Context, @Arg('input', () => CreateCohortInput, { description: 'The cohort.' }) input: CreateCohortInput): Promise<Cohort> {
    return ctx.services.programme.cohorts.createCohort(ctx.viewer, input);
  }

  @Mutation(() => RegistrationWindowType, { description: 'ATS-10: the window that feeds a cohort; it closes before the issue date.' })
  @Allow(...PROGRAMME_STAFF)
  createRegistrationWindow(@Ctx() ctx: Context, @Arg('input', () => CreateRegistrationWindowInput, { description: 'The window.' }) input: CreateRegistrationWindowInput): Promise<RegistrationWindow> {
    return ctx.services.programme.cohorts.createWindow(ctx.viewer, input);
  }

  @Mutation(() => CohortType, { description: 'DEC-E1: corrects a cohort’s name or dates before its portfolio issue date (audited).' })
  @Allow(...PROGRAMME_STAFF)
  updateCohort(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The cohort.' }) id: string,
    @Arg('input', () => UpdateCohortInput, { description: 'The corrections.' }) input: UpdateCohortInput,
  ): Promise<Cohort> {
    return ctx.services.programme.cohorts.updateCohort(ctx.viewer, id, input);
  }

  @Mutation(() => RegistrationWindowType, { description: 'DEC-E1: corrects a registration window’s dates before its cohort’s issue date, never excluding registrations taken (audited).' })
  @Allow(...PROGRAMME_STAFF)
  updateRegistrationWindow(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The registration window.' }) id: string,
    @Arg('input', () => UpdateRegistrationWindowInput, { description: 'The corrections.' }) input: UpdateRegistrationWindowInput,
  ): Promise<RegistrationWindow> {
    return ctx.services.programme.cohorts.updateWindow(ctx.viewer, id, input);
  }

  @Mutation(() => [CohortPortfolioSectionType], { description: 'DEC-S1: replaces a cohort’s portfolio sections; portfolios already issued keep their list (audited). Returns a plain list because it stays small: at most 30 sections.' })
  @Allow(...PROGRAMME_STAFF)
  setCohortPortfolioSections(
    @Ctx() ctx: Context,
    @Arg('cohortId', () => ID, { description: 'The cohort.' }) cohortId: string,
    @Arg('sections', () => [PortfolioSectionInput], { description: 'The sections, in order.' }) sections: PortfolioSectionInput[],
  ): Promise<CohortPortfolioSection[]> {
    return ctx.services.programme.cohorts.setPortfolioSections(ctx.viewer, cohortId, sections);
  }

  @FieldResolver(() => [CohortPortfolioSectionType], { description: 'DEC-S1: the sections a portfolio issued in this cohort will have, in order.' })
  portfolioSections(@Root() cohort: Cohort, @Ctx() ctx: Context): Promise<CohortPortfolioSection[]> {
    return ctx.loaders.cohortPortfolioSections.load(cohort.id);
  }
}
