import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Member } from './member.entity';
import { MemberGrade, MembershipApplicationStatus, Sector, SuitabilityReviewStatus } from './membership.enums';

/** COP-2..4: an application to join, reviewed for suitability against the Code by a panel that includes members. */
@Entity('membership_application')
@Index(['status', 'submittedAt', 'id'])
// Stated for the outcomes only, so a status added before a decision (e.g. awaiting email confirmation) needs no change here.
@Check('CHK_membership_application_decided', `"status" NOT IN ('APPROVED', 'REFUSED', 'CLOSED') OR "decided_at" IS NOT NULL`)
@Check('CHK_membership_application_member_when_approved', `"status" <> 'APPROVED' OR "member_id" IS NOT NULL`)
@Index('UQ_membership_application_confirmation_token', ['confirmationTokenHash'], { unique: true, where: '"confirmation_token_hash" IS NOT NULL' })
@Index('IDX_membership_application_unconfirmed_expiry', ['confirmationExpiresAt'], { where: '"confirmed_at" IS NULL' })
export class MembershipApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 16, unique: true }) reference: string;
  @Column({ type: 'varchar', length: 100 }) givenName: string;
  @Column({ type: 'varchar', length: 100 }) familyName: string;
  @Column({ type: 'varchar', length: 320 }) email: string;
  @Column({ type: 'varchar', length: 10 }) requestedGrade: MemberGrade;
  @Column({ type: 'varchar', length: 30 }) sector: Sector;
  @Column({ type: 'varchar', length: 200, nullable: true }) employerName: string | null;
  @Column({ type: 'varchar', length: 320, nullable: true }) employerContactEmail: string | null;
  @Column({ type: 'boolean', default: false }) employerVerificationConsent: boolean;
  /** COP-1: the Code version accepted on applying (must be current then). */
  @Column({ type: 'uuid' }) codeVersionId: string;
  @ManyToOne('CodeOfPracticeVersion', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'code_version_id' })
  codeVersion?: object;
  /** COP-2 suitability declaration. */
  @Column({ type: 'boolean' }) hasUnspentConvictions: boolean;
  @Column({ type: 'boolean' }) subjectOfProfessionalMisconductFinding: boolean;
  @Column({ type: 'boolean' }) barredFromTeachingOrWorkingWithChildren: boolean;
  @Column({ type: 'text', nullable: true }) declarationDetails: string | null;
  @Column({ type: 'timestamptz' }) submittedAt: Date;
  @Column({ type: 'varchar', length: 10 }) status: MembershipApplicationStatus;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) decisionReasons: string | null;
  /** COP-4: members who took part in the decision. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) panelMemberIds: string[];
  @Column({ type: 'varchar', length: 14, default: SuitabilityReviewStatus.NOT_REQUESTED }) reviewStatus: SuitabilityReviewStatus;
  @Column({ type: 'timestamptz', nullable: true }) reviewRequestedAt: Date | null;
  @Column({ type: 'text', nullable: true }) reviewGrounds: string | null;
  @Column({ type: 'timestamptz', nullable: true }) reviewDecidedAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) reviewDecidedBy: string | null;
  @Column({ type: 'text', nullable: true }) reviewReasons: string | null;
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) reviewPanelMemberIds: string[];
  /** The member created when the application was approved. */
  @Column({ type: 'uuid', nullable: true }) memberId: string | null;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  /** DEC-J1: the existing member whose email this application gives (staff only); such an application is closed, neutrally. */
  @Column({ type: 'uuid', nullable: true }) matchedMemberId: string | null;
  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'matched_member_id' })
  matchedMember?: Member;
  /** Issue 7: the applicant's address is confirmed before the application is considered; SHA-256 of the emailed token. */
  @Column({ type: 'varchar', length: 64, nullable: true }) confirmationTokenHash: string | null;
  /** Null until the applicant follows the confirmation link; only confirmed applications reach the panel. */
  @Column({ type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  /** Unconfirmed applications are deleted after this instant (JOIN_CONFIRMATION_HOURS, default 72 h). */
  @Column({ type: 'timestamptz', nullable: true }) confirmationExpiresAt: Date | null;
  @VersionColumn() version: number;
}
