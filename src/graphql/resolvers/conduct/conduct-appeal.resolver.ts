import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ConductAppeal } from '../../../domain/conduct/appeal.entity';
import { CONDUCT_ROLES } from '../../../domain/conduct/conduct-access';
import { AppealStatus } from '../../../domain/conduct/conduct.enums';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { AppealDecisionInput, ConductAppealConnection, ConductAppealType, PanelSeatInput } from '../../types/conduct.types';
import { seatsOf } from './conduct-case.resolver';
import { appealView, limit, panelView, uuid } from './views';

@Resolver()
export class ConductAppealResolver {
  @Mutation(() => ConductAppealType, { description: 'COP-6: appeals a finding of misconduct (the subject member, or the conduct panel on their behalf). Case: DECIDED → UNDER_APPEAL; appeal: LODGED.' })
  @Allow(Role.MEMBER, ...CONDUCT_ROLES)
  async lodgeConductAppeal(@Ctx() ctx: Context, @Arg('caseId', () => ID, { description: 'Case id.' }) caseId: string, @Arg('grounds', { description: 'The grounds (at least 10 characters).' }) grounds: string): Promise<ConductAppealType> {
    return appealView(await ctx.services.conduct.appeals.lodge(ctx.viewer, uuid('caseId', caseId), limit('grounds', grounds, 10000)));
  }

  @Mutation(() => ConductAppealType, { description: 'COP-3, COP-4, DEC-G1: LODGED → PANEL_CONVENED with a panel that shares nobody with the original decision.' })
  @Allow(...CONDUCT_ROLES)
  async conveneAppealPanel(
    @Ctx() ctx: Context,
    @Arg('appealId', () => ID, { description: 'Appeal id.' }) appealId: string,
    @Arg('seats', () => [PanelSeatInput], { description: 'The panel (1 to 12 seats).' }) seats: PanelSeatInput[],
  ): Promise<ConductAppealType> {
    return appealView(await ctx.services.conduct.appeals.convenePanel(ctx.viewer, uuid('appealId', appealId), seatsOf(seats)));
  }

  @Mutation(() => ConductAppealType, { description: 'COP-6: PANEL_CONVENED → DECIDED. UPHELD undoes the sanctions; SANCTION_VARIED replaces them; all in one transaction.' })
  @Allow(...CONDUCT_ROLES)
  async decideConductAppeal(
    @Ctx() ctx: Context,
    @Arg('appealId', () => ID, { description: 'Appeal id.' }) appealId: string,
    @Arg('input', () => AppealDecisionInput, { description: 'The decision.' }) input: AppealDecisionInput,
  ): Promise<ConductAppealType> {
    return appealView(await ctx.services.conduct.appeals.decide(ctx.viewer, uuid('appealId', appealId), { outcome: input.outcome, reasons: input.reasons, sanctions: input.sanctions ?? [] }));
  }

  @Query(() => ConductAppealType, { description: 'One appeal with its panel (audited).' })
  @Allow(...CONDUCT_ROLES)
  async conductAppeal(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Appeal id.' }) id: string): Promise<ConductAppealType> {
    const file = await ctx.services.conduct.appeals.file(ctx.viewer, uuid('id', id));
    return appealView(file.appeal, panelView(file.panel));
  }

  @Query(() => ConductAppealConnection, { description: 'Appeals, oldest first (audited). Keyset-paged both ways: first/after or last/before.' })
  @Allow(...CONDUCT_ROLES)
  async conductAppeals(
    @Ctx() ctx: Context,
    @Arg('status', () => AppealStatus, { nullable: true, description: 'Only appeals in this state.' }) status: AppealStatus | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<ConductAppealType>> {
    const page = await ctx.services.conduct.appeals.list(ctx.viewer, status, paging);
    return toConnection({ ...page, items: page.items.map((a: ConductAppeal) => appealView(a)) });
  }
}
