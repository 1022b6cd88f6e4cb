import type { Member } from '../domain/membership/member.entity';
import type { Context } from './context';

/**
 * ATS-57 at the edge: a staff read of a member's personal data through a nested field (Participant.member,
 * OverdueBalance.member) is audited like the direct `member(id)` read ("member.read"), once per request and member
 * however many aliases or rows reach it; all of a request's reads go in one INSERT through the audit loader.
 * Who may reach the parent field was checked by its own query (participants, overdueBalances).
 */
export async function readMemberAudited(ctx: Context, memberId: string): Promise<Member | null> {
  const member = await ctx.loaders.member.load(memberId);
  if (member && ctx.viewer.memberId !== memberId) await ctx.loaders.auditRead.load({ action: 'member.read', targetType: 'member', targetId: memberId });
  return member;
}
