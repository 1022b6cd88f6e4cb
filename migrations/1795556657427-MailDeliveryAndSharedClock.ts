import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailDeliveryAndSharedClock1795556657427 implements MigrationInterface {
  name = 'MailDeliveryAndSharedClock1795556657427';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "server_clock" ("id" smallint NOT NULL, "offset_ms" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_server_clock_single_row" CHECK ("id" = 1), CONSTRAINT "PK_e484d717b142412f4e7b37343a0" PRIMARY KEY ("id"))`);
    await q.query(`ALTER TABLE "notification" ADD "priority" smallint NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "notification" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notification" ADD "first_failed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notification" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notification" ADD "lease_owner" character varying(80)`);
    // Widened in place (room for UNDELIVERABLE), keeping every row's status and the (status, created_at) index.
    await q.query(`ALTER TABLE "notification" ALTER COLUMN "status" TYPE character varying(16)`);
    // Notices the old sender gave up on after five attempts were lost for good; they are retried now (issue 8).
    await q.query(`UPDATE "notification" SET "status" = 'PENDING', "first_failed_at" = now() WHERE "status" = 'FAILED'`);
    // COP-5 broadcasts go after transactional notices.
    await q.query(`UPDATE "notification" SET "priority" = 9 WHERE "template" = 'CODE_OF_PRACTICE_CHANGED'`);
    await q.query(`CREATE INDEX "IDX_notification_due" ON "notification"  ("priority", "created_at") WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_notification_due"`);
    await q.query(`UPDATE "notification" SET "status" = 'FAILED' WHERE "status" = 'UNDELIVERABLE'`);
    await q.query(`ALTER TABLE "notification" ALTER COLUMN "status" TYPE character varying(10)`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "lease_owner"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "lease_until"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "first_failed_at"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "next_attempt_at"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "priority"`);
    await q.query(`DROP TABLE "server_clock"`);
  }
}
