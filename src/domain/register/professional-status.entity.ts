import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { LocalDate } from '../shared/dates';
import { Member } from '../membership/member.entity';
import { Participant } from '../ats/programme/participant.entity';
import { StatusTitle } from './register.enums';

/**
 * One row per professional status held (ATS or QTLS): what the public register (ATS-41, DEC-G2) and the Chartered
 * College feed read. Written in the same transaction as the change that causes it (award, re-accreditation,
 * conduct sanction, opt-out). Date-driven conditions are never stored as flags: dormancy (ATS-50, DEC-R1) is
 * `reaccreditation_due_on < today`, and a suspension has ended once `today >= suspension_ends_on` (DEC-G2).
 *
 * Listed on the register on London date `today` exactly when:
 *   removed_on IS NULL
 *   AND NOT (suspended_on IS NOT NULL AND suspended_on <= today AND (suspension_ends_on IS NULL OR today < suspension_ends_on))
 *   AND (reaccreditation_due_on IS NULL OR today <= reaccreditation_due_on)
 *   AND NOT register_opt_out
 *   AND the holder is a current member (member.status = ACTIVE and today <= member.renewal_date, see membership.rules)
 */
@Entity('professional_status')
@Index(['memberId', 'title'], { unique: true })
@Check('CHK_professional_status_title', `"title" IN ('ATS', 'QTLS')`)
@Check('CHK_professional_status_due_after_award', `"reaccreditation_due_on" IS NULL OR "reaccreditation_due_on" > "awarded_on"`)
@Check('CHK_professional_status_suspension_order', `"suspension_ends_on" IS NULL OR ("suspended_on" IS NOT NULL AND "suspension_ends_on" > "suspended_on")`)
export class ProfessionalStatus {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'varchar', length: 4 }) title: StatusTitle;
  /** The award date (ATS-40); for QTLS, the date recorded by staff. */
  @Column({ type: 'date' }) awardedOn: LocalDate;
  /** ATS-50 / DEC-R1: award + 3 years, then re-accreditation + 3 years. Null for QTLS (no SET re-accreditation). */
  @Column({ type: 'date', nullable: true }) reaccreditationDueOn: LocalDate | null;
  /** The ATS participation whose award created this row (null for QTLS). */
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Column({ type: 'uuid', nullable: true }) participantId: string | null;
  /** ATS-56 / COP-6: suspended from this date; ends by itself on `suspensionEndsOn` (null = open-ended). */
  @Column({ type: 'date', nullable: true }) suspendedOn: LocalDate | null;
  /** The first day the status is no longer suspended (DEC-G2: evaluated from dates at request time). */
  @Column({ type: 'date', nullable: true }) suspensionEndsOn: LocalDate | null;
  /** ATS-56: removed by a conduct decision; never listed again unless an appeal restores it. */
  @Column({ type: 'date', nullable: true }) removedOn: LocalDate | null;
  /** ATS-41: the holder opted out of the public register (kept the same on every row of the holder). */
  @Column({ type: 'boolean', default: false }) registerOptOut: boolean;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}
