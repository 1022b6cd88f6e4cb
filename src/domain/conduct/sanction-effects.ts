import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ExtensionRequest } from '../ats/programme/extension-request.entity';
import { assertConductReinstatement, assertTransition, canTransition } from '../ats/programme/participant-state';
import { Participant } from '../ats/programme/participant.entity';
import { ExtensionStatus, ParticipantStatus, WithdrawalKind } from '../ats/programme/programme.enums';
import { withdrawn } from '../ats/programme/programme.notices';
import { Member } from '../membership/member.entity';
import { MemberStatus } from '../membership/membership.enums';
import type { NotificationService } from '../notifications/notification.service';
import { ProfessionalStatus } from '../register/professional-status.entity';
import type { StatusTitle } from '../register/register.enums';
import type { Clock } from '../shared/clock';
import { londonToday } from '../shared/dates';
import { ruleViolation } from '../shared/errors';
import type { ConductCase } from './conduct-case.entity';
import { EffectRestoreOutcome, SanctionKind, SanctionState } from './conduct.enums';
import { stillHoldsSanctionValues, type SanctionRequest } from './conduct.rules';
import { ConductSanction, ConductSanctionEffect, type EffectTarget } from './sanction.entity';

const TARGETS: Record<EffectTarget, EntityTarget<ObjectLiteral>> = {
  member: Member,
  professional_status: ProfessionalStatus,
  participant: Participant,
  extension_request: ExtensionRequest,
};

/** Timestamp fields an effect may record (kept as ISO strings in jsonb, turned back into instants on restore). */
const INSTANT_FIELDS = new Set(['withdrawnAt', 'decidedAt']);

const toJson = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : (v ?? null)]));
const fromJson = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v !== null && INSTANT_FIELDS.has(k) ? new Date(String(v)) : v]));

/**
 * ATS-56, COP-6: makes a sanction take effect inside the decision's transaction, recording exactly what it changed
 * (before/after per row), and undoes it (lifted early, overturned or varied on appeal) by restoring only that.
 */
export class SanctionEffects {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
  ) {}

  async impose(manager: EntityManager, conductCase: ConductCase, request: SanctionRequest, imposedByAppealId: string | null): Promise<ConductSanction> {
    const today = londonToday(this.clock);
    const now = this.clock.now();
    const position = (await manager.count(ConductSanction, { where: { caseId: conductCase.id } })) + 1;
    const sanction = manager.create(ConductSanction, {
      caseId: conductCase.id,
      position,
      imposedByAppealId,
      kind: request.kind,
      memberId: conductCase.subjectMemberId,
      professionalStatusId: null,
      participantId: null,
      startsOn: today,
      endsOn: request.endsOn ?? null,
      state: SanctionState.IN_EFFECT,
      imposedAt: now,
      undoneAt: null,
      undoneBy: null,
      undoneReason: null,
    });
    const effects: { targetType: EffectTarget; targetId: string; before: Record<string, unknown>; after: Record<string, unknown> }[] = [];
    const change = async <T extends ObjectLiteral>(targetType: EffectTarget, row: T, after: Partial<T>) => {
      const before = Object.fromEntries(Object.keys(after).map((k) => [k, row[k]]));
      Object.assign(row, after);
      if ('updatedAt' in row) Object.assign(row, { updatedAt: now });
      await manager.save(row);
      effects.push({ targetType, targetId: row.id as string, before: toJson(before), after: toJson(after as Record<string, unknown>) });
    };

    switch (request.kind) {
      case SanctionKind.WARNING:
        break;
      case SanctionKind.MEMBERSHIP_SUSPENSION:
      case SanctionKind.EXPULSION: {
        const member = await manager.findOne(Member, { where: { id: conductCase.subjectMemberId }, lock: { mode: 'pessimistic_write' } });
        if (!member) throw ruleViolation('COP-6', 'The subject is not a member');
        if (member.status === MemberStatus.EXPELLED) throw ruleViolation('COP-6', 'This membership has already been ended');
        const suspend = request.kind === SanctionKind.MEMBERSHIP_SUSPENSION;
        await change('member', member, { status: suspend ? MemberStatus.SUSPENDED : MemberStatus.EXPELLED, suspensionEndsOn: suspend ? (request.endsOn ?? null) : null });
        break;
      }
      case SanctionKind.STATUS_SUSPENSION:
      case SanctionKind.STATUS_REMOVAL: {
        const title = request.statusTitle as StatusTitle;
        const status = await manager.findOne(ProfessionalStatus, { where: { memberId: conductCase.subjectMemberId, title }, lock: { mode: 'pessimistic_write' } });
        if (!status) throw ruleViolation('ATS-56', `The member holds no ${title} status to ${request.kind === SanctionKind.STATUS_REMOVAL ? 'remove' : 'suspend'}`);
        if (status.removedOn) throw ruleViolation('ATS-56', `This ${title} status was removed on ${status.removedOn}`);
        sanction.professionalStatusId = status.id;
        if (request.kind === SanctionKind.STATUS_SUSPENSION) await change('professional_status', status, { suspendedOn: today, suspensionEndsOn: request.endsOn ?? null });
        else await change('professional_status', status, { removedOn: today });
        break;
      }
      case SanctionKind.PROGRAMME_WITHDRAWAL: {
        const participant = await manager.findOne(Participant, { where: { id: conductCase.participantId! }, lock: { mode: 'pessimistic_write' } });
        if (!participant || !canTransition(participant.status, ParticipantStatus.WITHDRAWN)) {
          throw ruleViolation('ATS-56', `The participation is ${participant?.status ?? 'missing'} and cannot be withdrawn`);
        }
        // Through the participant state machine: only an open participation can become WITHDRAWN.
        assertTransition(participant.status, ParticipantStatus.WITHDRAWN);
        sanction.participantId = participant.id;
        const pending = await manager.find(ExtensionRequest, { where: { participantId: participant.id, status: ExtensionStatus.REQUESTED }, lock: { mode: 'pessimistic_write' } });
        await change('participant', participant, { status: ParticipantStatus.WITHDRAWN, withdrawnAt: now, withdrawalKind: WithdrawalKind.CONDUCT, withdrawalReason: `Conduct decision ${conductCase.reference} (ATS-56)` });
        for (const request of pending) {
          await change('extension_request', request, { status: ExtensionStatus.CANCELLED, decisionReasons: 'Participant withdrawn by a conduct decision', decidedAt: now });
        }
        const member = await manager.findOneByOrFail(Member, { id: participant.memberId });
        await this.notifications.enqueue(manager, withdrawn(member, WithdrawalKind.CONDUCT, 0, null));
        break;
      }
    }
    await manager.save(sanction);
    for (const e of effects) await manager.save(manager.create(ConductSanctionEffect, { sanctionId: sanction.id, ...e, appliedAt: now, undoneAt: null, restoreOutcome: null }));
    return sanction;
  }

  /** Undoes an IN_EFFECT sanction: each recorded effect is restored only while the row still holds what the sanction set. */
  async undo(manager: EntityManager, sanction: ConductSanction, state: SanctionState, by: string, reason: string): Promise<ConductSanctionEffect[]> {
    if (sanction.state !== SanctionState.IN_EFFECT) throw ruleViolation('COP-6', `This sanction is already ${sanction.state}`);
    const now = this.clock.now();
    const effects = await manager.find(ConductSanctionEffect, { where: { sanctionId: sanction.id }, order: { appliedAt: 'ASC', id: 'ASC' } });
    // Participant first, so a reinstated participation can take its extension requests back.
    effects.sort((a, b) => Number(b.targetType === 'participant') - Number(a.targetType === 'participant'));
    for (const effect of effects) {
      if (effect.undoneAt) continue;
      const row = await manager.findOne(TARGETS[effect.targetType], { where: { id: effect.targetId }, lock: { mode: 'pessimistic_write' } });
      const ours = !!row && stillHoldsSanctionValues(row, effect.after);
      if (row && ours) {
        const before = fromJson(effect.before);
        if (effect.targetType === 'participant') assertConductReinstatement(row as Participant, before.status as ParticipantStatus);
        Object.assign(row, before);
        if ('updatedAt' in row) Object.assign(row, { updatedAt: now });
        await manager.save(row);
      }
      effect.undoneAt = now;
      effect.restoreOutcome = ours ? EffectRestoreOutcome.RESTORED : EffectRestoreOutcome.SUPERSEDED;
      await manager.save(effect);
    }
    sanction.state = state;
    sanction.undoneAt = now;
    sanction.undoneBy = by;
    sanction.undoneReason = reason;
    await manager.save(sanction);
    return effects;
  }
}

