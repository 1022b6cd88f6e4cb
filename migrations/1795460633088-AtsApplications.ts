import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AtsApplications1795460633088 implements MigrationInterface {
  name = 'AtsApplications1795460633088';

  async up(q: QueryRunner): Promise<void> {
    // Hand-added: application references (ATS-000001) come from a sequence, so concurrent submissions never collide.
    await q.query(`CREATE SEQUENCE "ats_application_ref_seq" START 1`);
    await q.query(`CREATE TABLE "ats_application_template_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version_label" character varying(40) NOT NULL, "published_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_49f2706a6cba5abffa286a55ea8" UNIQUE ("version_label"), CONSTRAINT "UQ_1032342407abb2633d2c5660949" UNIQUE ("published_on"), CONSTRAINT "PK_3450b36a0e817caf46c910eb205" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "approved_qualification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "list" character varying(10) NOT NULL, "title" character varying(200) NOT NULL, "awarding_body" character varying(200) NOT NULL, "level" character varying(40) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_19c72731cbf63616bafabb47b7b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_de7b19cf206b6ba8792cdec48c" ON "approved_qualification"  ("list", "title", "awarding_body") `);
    await q.query(`CREATE TABLE "ats_application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(16) NOT NULL, "member_id" uuid NOT NULL, "template_version_id" uuid NOT NULL, "is_restart" boolean NOT NULL, "eligibility_statement" text NOT NULL, "qualification_ids" uuid array NOT NULL, "status" character varying(12) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_on" date NOT NULL, "decision_due_on" date NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" character varying(64), "decision_reasons" text, "resubmission_of_id" uuid, "used_by_participant_id" uuid, "used_for_registration_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, CONSTRAINT "UQ_ebbc43df8b93e0a96a24558efb3" UNIQUE ("reference"), CONSTRAINT "UQ_cad4d1e559fae7418381b1dd87b" UNIQUE ("resubmission_of_id"), CONSTRAINT "UQ_8bfbae0fe666bd66350f14c7fac" UNIQUE ("used_by_participant_id"), CONSTRAINT "PK_0ab2b5e31bdbb625c011ee18997" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_ats_application_one_undecided_per_member" ON "ats_application"  ("member_id") WHERE status = 'SUBMITTED'`);
    await q.query(`CREATE INDEX "IDX_757762e256b76370032ccd3490" ON "ats_application"  ("member_id", "submitted_at") `);
    await q.query(`CREATE INDEX "IDX_1aa056b0b7adb99613def4ad79" ON "ats_application"  ("status", "decision_due_on") `);
    await q.query(`CREATE INDEX "IDX_516762be60e397f199907105e5" ON "ats_application"  ("submitted_at", "id") `);
    await q.query(`CREATE TABLE "member_qualification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "approved_qualification_id" uuid NOT NULL, "certificate_date" date NOT NULL, "grade" character varying(40) NOT NULL, "certificate_reference" character varying(100) NOT NULL, "declared_authentic_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8d3a436247ac9a14b0816d15068" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_d7dfc70f33dc8cde0aaf653e9c" ON "member_qualification"  ("member_id", "approved_qualification_id") `);
    await q.query(`CREATE TABLE "qualification_authenticity_check" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_qualification_id" uuid NOT NULL, "member_id" uuid NOT NULL, "queried_on" date NOT NULL, "awarding_body" character varying(200) NOT NULL, "result" character varying(12) NOT NULL, "notes" text, "recorded_by" character varying(64) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_2cf339a1f82833be2d185c98fd1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_798f15df36e1fa320f3aee6527" ON "qualification_authenticity_check"  ("member_id") `);
    await q.query(`CREATE INDEX "IDX_57594578790d82d205b998a849" ON "qualification_authenticity_check"  ("member_qualification_id", "queried_on") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_57594578790d82d205b998a849"`);
    await q.query(`DROP INDEX "public"."IDX_798f15df36e1fa320f3aee6527"`);
    await q.query(`DROP TABLE "qualification_authenticity_check"`);
    await q.query(`DROP INDEX "public"."IDX_d7dfc70f33dc8cde0aaf653e9c"`);
    await q.query(`DROP TABLE "member_qualification"`);
    await q.query(`DROP INDEX "public"."IDX_516762be60e397f199907105e5"`);
    await q.query(`DROP INDEX "public"."IDX_1aa056b0b7adb99613def4ad79"`);
    await q.query(`DROP INDEX "public"."IDX_757762e256b76370032ccd3490"`);
    await q.query(`DROP INDEX "public"."UQ_ats_application_one_undecided_per_member"`);
    await q.query(`DROP TABLE "ats_application"`);
    await q.query(`DROP INDEX "public"."IDX_de7b19cf206b6ba8792cdec48c"`);
    await q.query(`DROP TABLE "approved_qualification"`);
    await q.query(`DROP TABLE "ats_application_template_version"`);
    await q.query(`DROP SEQUENCE "ats_application_ref_seq"`);
  }
}
