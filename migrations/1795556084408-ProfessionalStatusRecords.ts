import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProfessionalStatusRecords1795556084408 implements MigrationInterface {
  name = 'ProfessionalStatusRecords1795556084408';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "professional_status" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "title" character varying(4) NOT NULL, "awarded_on" date NOT NULL, "reaccreditation_due_on" date, "participant_id" uuid, "suspended_on" date, "suspension_ends_on" date, "removed_on" date, "register_opt_out" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "CHK_professional_status_suspension_order" CHECK ("suspension_ends_on" IS NULL OR ("suspended_on" IS NOT NULL AND "suspension_ends_on" > "suspended_on")), CONSTRAINT "CHK_professional_status_due_after_award" CHECK ("reaccreditation_due_on" IS NULL OR "reaccreditation_due_on" > "awarded_on"), CONSTRAINT "CHK_professional_status_title" CHECK ("title" IN ('ATS', 'QTLS')), CONSTRAINT "PK_2223cdb82677ce15120837cbb9a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_e09fcbb04d47c56efa2f618395" ON "professional_status"  ("member_id", "title") `);
    await q.query(`CREATE TABLE "chartered_teacher_conferral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "professional_status_id" uuid NOT NULL, "ats_awarded_on" date NOT NULL, "conferred_on" date NOT NULL, "share_by" date NOT NULL, "graduation_invited_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f30fb2e8347401a93ff18aa506d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_e81b8ddadd73ecb6ec0f7cd97b" ON "chartered_teacher_conferral"  ("professional_status_id") `);
    await q.query(`CREATE INDEX "IDX_3ef555adb4e9783fdc86077d57" ON "chartered_teacher_conferral"  ("acknowledged_at", "share_by") `);
    await q.query(`ALTER TABLE "member" ADD "suspension_ends_on" date`);
    await q.query(`ALTER TABLE "professional_status" ADD CONSTRAINT "FK_08e9dcefa5c59b097a10e7cf55a" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "professional_status" ADD CONSTRAINT "FK_8b7a973224df64196078466ff18" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "chartered_teacher_conferral" ADD CONSTRAINT "FK_e8476ae8008dc52e86497c68b4a" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "chartered_teacher_conferral" ADD CONSTRAINT "FK_e81b8ddadd73ecb6ec0f7cd97b6" FOREIGN KEY ("professional_status_id") REFERENCES "professional_status"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "chartered_teacher_conferral" DROP CONSTRAINT "FK_e81b8ddadd73ecb6ec0f7cd97b6"`);
    await q.query(`ALTER TABLE "chartered_teacher_conferral" DROP CONSTRAINT "FK_e8476ae8008dc52e86497c68b4a"`);
    await q.query(`ALTER TABLE "professional_status" DROP CONSTRAINT "FK_8b7a973224df64196078466ff18"`);
    await q.query(`ALTER TABLE "professional_status" DROP CONSTRAINT "FK_08e9dcefa5c59b097a10e7cf55a"`);
    await q.query(`ALTER TABLE "member" DROP COLUMN "suspension_ends_on"`);
    await q.query(`DROP INDEX "public"."IDX_3ef555adb4e9783fdc86077d57"`);
    await q.query(`DROP INDEX "public"."IDX_e81b8ddadd73ecb6ec0f7cd97b"`);
    await q.query(`DROP TABLE "chartered_teacher_conferral"`);
    await q.query(`DROP INDEX "public"."IDX_e09fcbb04d47c56efa2f618395"`);
    await q.query(`DROP TABLE "professional_status"`);
  }
}
