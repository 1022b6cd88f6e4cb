import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { LocalDate } from '../shared/dates';
import { MemberGrade, MemberStatus, Sector } from './membership.enums';

@Entity('member')
@Index(['familyName', 'givenName', 'id'])
@Index(['status', 'renewalDate'])
@Check('CHK_member_status', `"status" IN ('ACTIVE', 'LAPSED', 'SUSPENDED', 'EXPELLED')`)
@Check('CHK_member_grade', `"grade" IN ('ASSOCIATE', 'MEMBER', 'FELLOW')`)
@Check('CHK_member_renewal_after_joining', `"renewal_date" > "joined_on"`)
export class Member {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 12, unique: true }) membershipNumber: string;
  @Column({ type: 'varchar', length: 100 }) givenName: string;
  @Column({ type: 'varchar', length: 100 }) familyName: string;
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 320 }) email: string;
  @Column({ type: 'varchar', length: 10 }) grade: MemberGrade;
  @Column({ type: 'varchar', length: 10 }) status: MemberStatus;
  @Column({ type: 'date' }) joinedOn: LocalDate;
  /** DEC-M1: membership lapses when this date passes unrenewed. */
  @Column({ type: 'date' }) renewalDate: LocalDate;
  /**
   * COP-6 / ATS-56: with status SUSPENDED, the first day the suspension no longer applies (null = open-ended).
   * DEC-G2: a suspension that reaches this date has ended, whatever the stored status says (see membership.rules).
   */
  @Column({ type: 'date', nullable: true }) suspensionEndsOn: LocalDate | null;
  @Column({ type: 'varchar', length: 30 }) sector: Sector;
  @Column({ type: 'varchar', length: 200, nullable: true }) employerName: string | null;
  @Column({ type: 'varchar', length: 320, nullable: true }) employerContactEmail: string | null;
  /** ATS-51: consent for SET to contact the employer to verify role and responsibilities. */
  @Column({ type: 'boolean', default: false }) employerVerificationConsent: boolean;
  @Column({ type: 'uuid' }) acceptedCodeVersionId: string;
  @ManyToOne('CodeOfPracticeVersion', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accepted_code_version_id' })
  acceptedCodeVersion?: object;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}
