import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import { Member } from '../../membership/member.entity';
import { ProfessionalStatus } from '../../register/professional-status.entity';
import { Participant } from '../programme/participant.entity';
import { VivaOutcome } from './award.enums';

/** ATS-37, ATS-38, DEC-V1: one online VIVA (the first, or the one re-VIVA). */
@Entity('ats_viva')
@Index('UQ_ats_viva_attempt', ['participantId', 'attemptNumber'], { unique: true, where: `"voided_at" IS NULL` })
@Check('CHK_ats_viva_attempt', `"attempt_number" BETWEEN 1 AND 2`)
@Check('CHK_ats_viva_outcome', `"outcome" IS NULL OR "outcome" IN ('PASSED', 'RE_VIVA_REQUIRED', 'NOT_PASSED')`)
export class AtsViva {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Index()
  @Column({ type: 'uuid' }) participantId: string;
  /** 1 = the VIVA, 2 = the one re-VIVA (ATS-38). */
  @Column({ type: 'int' }) attemptNumber: number;
  @Column({ type: 'timestamptz' }) scheduledAt: Date;
  @Column({ type: 'varchar', length: 500 }) meetingLink: string;
  @Column({ type: 'int', default: 0 }) rescheduleCount: number;
  @Column({ type: 'varchar', length: 20, nullable: true }) outcome: VivaOutcome | null;
  /** RE_VIVA_REQUIRED: what further information is needed (ATS-38). */
  @Column({ type: 'text', nullable: true }) furtherInformationNeeded: string | null;
  /** NOT_PASSED: the reasons (DEC-V1). */
  @Column({ type: 'text', nullable: true }) reasons: string | null;
  @Column({ type: 'timestamptz', nullable: true }) outcomeRecordedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) outcomeRecordedBy: string | null;
  /** COP-7: set when an upheld award appeal voids this VIVA's outcome (AwardService.allowNewViva). */
  @Column({ type: 'timestamptz', nullable: true }) voidedAt: Date | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

/** ATS-40: an award of ATS to a participant, with the formal documents' eight-week clock (ATS-42). */
@Entity('ats_award')
@Index(['formalDocumentsSentOn', 'formalDocumentsDueOn'])
export class AtsAward {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;
  @Index({ unique: true })
  @Column({ type: 'uuid' }) participantId: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Index()
  @Column({ type: 'uuid' }) memberId: string;
  @ManyToOne(() => ProfessionalStatus, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'professional_status_id' })
  professionalStatus?: ProfessionalStatus;
  @Column({ type: 'uuid' }) professionalStatusId: string;
  @Column({ type: 'date' }) awardedOn: LocalDate;
  /** ATS-42: formal documents are sent no later than eight weeks (56 days) from the award date. */
  @Column({ type: 'date' }) formalDocumentsDueOn: LocalDate;
  @Column({ type: 'date', nullable: true }) formalDocumentsSentOn: LocalDate | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

/** ATS-42, DEC-C1: the one digital certificate of an award, a PDF made once and stored. */
@Entity('ats_certificate')
export class AtsCertificate {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => AtsAward, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id' })
  award?: AtsAward;
  @Index({ unique: true })
  @Column({ type: 'uuid' }) awardId: string;
  @ManyToOne(() => ProfessionalStatus, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'professional_status_id' })
  professionalStatus?: ProfessionalStatus;
  @Column({ type: 'uuid' }) professionalStatusId: string;
  @Index()
  @Column({ type: 'uuid' }) memberId: string;
  /** Random and unguessable (128 bits); anyone can check it with `verifyCertificate`. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 }) verificationCode: string;
  @Column({ type: 'varchar', length: 210 }) holderName: string;
  @Column({ type: 'varchar', length: 12 }) membershipNumber: string;
  @Column({ type: 'varchar', length: 4 }) title: string;
  @Column({ type: 'date' }) awardedOn: LocalDate;
  @Column({ type: 'bytea', select: false }) pdf: Buffer;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
}

export const awardEntities = [AtsViva, AtsAward, AtsCertificate];
