import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sequences behind membership numbers and application references, so concurrent inserts never collide. */
export class MembershipSequences1763856000000 implements MigrationInterface {
  name = 'MembershipSequences1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE IF NOT EXISTS membership_number_seq START 1000001`);
    await q.query(`CREATE SEQUENCE IF NOT EXISTS membership_application_ref_seq START 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE IF EXISTS membership_application_ref_seq`);
    await q.query(`DROP SEQUENCE IF EXISTS membership_number_seq`);
  }
}
