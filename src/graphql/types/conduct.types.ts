import { ArrayMaxSize, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  AppealOutcome,
  AppealStatus,
  AppealSubject,
  AppealedAwardDecision,
  AwardAppealOutcome,
  AwardAppealRemedy,
  AwardAppealStatus,
  CaseOrigin,
  CaseOutcome,
  ComplainantKind,
  ComplaintOutcome,
  ComplaintStatus,
  ConductCaseStatus,
  EffectRestoreOutcome,
  ExternalBodyKind,
  MisconductCategory,
  PanelPurpose,
  SanctionKind,
  SanctionState,
} from '../../domain/conduct/conduct.enums';
import { APPEAL_TRANSITIONS, AWARD_APPEAL_TRANSITIONS, CASE_TRANSITIONS, COMPLAINT_TRANSITIONS, describeTransitions } from '../../domain/conduct/conduct.rules';
import { StatusTitle } from '../../domain/register/register.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

const values = <E extends Record<string, string>>(e: E, text: Partial<Record<keyof E, string>>) =>
  Object.fromEntries(Object.keys(e).map((k) => [k, { description: text[k as keyof E] ?? k.replace(/_/g, ' ').toLowerCase() }])) as Record<keyof E, { description: string }>;

registerEnumType(MisconductCategory, {
  name: 'MisconductCategory',
  description: 'ATS-54: the twelve examples of academic misconduct, or OTHER (the list is not exhaustive).',
  valuesConfig: values(MisconductCategory, {
    FALSIFIED_RESULTS: '1. Alteration or falsification of any results document, certificates included.',
    COLLUSION: '2. Cooperation with others to gain an unpermitted advantage.',
    COPYING: '3. Copying from another participant or allowing work to be copied.',
    DESTROYING_ANOTHERS_WORK: "4. Deliberate destruction of another member's work.",
    FALSE_DECLARATION_OF_AUTHORSHIP: '5. A false declaration of authenticity of a portfolio’s authorship.',
    RECYCLING: '6. Submitting work already submitted for teacher training or another qualification.',
    OFFENSIVE_MATERIAL: '7. Inappropriate, offensive, obscene, homophobic, transphobic, racist or sexist material.',
    PLAGIARISM: "8. Representing another person's work or ideas as one's own.",
    UNDECLARED_AI_CONTENT: '9. AI-generated text, quotes or images falsely declared as the participant’s own.',
    THEFT_OF_WORK: "10. Theft of another participant's work.",
    DISHONEST_BEHAVIOUR: '11. Behaviour that raises concerns about honesty and integrity during the programme.',
    SELLING_PORTFOLIO: '12. Financial gain by letting others buy and use a portfolio.',
    OTHER: 'Other misconduct identified and considered by SET at its discretion.',
  }),
});
registerEnumType(CaseOrigin, { name: 'ConductCaseOrigin', description: 'Where a case came from.', valuesConfig: values(CaseOrigin, { STAFF_REPORT: 'Reported by staff against a member.', PROGRAMME: 'Arose from an ATS participation (linked).' }) });
registerEnumType(ConductCaseStatus, {
  name: 'ConductCaseStatus',
  description: `The misconduct case state machine (COP-6). Allowed transitions: ${describeTransitions(CASE_TRANSITIONS)}. Any other move is refused with CONFLICT and rule COP-6.`,
  valuesConfig: values(ConductCaseStatus, {
    REPORTED: 'Reported; not yet investigated.',
    UNDER_INVESTIGATION: 'Being investigated (dated notes, external contacts).',
    PANEL_CONVENED: 'A decision panel is recorded.',
    DECIDED: 'Decided with reasons; sanctions took effect.',
    DISMISSED: 'Closed with no case to answer.',
    UNDER_APPEAL: 'The decision is under appeal.',
    APPEAL_DECIDED: 'The appeal is decided (final).',
  }),
});
registerEnumType(CaseOutcome, { name: 'ConductCaseOutcome', description: 'The finding of a conduct decision.', valuesConfig: values(CaseOutcome, { NO_MISCONDUCT_FOUND: 'No misconduct found; no sanction.', MISCONDUCT_FOUND: 'Misconduct found; at least one sanction (a warning counts).' }) });
registerEnumType(ExternalBodyKind, { name: 'ExternalBodyKind', description: 'ATS-55: external bodies SET may contact.', valuesConfig: values(ExternalBodyKind, {}) });
registerEnumType(SanctionKind, {
  name: 'SanctionKind',
  description: 'ATS-56, COP-6: what a conduct decision can do.',
  valuesConfig: values(SanctionKind, {
    WARNING: 'A formal warning; changes nothing else.',
    MEMBERSHIP_SUSPENSION: 'Membership suspended from today until endsOn (ends by itself, DEC-G2), or open-ended.',
    EXPULSION: 'Membership ended.',
    STATUS_SUSPENSION: 'A professional status (ATS or QTLS) suspended until endsOn or open-ended; off the register meanwhile.',
    STATUS_REMOVAL: 'A professional status removed; off the register.',
    PROGRAMME_WITHDRAWAL: 'Withdrawn from the ATS programme (the linked participation).',
  }),
});
registerEnumType(SanctionState, { name: 'SanctionState', description: 'Whether a sanction stands or was undone.', valuesConfig: values(SanctionState, { IN_EFFECT: 'In effect (a dated suspension still ends by itself on its end date).', LIFTED: 'Lifted early; its effects were restored.', OVERTURNED: 'Overturned on appeal; its effects were restored.', VARIED: 'Replaced on appeal by a varied sanction.' }) });
registerEnumType(EffectRestoreOutcome, { name: 'EffectRestoreOutcome', description: 'What undoing did to one recorded effect.', valuesConfig: values(EffectRestoreOutcome, { RESTORED: 'The previous values were put back.', SUPERSEDED: 'The row had changed since; it was left alone.' }) });
registerEnumType(PanelPurpose, { name: 'ConductPanelPurpose', description: 'What a panel decides.', valuesConfig: values(PanelPurpose, { DECISION: 'The case decision.', APPEAL: 'An appeal.' }) });
registerEnumType(AppealSubject, { name: 'AppealSubject', description: 'What an appeal is against.', valuesConfig: values(AppealSubject, { CONDUCT_DECISION: 'A conduct decision (COP-6).', COMPLAINT_OUTCOME: 'A complaint’s outcome, escalated (COP-7).' }) });
registerEnumType(AppealStatus, {
  name: 'AppealStatus',
  description: `The appeal state machine (COP-6, COP-7). Allowed transitions: ${describeTransitions(APPEAL_TRANSITIONS)}. Any other move is refused with CONFLICT and rule COP-6.`,
  valuesConfig: values(AppealStatus, { LODGED: 'Lodged with its grounds.', PANEL_CONVENED: 'An independent panel is recorded (COP-3).', DECIDED: 'Decided with reasons (final).' }),
});
registerEnumType(AppealOutcome, { name: 'AppealOutcome', description: 'The outcome of an appeal.', valuesConfig: values(AppealOutcome, { UPHELD: 'The decision is overturned; its sanctions are undone.', NOT_UPHELD: 'The decision stands.', SANCTION_VARIED: 'The sanctions are replaced by the ones given.' }) });
registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description: `The complaint state machine (COP-7). Allowed transitions: ${describeTransitions(COMPLAINT_TRANSITIONS)}. Any other move is refused with CONFLICT and rule COP-7.`,
  valuesConfig: values(ComplaintStatus, {
    PENDING_CONFIRMATION: 'A public complaint waiting for its contact email to be confirmed (deleted if not confirmed in time).',
    RECEIVED: 'Received; the acknowledgement and resolution targets run from now.',
    ACKNOWLEDGED: 'Acknowledged to the complainant.',
    ASSIGNED: 'Assigned to a staff user.',
    RESOLVED: 'Resolved with an outcome.',
    ESCALATED: 'Escalated to an appeal (final).',
  }),
});
registerEnumType(ComplaintOutcome, { name: 'ComplaintOutcome', description: 'COP-7: the outcome of a complaint.', valuesConfig: values(ComplaintOutcome, {}) });
registerEnumType(ComplainantKind, { name: 'ComplainantKind', description: 'Who complained.', valuesConfig: values(ComplainantKind, { MEMBER: 'A signed-in member.', PUBLIC: 'A member of the public, with a confirmed email.' }) });
registerEnumType(AppealedAwardDecision, { name: 'AppealedAwardDecision', description: 'COP-7: decisions not to award that can be appealed.', valuesConfig: values(AppealedAwardDecision, { NOT_AWARDED_AFTER_VIVA: 'A final VIVA was not passed (DEC-V1).', RESUBMISSION_FAILED: 'A resubmission still did not meet the criteria (ATS-33).' }) });
registerEnumType(AwardAppealStatus, {
  name: 'AwardAppealStatus',
  description: `The award appeal state machine (COP-7). Allowed transitions: ${describeTransitions(AWARD_APPEAL_TRANSITIONS)}. Any other move is refused with CONFLICT and rule COP-7.`,
  valuesConfig: values(AwardAppealStatus, { LODGED: 'Lodged with its grounds.', UNDER_REVIEW: 'Being reviewed by staff.', DECIDED: 'Decided with reasons (final).' }),
});
registerEnumType(AwardAppealOutcome, { name: 'AwardAppealOutcome', description: 'The outcome of an award appeal.', valuesConfig: values(AwardAppealOutcome, { UPHELD: 'Upheld: the participant proceeds to the blocked step.', NOT_UPHELD: 'Not upheld: the decision stands.' }) });
registerEnumType(AwardAppealRemedy, { name: 'AwardAppealRemedy', description: 'The step an upheld award appeal lets the participant proceed to.', valuesConfig: values(AwardAppealRemedy, { NEW_VIVA: 'A new VIVA (ATS-37).', PROCEED_TO_AWARD: 'The award (ATS-40).' }) });

// ---------- staff view of a case ----------

@ObjectType('ConductCase', { description: 'ATS-54..56: a misconduct case as the conduct panel sees it (no nested records: see conductCaseFile).' })
export class ConductCaseType {
  @Field(() => ID, { description: 'Case id.' }) id: string;
  @Field({ description: 'Human reference, e.g. CC-7K2M9QXA.' }) reference: string;
  @Field(() => ID, { description: 'The member the case is about.' }) subjectMemberId: string;
  @Field(() => CaseOrigin, { description: 'Staff report or programme.' }) origin: CaseOrigin;
  @Field(() => ID, { nullable: true, description: 'The ATS participation the case arose from.' }) participantId: string | null;
  @Field(() => MisconductCategory, { description: 'ATS-54 category.' }) category: MisconductCategory;
  @Field({ description: 'What is alleged.' }) description: string;
  @Field({ description: 'Evidence notes given with the report.' }) evidenceNotes: string;
  @Field({ description: 'Who reported it (token subject). Never shown to the subject.' }) reportedBy: string;
  @Field({ description: 'When it was reported.' }) reportedAt: Date;
  @Field(() => ConductCaseStatus, { description: 'State (see ConductCaseStatus for the transitions).' }) status: ConductCaseStatus;
  @Field(() => CaseOutcome, { nullable: true, description: 'The finding, once decided.' }) outcome: CaseOutcome | null;
  @Field(() => String, { nullable: true, description: 'The reasons for the decision or dismissal.' }) decisionReasons: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was decided.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who recorded the decision.' }) decidedBy: string | null;
}

export const ConductCaseConnection = Connection(ConductCaseType, 'ConductCase');

@ObjectType('ConductCaseNote', { description: 'An investigation note, dated (internal).' })
export class ConductCaseNoteType {
  @Field(() => ID, { description: 'Note id.' }) id: string;
  @Field(() => LocalDateScalar, { description: 'The date the note refers to.' }) notedOn: string;
  @Field({ description: 'The note.' }) note: string;
  @Field({ description: 'Who recorded it.' }) recordedBy: string;
  @Field({ description: 'When it was recorded.' }) recordedAt: Date;
}

@ObjectType('ConductExternalContact', { description: 'ATS-55: a contact with an external body.' })
export class ConductExternalContactType {
  @Field(() => ID, { description: 'Contact id.' }) id: string;
  @Field(() => LocalDateScalar, { description: 'Date of the contact.' }) contactedOn: string;
  @Field(() => ExternalBodyKind, { description: 'Kind of body.' }) bodyKind: ExternalBodyKind;
  @Field({ description: 'Name of the body.' }) bodyName: string;
  @Field({ description: 'Purpose of the contact.' }) purpose: string;
  @Field({ description: 'Who recorded it.' }) recordedBy: string;
}

@ObjectType('ConductConflict', { description: 'DEC-G1: a declared conflict of interest.' })
export class ConductConflictType {
  @Field(() => ID, { description: 'Declaration id.' }) id: string;
  @Field(() => ID, { description: 'The conflicted person (member id or staff user id).' }) personId: string;
  @Field({ description: 'The nature of the conflict.' }) note: string;
  @Field({ description: 'When it was declared.' }) declaredAt: Date;
}

@ObjectType('ConductPanelSeat', { description: 'One seat on a panel: a member or a staff user.' })
export class ConductPanelSeatType {
  @Field(() => ID, { nullable: true, description: 'The SET member sitting (COP-4).' }) memberId: string | null;
  @Field(() => ID, { nullable: true, description: 'The staff user sitting.' }) staffUserId: string | null;
}

@ObjectType('ConductPanel', { description: 'COP-4: a recorded panel.' })
export class ConductPanelType {
  @Field(() => ID, { description: 'Panel id.' }) id: string;
  @Field(() => PanelPurpose, { description: 'Decision or appeal.' }) purpose: PanelPurpose;
  @Field({ description: 'When it was convened.' }) convenedAt: Date;
  @Field(() => [ConductPanelSeatType], { description: 'Its seats.' }) seats: ConductPanelSeatType[];
}

@ObjectType('ConductSanctionEffect', { description: 'Exactly what a sanction changed on one row, and what undoing it did.' })
export class ConductSanctionEffectType {
  @Field({ description: 'member, professional_status, participant or extension_request.' }) targetType: string;
  @Field(() => ID, { description: 'The row changed.' }) targetId: string;
  @Field({ description: 'The previous values, as JSON.' }) beforeJson: string;
  @Field({ description: 'The values the sanction set, as JSON.' }) afterJson: string;
  @Field(() => Date, { nullable: true, description: 'When it was undone.' }) undoneAt: Date | null;
  @Field(() => EffectRestoreOutcome, { nullable: true, description: 'What undoing did.' }) restoreOutcome: EffectRestoreOutcome | null;
}

@ObjectType('ConductSanction', { description: 'ATS-56, COP-6: a sanction and its state.' })
export class ConductSanctionType {
  @Field(() => ID, { description: 'Sanction id.' }) id: string;
  @Field(() => SanctionKind, { description: 'What it does.' }) kind: SanctionKind;
  @Field(() => ID, { nullable: true, description: 'The professional status row affected.' }) professionalStatusId: string | null;
  @Field(() => ID, { nullable: true, description: 'The participation withdrawn.' }) participantId: string | null;
  @Field(() => ID, { nullable: true, description: 'Set when an appeal that varied the sanction imposed it.' }) imposedByAppealId: string | null;
  @Field(() => LocalDateScalar, { description: 'First day in effect.' }) startsOn: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Suspensions: first day no longer suspended (null = open-ended).' }) endsOn: string | null;
  @Field(() => SanctionState, { description: 'Stored state.' }) state: SanctionState;
  @Field({ description: 'DEC-G2: a dated suspension that has reached its end date has ended by itself (computed today).' }) endedByDate: boolean;
  @Field(() => String, { nullable: true, description: 'Why it was lifted, overturned or varied.' }) undoneReason: string | null;
  @Field(() => [ConductSanctionEffectType], { description: 'What it changed.' }) effects: ConductSanctionEffectType[];
}

@ObjectType('ConductAppeal', { description: 'COP-6, COP-7: an appeal as the conduct panel sees it.' })
export class ConductAppealType {
  @Field(() => ID, { description: 'Appeal id.' }) id: string;
  @Field({ description: 'Human reference.' }) reference: string;
  @Field(() => AppealSubject, { description: 'What it is against.' }) subject: AppealSubject;
  @Field(() => ID, { nullable: true, description: 'The case appealed.' }) caseId: string | null;
  @Field(() => ID, { nullable: true, description: 'The complaint escalated.' }) complaintId: string | null;
  @Field({ description: 'The grounds.' }) grounds: string;
  @Field({ description: 'When it was lodged.' }) lodgedAt: Date;
  @Field(() => AppealStatus, { description: 'State (see AppealStatus for the transitions).' }) status: AppealStatus;
  @Field(() => AppealOutcome, { nullable: true, description: 'The outcome.' }) outcome: AppealOutcome | null;
  @Field(() => String, { nullable: true, description: 'The reasons.' }) reasons: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was decided.' }) decidedAt: Date | null;
  @Field(() => ConductPanelType, { nullable: true, description: 'The appeal panel (conductAppeal only; null in lists).' }) panel: ConductPanelType | null;
}

export const ConductAppealConnection = Connection(ConductAppealType, 'ConductAppeal');

@ObjectType('ConductCaseFile', { description: 'Everything the conduct panel sees about a case (an audited read).' })
export class ConductCaseFileType {
  @Field(() => ConductCaseType, { description: 'The case.' }) conductCase: ConductCaseType;
  @Field(() => [ConductCaseNoteType], { description: 'Investigation notes, by date.' }) notes: ConductCaseNoteType[];
  @Field(() => [ConductExternalContactType], { description: 'ATS-55 contacts, by date.' }) externalContacts: ConductExternalContactType[];
  @Field(() => [ConductConflictType], { description: 'DEC-G1 declarations.' }) conflicts: ConductConflictType[];
  @Field(() => ConductPanelType, { nullable: true, description: 'The decision panel.' }) panel: ConductPanelType | null;
  @Field(() => [ConductSanctionType], { description: 'Sanctions with their recorded effects.' }) sanctions: ConductSanctionType[];
  @Field(() => ConductAppealType, { nullable: true, description: 'The appeal, if any.' }) appeal: ConductAppealType | null;
}

// ---------- the subject's own view (no reporter, no notes) ----------

@ObjectType('MyConductSanction', { description: 'A sanction as its subject sees it.' })
export class MyConductSanctionType {
  @Field(() => SanctionKind, { description: 'What it does.' }) kind: SanctionKind;
  @Field(() => LocalDateScalar, { description: 'First day in effect.' }) startsOn: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'First day no longer in effect (null = open-ended).' }) endsOn: string | null;
  @Field(() => SanctionState, { description: 'Stored state.' }) state: SanctionState;
  @Field({ description: 'DEC-G2: ended by its date.' }) endedByDate: boolean;
}

@ObjectType('MyConductAppeal', { description: 'The subject’s appeal: status, outcome and reasons.' })
export class MyConductAppealType {
  @Field(() => ID, { description: 'Appeal id.' }) id: string;
  @Field({ description: 'Human reference.' }) reference: string;
  @Field(() => AppealStatus, { description: 'State.' }) status: AppealStatus;
  @Field(() => AppealOutcome, { nullable: true, description: 'Outcome.' }) outcome: AppealOutcome | null;
  @Field(() => String, { nullable: true, description: 'Reasons.' }) reasons: string | null;
}

@ObjectType('MyConductCase', { description: 'A case as its subject sees it: status, decision and reasons; never who reported it or the internal notes.' })
export class MyConductCaseType {
  @Field(() => ID, { description: 'Case id.' }) id: string;
  @Field({ description: 'Human reference.' }) reference: string;
  @Field(() => MisconductCategory, { description: 'ATS-54 category.' }) category: MisconductCategory;
  @Field(() => ConductCaseStatus, { description: 'State.' }) status: ConductCaseStatus;
  @Field(() => CaseOutcome, { nullable: true, description: 'The finding.' }) outcome: CaseOutcome | null;
  @Field(() => String, { nullable: true, description: 'The reasons.' }) decisionReasons: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the decision.' }) decidedOn: string | null;
  @Field(() => [MyConductSanctionType], { description: 'Sanctions.' }) sanctions: MyConductSanctionType[];
  @Field(() => MyConductAppealType, { nullable: true, description: 'The appeal, if any.' }) appeal: MyConductAppealType | null;
}

// ---------- complaints ----------

@ObjectType('ComplaintTargets', { description: 'COP-7: an open complaint’s age and targets (calendar days from receipt; configurable).' })
export class ComplaintClockType {
  @Field(() => Int, { description: 'Days since received.' }) ageDays: number;
  @Field(() => LocalDateScalar, { description: 'Acknowledgement due by (COMPLAINT_ACKNOWLEDGE_DAYS).' }) acknowledgeBy: string;
  @Field(() => LocalDateScalar, { description: 'Resolution due by (COMPLAINT_RESOLVE_DAYS).' }) resolveBy: string;
  @Field({ description: 'Not acknowledged and past its acknowledgement target.' }) acknowledgementOverdue: boolean;
  @Field({ description: 'Not resolved and past its resolution target.' }) resolutionOverdue: boolean;
}

@ObjectType('Complaint', { description: 'COP-7: a complaint as staff (and the member who made it) see it.' })
export class ComplaintType {
  @Field(() => ID, { description: 'Complaint id.' }) id: string;
  @Field({ description: 'Human reference.' }) reference: string;
  @Field(() => ComplainantKind, { description: 'Member or public.' }) complainantKind: ComplainantKind;
  @Field(() => ID, { nullable: true, description: 'The member who complained.' }) complainantMemberId: string | null;
  @Field(() => String, { nullable: true, description: 'The complainant’s name.' }) complainantName: string | null;
  @Field(() => String, { nullable: true, description: 'The public complainant’s confirmed email.' }) contactEmail: string | null;
  @Field({ description: 'Summary.' }) summary: string;
  @Field({ description: 'Details.' }) details: string;
  @Field(() => ComplaintStatus, { description: 'State (see ComplaintStatus for the transitions).' }) status: ComplaintStatus;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date received.' }) receivedOn: string | null;
  @Field(() => Date, { nullable: true, description: 'When acknowledged.' }) acknowledgedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Staff user assigned.' }) assignedTo: string | null;
  @Field(() => ComplaintOutcome, { nullable: true, description: 'Outcome.' }) outcome: ComplaintOutcome | null;
  @Field(() => String, { nullable: true, description: 'Resolution.' }) resolution: string | null;
  @Field(() => Date, { nullable: true, description: 'When resolved.' }) resolvedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The appeal it was escalated to.' }) appealId: string | null;
  @Field(() => ComplaintClockType, { nullable: true, description: 'Age and targets while open.' }) clock: ComplaintClockType | null;
}

export const ComplaintConnection = Connection(ComplaintType, 'Complaint');

@ObjectType('PublicComplaintStatus', { description: 'What a public complainant sees through the private link: their complaint’s status only.' })
export class PublicComplaintStatusType {
  @Field({ description: 'Human reference.' }) reference: string;
  @Field(() => ComplaintStatus, { description: 'State.' }) status: ComplaintStatus;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date received.' }) receivedOn: string | null;
  @Field(() => ComplaintOutcome, { nullable: true, description: 'Outcome once resolved.' }) outcome: ComplaintOutcome | null;
  @Field(() => String, { nullable: true, description: 'Resolution once resolved.' }) resolution: string | null;
}

@ObjectType('PublicComplaintAccepted', { description: 'The same answer for every submission: check your email for a confirmation code.' })
export class PublicComplaintAcceptedType {
  @Field({ description: 'Always true.' }) accepted: boolean;
  @Field({ description: 'What to do next.' }) message: string;
}

// ---------- award appeals ----------

@ObjectType('AwardAppeal', { description: 'COP-7: an appeal against a decision not to award.' })
export class AwardAppealType {
  @Field(() => ID, { description: 'Appeal id.' }) id: string;
  @Field({ description: 'Human reference.' }) reference: string;
  @Field(() => ID, { description: 'The participation.' }) participantId: string;
  @Field(() => ID, { description: 'The participant’s member id.' }) memberId: string;
  @Field(() => AppealedAwardDecision, { description: 'The decision appealed.' }) decisionAppealed: AppealedAwardDecision;
  @Field({ description: 'The grounds.' }) grounds: string;
  @Field({ description: 'When lodged.' }) lodgedAt: Date;
  @Field(() => AwardAppealStatus, { description: 'State (see AwardAppealStatus for the transitions).' }) status: AwardAppealStatus;
  @Field(() => AwardAppealOutcome, { nullable: true, description: 'Outcome.' }) outcome: AwardAppealOutcome | null;
  @Field(() => String, { nullable: true, description: 'Reasons.' }) reasons: string | null;
  @Field(() => AwardAppealRemedy, { nullable: true, description: 'The step an upheld appeal allows.' }) remedy: AwardAppealRemedy | null;
  @Field(() => String, { nullable: true, description: 'Who applied the remedy (RECORDED_ON_APPEAL until the VIVA/award area is wired in).' }) remedyAppliedBy: string | null;
}

export const AwardAppealConnection = Connection(AwardAppealType, 'AwardAppeal');

// ---------- inputs ----------

@InputType({ description: 'ATS-54: a case reported against a member.' })
export class ReportConductCaseInput {
  @Field(() => ID, { description: 'The member the case is about.' }) @IsUUID() subjectMemberId: string;
  @Field(() => ID, { nullable: true, description: 'The ATS participation it arose from (then origin is PROGRAMME).' }) @IsOptional() @IsUUID() participantId?: string | null;
  @Field(() => MisconductCategory, { description: 'ATS-54 category or OTHER.' }) @IsEnum(MisconductCategory) category: MisconductCategory;
  @Field({ description: 'What is alleged (at least 10 characters).' }) @IsNotEmpty() @MaxLength(10000) description: string;
  @Field({ description: 'Evidence notes.' }) @MaxLength(20000) evidenceNotes: string;
}

@InputType({ description: 'ATS-55: a contact with an external body.' })
export class ExternalContactInput {
  @Field(() => LocalDateScalar, { description: 'Date of the contact (not in the future).' }) contactedOn: string;
  @Field(() => ExternalBodyKind, { description: 'Kind of body.' }) @IsEnum(ExternalBodyKind) bodyKind: ExternalBodyKind;
  @Field({ description: 'Name of the body.' }) @IsNotEmpty() @MaxLength(200) bodyName: string;
  @Field({ description: 'Purpose.' }) @IsNotEmpty() @MaxLength(5000) purpose: string;
}

@InputType({ description: 'One seat: give exactly one of memberId or staffUserId.' })
export class PanelSeatInput {
  @Field(() => ID, { nullable: true, description: 'A SET member.' }) @IsOptional() @IsUUID() memberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A staff user.' }) @IsOptional() @IsUUID() staffUserId?: string | null;
}

@InputType({ description: 'ATS-56: one sanction.' })
export class SanctionInput {
  @Field(() => SanctionKind, { description: 'What it does.' }) @IsEnum(SanctionKind) kind: SanctionKind;
  // The StatusTitle GraphQL enum is registered by the register types (src/graphql/types/register.types.ts).
  @Field(() => StatusTitle, { nullable: true, description: 'STATUS_SUSPENSION / STATUS_REMOVAL: which status, ATS or QTLS.' }) @IsOptional() @IsEnum(StatusTitle) statusTitle?: StatusTitle | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Suspensions: the first day no longer suspended; omit for open-ended.' }) @IsOptional() endsOn?: string | null;
}

@InputType({ description: 'COP-6: the panel’s decision.' })
export class ConductDecisionInput {
  @Field(() => CaseOutcome, { description: 'The finding.' }) @IsEnum(CaseOutcome) outcome: CaseOutcome;
  @Field({ description: 'The reasons (at least 10 characters).' }) @IsNotEmpty() @MaxLength(10000) reasons: string;
  @Field(() => [SanctionInput], { description: 'Sanctions (MISCONDUCT_FOUND needs at least one).' }) @ArrayMaxSize(6) @ValidateNested({ each: true }) sanctions: SanctionInput[];
}

@InputType({ description: 'COP-6: an appeal decision.' })
export class AppealDecisionInput {
  @Field(() => AppealOutcome, { description: 'The outcome.' }) @IsEnum(AppealOutcome) outcome: AppealOutcome;
  @Field({ description: 'The reasons (at least 10 characters).' }) @IsNotEmpty() @MaxLength(10000) reasons: string;
  @Field(() => [SanctionInput], { nullable: true, description: 'SANCTION_VARIED: the sanctions that replace the original ones.' }) @IsOptional() @ArrayMaxSize(6) @ValidateNested({ each: true }) sanctions?: SanctionInput[] | null;
}

@InputType({ description: 'COP-7: a complaint by a signed-in member.' })
export class ComplaintInput {
  @Field({ description: 'Short summary.' }) @IsNotEmpty() @MaxLength(200) summary: string;
  @Field({ description: 'Details (at least 10 characters).' }) @IsNotEmpty() @MaxLength(10000) details: string;
}

@InputType({ description: 'COP-7: a complaint from the public; the email must be confirmed before it is received.' })
export class PublicComplaintInput {
  @Field({ description: 'Your name.' }) @IsNotEmpty() @MaxLength(200) name: string;
  @Field({ description: 'Your email; a confirmation code is sent to it.' }) @IsEmail() @MaxLength(320) email: string;
  @Field({ description: 'Short summary.' }) @IsNotEmpty() @MaxLength(200) summary: string;
  @Field({ description: 'Details (at least 10 characters).' }) @IsNotEmpty() @MaxLength(10000) details: string;
}
