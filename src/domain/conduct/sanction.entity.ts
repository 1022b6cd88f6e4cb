import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Participant } from '../ats/programme/participant.entity';
import { Member } from '../membership/member.entity';
import { ProfessionalStatus } from '../register/professional-status.entity';
import type { LocalDate } from '../shared/dates';
import { ConductCase } from './conduct-case.entity';
import { EffectRestoreOutcome, SanctionKind, SanctionState } from './conduct.enums';

/**
 * ATS-56, COP-6: one sanction of a decision (or of an appeal that varied it). It takes effect in the decision's
 * transaction; what it changed is in `conduct_sanction_effect`, so lifting or overturning it restores exactly that.
 */
@Entity('conduct_sanction')
@Index(['caseId', 'position'], { unique: true })
@Index(['memberId', 'state'])
@Check('CHK_conduct_sanction_end_after_start', `"ends_on" IS NULL OR "ends_on" > "starts_on"`)
export class ConductSanction {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => ConductCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  conductCase?: ConductCase;
  @Column({ type: 'uuid' }) caseId: string;
  /** Order of imposition within the case (1, 2, ...): undoing goes in reverse. */
  @Column({ type: 'int' }) position: number;
  /** Set when an appeal's SANCTION_VARIED outcome imposed it. */
  @Column({ type: 'uuid', nullable: true }) imposedByAppealId: string | null;
  @Column({ type: 'varchar', length: 24 }) kind: SanctionKind;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'uuid' }) memberId: string;
  @ManyToOne(() => ProfessionalStatus, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'professional_status_id' })
  professionalStatus?: ProfessionalStatus;
  @Column({ type: 'uuid', nullable: true }) professionalStatusId: string | null;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid', nullable: true }) participantId: string | null;
  @Column({ type: 'date' }) startsOn: LocalDate;
  /** Suspensions: the first day no longer suspended (null = open-ended). Ends by itself on that date (DEC-G2). */
  @Column({ type: 'date', nullable: true }) endsOn: LocalDate | null;
  @Column({ type: 'varchar', length: 12 }) state: SanctionState;
  @Column({ type: 'timestamptz' }) imposedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) undoneAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) undoneBy: string | null;
  @Column({ type: 'text', nullable: true }) undoneReason: string | null;
}

/**
 * Exactly what a sanction changed on one row: the previous and the new values of the fields it set. Undoing the
 * sanction puts `before` back only while the row still holds `after` (otherwise something later changed it, and it is
 * left alone: nothing more than the sanction took is given back).
 */
@Entity('conduct_sanction_effect')
@Index(['sanctionId'])
@Index(['targetType', 'targetId'])
@Check('CHK_conduct_sanction_effect_target', `"target_type" IN ('member', 'professional_status', 'participant', 'extension_request')`)
export class ConductSanctionEffect {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => ConductSanction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sanction_id' })
  sanction?: ConductSanction;
  @Column({ type: 'uuid' }) sanctionId: string;
  @Column({ type: 'varchar', length: 24 }) targetType: EffectTarget;
  @Column({ type: 'uuid' }) targetId: string;
  @Column({ type: 'jsonb' }) before: Record<string, unknown>;
  @Column({ type: 'jsonb' }) after: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) appliedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) undoneAt: Date | null;
  @Column({ type: 'varchar', length: 12, nullable: true }) restoreOutcome: EffectRestoreOutcome | null;
}

export type EffectTarget = 'member' | 'professional_status' | 'participant' | 'extension_request';
