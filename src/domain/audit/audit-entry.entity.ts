import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** ATS-57: every change and every staff read of personal data is attributable. Holds ids, never personal data. */
@Entity('audit_entry')
@Index(['occurredAt', 'id'])
@Index(['targetType', 'targetId'])
@Index(['actorId', 'occurredAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'timestamptz' }) occurredAt: Date;
  @Column({ type: 'varchar', length: 64 }) actorId: string;
  @Column({ type: 'varchar', length: 40 }) actorRole: string;
  /** e.g. `member.renew`, `member.read`. */
  @Column({ type: 'varchar', length: 80 }) action: string;
  @Column({ type: 'varchar', length: 60 }) targetType: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) targetId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId: string | null;
  /** Ids and codes only (never names, emails or free text). */
  @Column({ type: 'jsonb', nullable: true }) detail: Record<string, unknown> | null;
}
