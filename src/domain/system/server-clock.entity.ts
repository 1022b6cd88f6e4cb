import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * DEC-T2 across instances (issue 8): the one shift of the test clock, stored so every instance, and every restart, reads
 * the same time. One row (id 1); no row means an unshifted clock.
 */
@Entity('server_clock')
@Check('CHK_server_clock_single_row', `"id" = 1`)
export class ServerClockSetting {
  @PrimaryColumn({ type: 'smallint' }) id: number;
  /** Milliseconds added to the real clock. */
  @Column({ type: 'bigint' }) offsetMs: string;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}
