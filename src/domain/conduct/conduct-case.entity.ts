import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import { Member } from '../membership/member.entity';
import type { LocalDate } from '../shared/dates';
import { CaseOrigin, CaseOutcome, ConductCaseStatus, ExternalBodyKind, MisconductCategory } from './conduct.enums';

/**
 * ATS-54..56, COP-6: a misconduct case about one member, from report through investigation, a panel's decision with
 * reasons, to an appeal. The reporter and the internal notes are never shown to the subject.
 */
@Entity('conduct_case')
@Index(['status', 'reportedAt'])
@Index(['subjectMemberId', 'reportedAt'])
@Check('CHK_conduct_case_programme_link', `"origin" <> 'PROGRAMME' OR "participant_id" IS NOT NULL`)
export class ConductCase {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 12, unique: true }) reference: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_member_id' })
  subjectMember?: Member;
  @Column({ type: 'uuid' }) subjectMemberId: string;
  @Column({ type: 'varchar', length: 14 }) origin: CaseOrigin;
  /** The ATS participation the case arose from (origin PROGRAMME). */
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid', nullable: true }) participantId: string | null;
  @Column({ type: 'varchar', length: 40 }) category: MisconductCategory;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text' }) evidenceNotes: string;
  /** Token subject of the staff user who reported it (never shown to the subject member). */
  @Column({ type: 'varchar', length: 64 }) reportedBy: string;
  @Column({ type: 'timestamptz' }) reportedAt: Date;
  @Column({ type: 'varchar', length: 20 }) status: ConductCaseStatus;
  @Column({ type: 'timestamptz', nullable: true }) investigationStartedAt: Date | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) outcome: CaseOutcome | null;
  @Column({ type: 'text', nullable: true }) decisionReasons: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'date', nullable: true }) decidedOn: LocalDate | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) dismissedAt: Date | null;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}

/** An investigation note, dated (internal: never shown to the subject). */
@Entity('conduct_case_note')
@Index(['caseId', 'notedOn'])
export class ConductCaseNote {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => ConductCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  conductCase?: ConductCase;
  @Column({ type: 'uuid' }) caseId: string;
  @Column({ type: 'date' }) notedOn: LocalDate;
  @Column({ type: 'text' }) note: string;
  @Column({ type: 'varchar', length: 64 }) recordedBy: string;
  @Column({ type: 'timestamptz' }) recordedAt: Date;
}

/** ATS-55: a contact with an external body, with its date, the body and the purpose. */
@Entity('conduct_external_contact')
@Index(['caseId', 'contactedOn'])
export class ConductExternalContact {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => ConductCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  conductCase?: ConductCase;
  @Column({ type: 'uuid' }) caseId: string;
  @Column({ type: 'date' }) contactedOn: LocalDate;
  @Column({ type: 'varchar', length: 24 }) bodyKind: ExternalBodyKind;
  @Column({ type: 'varchar', length: 200 }) bodyName: string;
  @Column({ type: 'text' }) purpose: string;
  @Column({ type: 'varchar', length: 64 }) recordedBy: string;
  @Column({ type: 'timestamptz' }) recordedAt: Date;
}

/** DEC-G1: a declared conflict of interest: the person (a member id or a staff user id) may not sit on or decide the case. */
@Entity('conduct_conflict')
@Index(['caseId', 'personId'], { unique: true })
export class ConductConflict {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => ConductCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  conductCase?: ConductCase;
  @Column({ type: 'uuid' }) caseId: string;
  @Column({ type: 'uuid' }) personId: string;
  @Column({ type: 'text' }) note: string;
  @Column({ type: 'varchar', length: 64 }) declaredBy: string;
  @Column({ type: 'timestamptz' }) declaredAt: Date;
}
