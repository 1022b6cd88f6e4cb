import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeAcceptanceContext } from './membership.enums';

/** COP-1: the record that a member accepted a Code version on joining or renewing. */
@Entity('code_acceptance')
@Index(['memberId', 'acceptedAt'])
export class CodeAcceptance {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'uuid' }) codeVersionId: string;
  @Column({ type: 'varchar', length: 10 }) context: CodeAcceptanceContext;
  @Column({ type: 'timestamptz' }) acceptedAt: Date;
}
