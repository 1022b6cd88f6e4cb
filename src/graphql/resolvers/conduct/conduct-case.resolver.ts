import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CASE_REPORTER_ROLES, CONDUCT_ROLES } from '../../../domain/conduct/conduct-access';
import type { ConductCase, ConductCaseNote, ConductConflict, ConductExternalContact } from '../../../domain/conduct/conduct-case.entity';
import { ConductCaseStatus } from '../../../domain/conduct/conduct.enums';
import { londonToday } from '../../../domain/shared/dates';
import { badInput } from '../../../domain/shared/errors';
import { Role } from '../../../domain/shared/viewer';
import { Allow } from '../../access';
import type { Context } from '../../context';
import { LocalDateScalar } from '../../scalars';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import {
  ConductCaseConnection,
  ConductCaseFileType,
  ConductCaseNoteType,
  ConductCaseType,
  ConductConflictType,
  ConductDecisionInput,
  ConductExternalContactType,
  ConductSanctionType,
  ExternalContactInput,
  MyConductCaseType,
  PanelSeatInput,
  ReportConductCaseInput,
} from '../../types/conduct.types';
import { caseFileView, limit, sanctionView, subjectView, uuid } from './views';

@Resolver()
export class ConductCaseResolver {
  @Mutation(() => ConductCaseType, { description: 'ATS-54: reports a misconduct case against a member (optionally linked to the ATS participation it arose from). State: REPORTED.' })
  @Allow(...CASE_REPORTER_ROLES)
  reportConductCase(@Ctx() ctx: Context, @Arg('input', () => ReportConductCaseInput, { description: 'The report.' }) input: ReportConductCaseInput): Promise<ConductCase> {
    return ctx.services.conduct.cases.report(ctx.viewer, input);
  }

  @Mutation(() => ConductCaseType, { description: 'REPORTED → UNDER_INVESTIGATION.' })
  @Allow(...CONDUCT_ROLES)
  startConductInvestigation(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Case id.' }) id: string): Promise<ConductCase> {
    return ctx.services.conduct.cases.startInvestigation(ctx.viewer, uuid('id', id));
  }

  @Mutation(() => ConductCaseNoteType, { description: 'Adds a dated investigation note (internal; never shown to the subject).' })
  @Allow(...CONDUCT_ROLES)
  addConductCaseNote(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Case id.' }) id: string,
    @Arg('notedOn', () => LocalDateScalar, { description: 'The date the note refers to.' }) notedOn: string,
    @Arg('note', { description: 'The note (max 10000 characters).' }) note: string,
  ): Promise<ConductCaseNote> {
    return ctx.services.conduct.cases.addNote(ctx.viewer, uuid('id', id), notedOn, limit('note', note, 10000));
  }

  @Mutation(() => ConductExternalContactType, { description: 'ATS-55: records a contact with an awarding organisation, employer, regulator or other body.' })
  @Allow(...CONDUCT_ROLES)
  recordConductExternalContact(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Case id.' }) id: string,
    @Arg('input', () => ExternalContactInput, { description: 'The contact.' }) input: ExternalContactInput,
  ): Promise<ConductExternalContact> {
    return ctx.services.conduct.cases.recordExternalContact(ctx.viewer, uuid('id', id), input);
  }

  @Mutation(() => ConductConflictType, { description: 'DEC-G1: records a declared conflict of interest; that person can then neither sit on the panel nor decide.' })
  @Allow(...CONDUCT_ROLES)
  declareConductConflict(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Case id.' }) id: string,
    @Arg('personId', () => ID, { description: 'Member id or staff user id.' }) personId: string,
    @Arg('note', { description: 'The nature of the conflict.' }) note: string,
  ): Promise<ConductConflict> {
    return ctx.services.conduct.cases.declareConflict(ctx.viewer, uuid('id', id), uuid('personId', personId), limit('note', note, 2000));
  }

  @Mutation(() => ConductCaseType, { description: 'COP-4, DEC-G1: UNDER_INVESTIGATION → PANEL_CONVENED. At least one current SET member; not the subject, the reporter or anyone conflicted.' })
  @Allow(...CONDUCT_ROLES)
  conveneConductPanel(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Case id.' }) id: string,
    @Arg('seats', () => [PanelSeatInput], { description: 'The panel (1 to 12 seats).' }) seats: PanelSeatInput[],
  ): Promise<ConductCase> {
    return ctx.services.conduct.cases.convenePanel(ctx.viewer, uuid('id', id), seatsOf(seats));
  }

  @Mutation(() => ConductCaseType, { description: 'COP-6, ATS-56: PANEL_CONVENED → DECIDED, with reasons; the sanctions take effect in the same transaction. Of two concurrent decisions one wins, the other gets CONFLICT.' })
  @Allow(...CONDUCT_ROLES)
  decideConductCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Case id.' }) id: string,
    @Arg('input', () => ConductDecisionInput, { description: 'The decision.' }) input: ConductDecisionInput,
  ): Promise<ConductCase> {
    return ctx.services.conduct.cases.decide(ctx.viewer, uuid('id', id), { outcome: input.outcome, reasons: input.reasons, sanctions: input.sanctions });
  }

  @Mutation(() => ConductCaseType, { description: 'COP-6: REPORTED or UNDER_INVESTIGATION → DISMISSED, with reasons.' })
  @Allow(...CONDUCT_ROLES)
  dismissConductCase(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Case id.' }) id: string, @Arg('reasons', { description: 'The reasons.' }) reasons: string): Promise<ConductCase> {
    return ctx.services.conduct.cases.dismiss(ctx.viewer, uuid('id', id), limit('reasons', reasons, 10000));
  }

  @Mutation(() => ConductSanctionType, { description: 'COP-6: lifts a suspension early, restoring exactly what it took away and nothing more.' })
  @Allow(...CONDUCT_ROLES)
  async liftConductSanction(@Ctx() ctx: Context, @Arg('sanctionId', () => ID, { description: 'Sanction id.' }) sanctionId: string, @Arg('reason', { description: 'Why.' }) reason: string): Promise<ConductSanctionType> {
    return sanctionView(await ctx.services.conduct.cases.liftSanction(ctx.viewer, uuid('sanctionId', sanctionId), limit('reason', reason, 5000)), londonToday(ctx.services.clock));
  }

  @Query(() => ConductCaseFileType, { description: 'The whole case file: notes, contacts, conflicts, panel, sanctions with their effects, appeal (audited).' })
  @Allow(...CONDUCT_ROLES)
  async conductCaseFile(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Case id.' }) id: string): Promise<ConductCaseFileType> {
    return caseFileView(await ctx.services.conduct.cases.file(ctx.viewer, uuid('id', id)), londonToday(ctx.services.clock));
  }

  @Query(() => ConductCaseConnection, { description: 'Conduct cases, oldest report first (audited). Keyset-paged both ways: first/after or last/before.' })
  @Allow(...CONDUCT_ROLES)
  async conductCases(
    @Ctx() ctx: Context,
    @Arg('status', () => ConductCaseStatus, { nullable: true, description: 'Only cases in this state.' }) status: ConductCaseStatus | undefined,
    @Arg('subjectMemberId', () => ID, { nullable: true, description: 'Only cases about this member.' }) subjectMemberId: string | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<ConductCase>> {
    return toConnection(await ctx.services.conduct.cases.list(ctx.viewer, status, subjectMemberId ? uuid('subjectMemberId', subjectMemberId) : undefined, paging));
  }

  @Query(() => [MyConductCaseType], { description: 'The signed-in member’s own cases, newest first: status, decision, reasons, sanctions and appeal (never the reporter or internal notes). Not paged: it stays small (cases about one member; capped at 100).' })
  @Allow(Role.MEMBER)
  async myConductCases(@Ctx() ctx: Context): Promise<MyConductCaseType[]> {
    const today = londonToday(ctx.services.clock);
    return (await ctx.services.conduct.cases.mine(ctx.viewer)).map((v) => subjectView(v, today));
  }
}

export function seatsOf(seats: PanelSeatInput[]) {
  if (seats.length > 12) throw badInput('seats', 'A panel has at most 12 seats');
  return seats.map((s) => ({ memberId: s.memberId ? uuid('memberId', s.memberId) : null, staffUserId: s.staffUserId ? uuid('staffUserId', s.staffUserId) : null }));
}
