import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { QualificationList } from './application.enums';

/** ATS-2: a qualification on one of SET's approved lists (ITT, English, maths). Staff keep the lists; inactive entries no longer count. */
@Entity('approved_qualification')
@Index(['list', 'title', 'awardingBody'], { unique: true })
export class ApprovedQualification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 10 }) list: QualificationList;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 200 }) awardingBody: string;
  @Column({ type: 'varchar', length: 40 }) level: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}
