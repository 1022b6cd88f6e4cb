import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JoinConfirmation1795556886545 implements MigrationInterface {
  name = 'JoinConfirmation1795556886545';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "membership_application" ADD "confirmation_token_hash" character varying(64)`);
    await q.query(`ALTER TABLE "membership_application" ADD "confirmed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "membership_application" ADD "confirmation_expires_at" TIMESTAMP WITH TIME ZONE`);
    // Applications taken before confirmation existed stay considered: they count as confirmed when submitted.
    await q.query(`UPDATE "membership_application" SET "confirmed_at" = "submitted_at" WHERE "confirmed_at" IS NULL`);
    await q.query(`CREATE INDEX "IDX_membership_application_unconfirmed_expiry" ON "membership_application"  ("confirmation_expires_at") WHERE "confirmed_at" IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_membership_application_confirmation_token" ON "membership_application"  ("confirmation_token_hash") WHERE "confirmation_token_hash" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."UQ_membership_application_confirmation_token"`);
    await q.query(`DROP INDEX "public"."IDX_membership_application_unconfirmed_expiry"`);
    await q.query(`ALTER TABLE "membership_application" DROP COLUMN "confirmation_expires_at"`);
    await q.query(`ALTER TABLE "membership_application" DROP COLUMN "confirmed_at"`);
    await q.query(`ALTER TABLE "membership_application" DROP COLUMN "confirmation_token_hash"`);
  }
}
