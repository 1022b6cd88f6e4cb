import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CONDUCT_ROLES } from '../../../domain/conduct/conduct-access';
import type { Complaint } from '../../../domain/conduct/complaint.entity';
import type { ComplaintWithClock } from '../../../domain/conduct/complaint.service';
import { ComplaintOutcome } from '../../../domain/conduct/conduct.enums';
import { Role } from '../../../domain/shared/viewer';
import { Allow, Public } from '../../access';
import type { Context } from '../../context';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../types/common.types';
import { ComplaintConnection, ComplaintInput, ComplaintType, PublicComplaintAcceptedType, PublicComplaintInput, PublicComplaintStatusType } from '../../types/conduct.types';
import { limit, uuid } from './views';

const publicStatus = (c: Complaint): PublicComplaintStatusType => ({ reference: c.reference, status: c.status, receivedOn: c.receivedOn, outcome: c.outcome, resolution: c.resolution });

@Resolver()
export class ComplaintResolver {
  @Mutation(() => ComplaintType, { description: 'COP-7: a signed-in member logs a complaint (received at once).' })
  @Allow(Role.MEMBER)
  logComplaint(@Ctx() ctx: Context, @Arg('input', () => ComplaintInput, { description: 'The complaint.' }) input: ComplaintInput): Promise<Complaint> {
    return ctx.services.conduct.complaints.logByMember(ctx.viewer, input);
  }

  @Mutation(() => PublicComplaintAcceptedType, {
    description:
      'COP-7: a complaint from the public, no account needed. A confirmation code (fixed text, nothing you wrote) is emailed to the address; the complaint is received only once confirmed with confirmComplaint, and deleted if not confirmed in time. The answer is always the same. Anonymous mutation: subject to the stricter anonymous-mutation rate limit.',
  })
  @Public()
  async submitPublicComplaint(@Ctx() ctx: Context, @Arg('input', () => PublicComplaintInput, { description: 'The complaint.' }) input: PublicComplaintInput): Promise<PublicComplaintAcceptedType> {
    await ctx.services.conduct.complaints.submitPublic(ctx.viewer, input);
    return { accepted: true, message: 'Thank you. Check your email for a confirmation code; your complaint is sent once you confirm it.' };
  }

  @Mutation(() => PublicComplaintStatusType, { description: 'COP-7: PENDING_CONFIRMATION → RECEIVED with the code from the confirmation email; a private status link is then emailed. Anonymous mutation (stricter rate limit).' })
  @Public()
  async confirmComplaint(@Ctx() ctx: Context, @Arg('token', { description: 'The confirmation code from the email.' }) token: string): Promise<PublicComplaintStatusType> {
    return publicStatus(await ctx.services.conduct.complaints.confirm(ctx.viewer, limit('token', token, 100)));
  }

  @Query(() => PublicComplaintStatusType, { description: 'COP-7: a public complainant’s own complaint status, through the token in the link emailed to the confirmed address.' })
  @Public()
  async complaintStatus(@Ctx() ctx: Context, @Arg('token', { description: 'The status token from the emailed link.' }) token: string): Promise<PublicComplaintStatusType> {
    return publicStatus(await ctx.services.conduct.complaints.publicStatus(ctx.viewer, limit('token', token, 100)));
  }

  @Query(() => [ComplaintType], { description: 'The signed-in member’s own complaints, newest first. Not paged: it stays small (one member’s own complaints; capped at 100).' })
  @Allow(Role.MEMBER)
  myComplaints(@Ctx() ctx: Context): Promise<ComplaintWithClock[]> {
    return ctx.services.conduct.complaints.mine(ctx.viewer);
  }

  @Query(() => ComplaintConnection, { description: 'COP-7: open complaints (received, acknowledged, assigned), oldest first (by age: longest waiting first, on every page, forward or backward), with age and overdue targets (audited).' })
  @Allow(...CONDUCT_ROLES)
  async openComplaints(
    @Ctx() ctx: Context,
    @Arg('overdueOnly', () => Boolean, { nullable: true, description: 'Only those past a target.' }) overdueOnly: boolean | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ConnectionShape<ComplaintWithClock>> {
    return toConnection(await ctx.services.conduct.complaints.open(ctx.viewer, !!overdueOnly, paging));
  }

  @Query(() => ComplaintType, { description: 'One complaint (audited).' })
  @Allow(...CONDUCT_ROLES)
  complaint(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Complaint id.' }) id: string): Promise<ComplaintWithClock> {
    return ctx.services.conduct.complaints.get(ctx.viewer, uuid('id', id));
  }

  @Mutation(() => ComplaintType, { description: 'RECEIVED → ACKNOWLEDGED; the complainant is told.' })
  @Allow(...CONDUCT_ROLES)
  acknowledgeComplaint(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Complaint id.' }) id: string): Promise<ComplaintWithClock> {
    return ctx.services.conduct.complaints.acknowledge(ctx.viewer, uuid('id', id));
  }

  @Mutation(() => ComplaintType, { description: 'ACKNOWLEDGED or ASSIGNED → ASSIGNED to a staff user.' })
  @Allow(...CONDUCT_ROLES)
  assignComplaint(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Complaint id.' }) id: string, @Arg('staffUserId', () => ID, { description: 'Staff user.' }) staffUserId: string): Promise<ComplaintWithClock> {
    return ctx.services.conduct.complaints.assign(ctx.viewer, uuid('id', id), uuid('staffUserId', staffUserId));
  }

  @Mutation(() => ComplaintType, { description: 'ACKNOWLEDGED or ASSIGNED → RESOLVED with an outcome; the complainant is told.' })
  @Allow(...CONDUCT_ROLES)
  resolveComplaint(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Complaint id.' }) id: string,
    @Arg('outcome', () => ComplaintOutcome, { description: 'The outcome.' }) outcome: ComplaintOutcome,
    @Arg('resolution', { description: 'What was found and done (at least 10 characters).' }) resolution: string,
  ): Promise<ComplaintWithClock> {
    return ctx.services.conduct.complaints.resolve(ctx.viewer, uuid('id', id), outcome, limit('resolution', resolution, 10000));
  }

  @Mutation(() => ComplaintType, { description: 'COP-7: RESOLVED → ESCALATED: opens an appeal (subject COMPLAINT_OUTCOME). The member who complained, or the conduct panel at the complainant’s request.' })
  @Allow(Role.MEMBER, ...CONDUCT_ROLES)
  escalateComplaint(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Complaint id.' }) id: string, @Arg('grounds', { description: 'Why the outcome is not accepted.' }) grounds: string): Promise<ComplaintWithClock> {
    return ctx.services.conduct.complaints.escalate(ctx.viewer, uuid('id', id), limit('grounds', grounds, 10000));
  }
}
