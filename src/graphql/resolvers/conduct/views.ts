import type { ConductAppeal } from '../../../domain/conduct/appeal.entity';
import type { CaseFile, SubjectCaseView } from '../../../domain/conduct/conduct-case.service';
import { suspensionHasEnded } from '../../../domain/conduct/conduct.rules';
import { SanctionKind } from '../../../domain/conduct/conduct.enums';
import type { ConductPanel, ConductPanelSeat } from '../../../domain/conduct/panel.entity';
import type { ConductSanction, ConductSanctionEffect } from '../../../domain/conduct/sanction.entity';
import type { LocalDate } from '../../../domain/shared/dates';
import { badInput } from '../../../domain/shared/errors';
import type {
  ConductAppealType,
  ConductCaseFileType,
  ConductPanelType,
  ConductSanctionType,
  MyConductCaseType,
  MyConductSanctionType,
} from '../../types/conduct.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else is bad input, never a database error. */
export function uuid(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} must be an id`);
  return value;
}

/** Length limits for plain string arguments (input types carry @MaxLength). */
export function limit(field: string, value: string, max: number): string {
  if (value.length > max) throw badInput(field, `${field} is longer than ${max} characters`);
  return value;
}

const endedByDate = (s: ConductSanction, today: LocalDate) =>
  (s.kind === SanctionKind.MEMBERSHIP_SUSPENSION || s.kind === SanctionKind.STATUS_SUSPENSION) && suspensionHasEnded(s.endsOn, today);

export function panelView(p: { panel: ConductPanel; seats: ConductPanelSeat[] } | null): ConductPanelType | null {
  return p ? { id: p.panel.id, purpose: p.panel.purpose, convenedAt: p.panel.convenedAt, seats: p.seats.map((s) => ({ memberId: s.memberId, staffUserId: s.staffUserId })) } : null;
}

export function sanctionView(s: ConductSanction & { effects: ConductSanctionEffect[] }, today: LocalDate): ConductSanctionType {
  return {
    ...s,
    endedByDate: endedByDate(s, today),
    effects: s.effects.map((e) => ({ targetType: e.targetType, targetId: e.targetId, beforeJson: JSON.stringify(e.before), afterJson: JSON.stringify(e.after), undoneAt: e.undoneAt, restoreOutcome: e.restoreOutcome })),
  };
}

export function appealView(a: ConductAppeal, panel: ConductPanelType | null = null): ConductAppealType {
  return { ...a, panel };
}

export function caseFileView(f: CaseFile, today: LocalDate): ConductCaseFileType {
  return {
    conductCase: f.conductCase,
    notes: f.notes,
    externalContacts: f.externalContacts,
    conflicts: f.conflicts,
    panel: panelView(f.panel),
    sanctions: f.sanctions.map((s) => sanctionView(s, today)),
    appeal: f.appeal ? appealView(f.appeal) : null,
  };
}

/** The subject's view: picks only what the subject may see (no reporter, no evidence, no notes, no panel). */
export function subjectView(v: SubjectCaseView, today: LocalDate): MyConductCaseType {
  const c = v.conductCase;
  return {
    id: c.id,
    reference: c.reference,
    category: c.category,
    status: c.status,
    outcome: c.outcome,
    decisionReasons: c.decisionReasons,
    decidedOn: c.decidedOn,
    sanctions: v.sanctions.map((s): MyConductSanctionType => ({ kind: s.kind, startsOn: s.startsOn, endsOn: s.endsOn, state: s.state, endedByDate: endedByDate(s, today) })),
    appeal: v.appeal ? { id: v.appeal.id, reference: v.appeal.reference, status: v.appeal.status, outcome: v.appeal.outcome, reasons: v.appeal.reasons } : null,
  };
}
