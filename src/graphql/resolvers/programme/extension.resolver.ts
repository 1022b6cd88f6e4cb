import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ExtensionRequest } from '../../../domain/ats/programme/extension-request.entity';
import { PROGRAMME_STAFF_ROLES } from '../../../domain/ats/programme/participant-access';
import { ExtensionStatus } from '../../../domain/ats/programme/programme.enums';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { ExtensionRequestConnection, ExtensionRequestInput, ExtensionRequestType } from '../../types/programme.types';

@Resolver(() => ExtensionRequestType)
export class ExtensionResolver {
  @Mutation(() => ExtensionRequestType, { description: 'ATS-25, ATS-27: asks for an extension (six weeks ahead, or within five working days after the deadline when prevented).' })
  @Allow(Role.MEMBER)
  requestExtension(
    @Ctx() ctx: Context,
    @Arg('participantId', () => ID, { description: 'Your participation.' }) participantId: string,
    @Arg('input', () => ExtensionRequestInput, { description: 'The reason and evidence.' }) input: ExtensionRequestInput,
  ): Promise<ExtensionRequest> {
    return ctx.services.programme.extensions.request(ctx.viewer, participantId, input);
  }

  @Mutation(() => ExtensionRequestType, { description: 'ATS-25, ATS-26: grant (to the next cohort’s deadline and review) or refuse, with reasons.' })
  @Allow(...PROGRAMME_STAFF_ROLES)
  decideExtension(
    @Ctx() ctx: Context,
    @Arg('requestId', () => ID, { description: 'The extension request’s id.' }) requestId: string,
    @Arg('grant', { description: 'true grants (ATS-26: moves to the next cohort), false refuses.' }) grant: boolean,
    @Arg('reasons', { description: 'ATS-25: the reasons, emailed to the participant.' }) reasons: string,
  ): Promise<ExtensionRequest> {
    return ctx.services.programme.extensions.decide(ctx.viewer, requestId, grant, reasons);
  }

  @Query(() => ExtensionRequestConnection, { description: 'The extension queue, oldest first. `undecidedAfterLateWindow: true` is the DEC-W1 view of requests still undecided after the late window.' })
  @Allow(...PROGRAMME_STAFF_ROLES)
  async extensionRequests(
    @Ctx() ctx: Context,
    @Arg('status', () => ExtensionStatus, { nullable: true, description: 'Only requests in this status.' }) status: ExtensionStatus | undefined,
    @Arg('undecidedAfterLateWindow', () => Boolean, {
      nullable: true,
      description: 'DEC-W1: true lists only requests still undecided after the ATS-27 late window of their deadline closed (they hold the deadline sweep for ten more working days).',
    })
    undecidedAfterLateWindow: boolean | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<ExtensionRequest>> {
    return toConnection(await ctx.services.programme.extensions.list(ctx.viewer, { status, undecidedAfterLateWindow }, paging));
  }
}
