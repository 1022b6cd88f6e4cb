import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AuthenticityCheckResult, QualificationList } from '../../../domain/ats/applications/application.enums';
import type { ApprovedQualification } from '../../../domain/ats/applications/approved-qualification.entity';
import type { QualificationAuthenticityCheck } from '../../../domain/ats/applications/qualification-authenticity-check.entity';
import { QUALIFICATION_READER_ROLES, type MemberQualificationView } from '../../../domain/ats/applications/qualification.service';
import { Role } from '../../../domain/shared/viewer';
import { Allow, Public } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, listConnection, type ConnectionShape } from '../../types/common.types';
import {
  ApprovedQualificationConnection,
  ApprovedQualificationInput,
  ApprovedQualificationType,
  LogAuthenticityCheckInput,
  MemberQualificationConnection,
  MemberQualificationType,
  QualificationAuthenticityCheckType,
  RecordQualificationInput,
  UpdateApprovedQualificationInput,
} from '../../types/ats-applications.types';

const LIST_KEEPERS = [Role.MEMBERSHIP_TEAM, Role.ADMIN];

@Resolver()
export class QualificationResolver {
  @Query(() => ApprovedQualificationConnection, { description: "ATS-2: SET's approved qualification lists (active entries unless asked otherwise)." })
  @Public()
  async approvedQualifications(
    @Ctx() ctx: Context,
    @Arg('list', () => QualificationList, { nullable: true, description: 'Only this list (ITT, ENGLISH or MATHS).' }) list: QualificationList | undefined,
    @Arg('includeInactive', () => Boolean, { nullable: true, description: 'true includes deactivated entries.' }) includeInactive: boolean | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<ApprovedQualification>> {
    return listConnection(await ctx.services.atsApplications.qualifications.approvedQualifications({ list, includeInactive: includeInactive ?? false }), paging);
  }

  @Mutation(() => ApprovedQualificationType, { description: 'ATS-2: staff add a qualification to an approved list.' })
  @Allow(...LIST_KEEPERS)
  addApprovedQualification(@Ctx() ctx: Context, @Arg('input', () => ApprovedQualificationInput, { description: 'The qualification to add.' }) input: ApprovedQualificationInput): Promise<ApprovedQualification> {
    return ctx.services.atsApplications.qualifications.addApprovedQualification(ctx.viewer, input);
  }

  @Mutation(() => ApprovedQualificationType, { description: 'ATS-2: staff correct an approved qualification or deactivate it.' })
  @Allow(...LIST_KEEPERS)
  updateApprovedQualification(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The approved qualification’s id.' }) id: string,
    @Arg('input', () => UpdateApprovedQualificationInput, { description: 'The corrections.' }) input: UpdateApprovedQualificationInput,
  ): Promise<ApprovedQualification> {
    return ctx.services.atsApplications.qualifications.updateApprovedQualification(ctx.viewer, id, input);
  }

  @Mutation(() => MemberQualificationType, { description: 'ATS-2, ATS-3, ATS-52: a member records a certificate for an approved qualification.' })
  @Allow(Role.MEMBER)
  recordMyQualification(@Ctx() ctx: Context, @Arg('input', () => RecordQualificationInput, { description: 'The certificate.' }) input: RecordQualificationInput): Promise<MemberQualificationView> {
    return ctx.services.atsApplications.qualifications.recordMyQualification(ctx.viewer, input);
  }

  @Query(() => MemberQualificationConnection, { description: 'The signed-in member’s own qualifications, with the status of any authenticity check (ATS-52).' })
  @Allow(Role.MEMBER)
  async myQualifications(@Ctx() ctx: Context, @Args(() => ConnectionArgs) paging: ConnectionArgs): Promise<ConnectionShape<MemberQualificationView>> {
    return listConnection(await ctx.services.atsApplications.qualifications.myQualifications(ctx.viewer), paging);
  }

  @Query(() => MemberQualificationConnection, { description: 'Staff read of a member’s qualifications (audited, ATS-57).' })
  @Allow(...QUALIFICATION_READER_ROLES)
  async memberQualifications(
    @Ctx() ctx: Context,
    @Arg('memberId', () => ID, { description: 'The member whose qualifications to read.' }) memberId: string,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<MemberQualificationView>> {
    return listConnection(await ctx.services.atsApplications.qualifications.memberQualifications(ctx.viewer, memberId), paging);
  }

  @Query(() => [QualificationAuthenticityCheckType], { description: 'ATS-52: checks made with the awarding body on one qualification, with staff notes (audited). A plain list because it stays small: a handful of queries per certificate.' })
  @Allow(Role.MEMBERSHIP_TEAM, Role.ADMIN)
  qualificationAuthenticityChecks(@Ctx() ctx: Context, @Arg('memberQualificationId', () => ID, { description: 'The member qualification whose checks to read.' }) memberQualificationId: string): Promise<QualificationAuthenticityCheck[]> {
    return ctx.services.atsApplications.qualifications.authenticityChecks(ctx.viewer, memberQualificationId);
  }

  @Mutation(() => QualificationAuthenticityCheckType, { description: 'ATS-52: logs a query to the awarding body about a member’s certificate.' })
  @Allow(Role.MEMBERSHIP_TEAM)
  logQualificationAuthenticityCheck(@Ctx() ctx: Context, @Arg('input', () => LogAuthenticityCheckInput, { description: 'The query made.' }) input: LogAuthenticityCheckInput): Promise<QualificationAuthenticityCheck> {
    return ctx.services.atsApplications.qualifications.logAuthenticityCheck(ctx.viewer, input);
  }

  @Mutation(() => QualificationAuthenticityCheckType, { description: 'ATS-52: records the awarding body’s answer on a logged check.' })
  @Allow(Role.MEMBERSHIP_TEAM)
  recordQualificationAuthenticityResult(
    @Ctx() ctx: Context,
    @Arg('checkId', () => ID, { description: 'The logged check’s id.' }) checkId: string,
    @Arg('result', () => AuthenticityCheckResult, { description: 'ATS-52: the awarding body’s answer.' }) result: AuthenticityCheckResult,
    @Arg('notes', () => String, { nullable: true, description: 'Staff notes (never shown to the member).' }) notes: string | undefined,
  ): Promise<QualificationAuthenticityCheck> {
    return ctx.services.atsApplications.qualifications.recordAuthenticityResult(ctx.viewer, checkId, result, notes);
  }
}
