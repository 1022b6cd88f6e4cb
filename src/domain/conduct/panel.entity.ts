import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StaffUser } from '../identity/staff-user.entity';
import { Member } from '../membership/member.entity';
import { PanelPurpose } from './conduct.enums';

/**
 * COP-4, DEC-G1: the panel that decides a case (purpose DECISION, with `caseId`) or an appeal (purpose APPEAL, with
 * `appealId`). Its seats are recorded; at least one is a SET member.
 */
@Entity('conduct_panel')
@Index(['caseId'], { unique: true, where: `"purpose" = 'DECISION'` })
@Index(['appealId'], { unique: true, where: `"appeal_id" IS NOT NULL` })
@Check('CHK_conduct_panel_target', `("purpose" = 'DECISION' AND "case_id" IS NOT NULL AND "appeal_id" IS NULL) OR ("purpose" = 'APPEAL' AND "appeal_id" IS NOT NULL)`)
export class ConductPanel {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 10 }) purpose: PanelPurpose;
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @Column({ type: 'uuid', nullable: true }) appealId: string | null;
  @Column({ type: 'varchar', length: 64 }) convenedBy: string;
  @Column({ type: 'timestamptz' }) convenedAt: Date;
}

/** One seat on a panel: a SET member, or a staff user. */
@Entity('conduct_panel_seat')
@Index(['panelId', 'memberId'], { unique: true, where: `"member_id" IS NOT NULL` })
@Index(['panelId', 'staffUserId'], { unique: true, where: `"staff_user_id" IS NOT NULL` })
@Check('CHK_conduct_panel_seat_one_person', `("member_id" IS NULL) <> ("staff_user_id" IS NULL)`)
export class ConductPanelSeat {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ManyToOne(() => ConductPanel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id' })
  panel?: ConductPanel;
  @Column({ type: 'uuid' }) panelId: string;
  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Member;
  @Column({ type: 'uuid', nullable: true }) memberId: string | null;
  @ManyToOne(() => StaffUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_user_id' })
  staffUser?: StaffUser;
  @Column({ type: 'uuid', nullable: true }) staffUserId: string | null;
}
