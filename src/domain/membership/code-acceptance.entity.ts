import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CodeAcceptanceContext } from './membership.enums';

/** COP-1: the record that a member accepted a Code version on joining or renewing. */
@Entity('code_acceptance')
@Index(['memberId', 'acceptedAt'])
export class CodeAcceptance {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) memberId: string;
  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: object;
  @Column({ type: 'uuid' }) codeVersionId: string;
  @ManyToOne('CodeOfPracticeVersion', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'code_version_id' })
  codeVersion?: object;
  @Column({ type: 'varchar', length: 10 }) context: CodeAcceptanceContext;
  @Column({ type: 'timestamptz' }) acceptedAt: Date;
}
