import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AtsResultsAwardStatus1795556722265 implements MigrationInterface {
  name = 'AtsResultsAwardStatus1795556722265';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ats_outcome" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "round" character varying(12) NOT NULL, "outcome" character varying(24) NOT NULL, "feedback" text, "resubmission_deadline" date, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" character varying(64) NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_ats_outcome_deadline" CHECK (("outcome" = 'CRITERIA_NOT_MET') = ("resubmission_deadline" IS NOT NULL)), CONSTRAINT "CHK_ats_outcome_round" CHECK ("round" IN ('FIRST', 'RESUBMISSION')), CONSTRAINT "CHK_ats_outcome_outcome" CHECK ("outcome" IN ('PROVISIONALLY_AWARDED', 'CRITERIA_NOT_MET', 'RESTART_REQUIRED')), CONSTRAINT "PK_7e2d4c8f39098f3e7fa3b320da1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_ats_outcome_current_round" ON "ats_outcome"  ("participant_id", "round") WHERE "superseded_at" IS NULL`);
    await q.query(`CREATE TABLE "ats_resubmission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_on" date NOT NULL, "deadline" date NOT NULL, "review_due_on" date NOT NULL, "feedback_due_on" date NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2b639a54842ee4f87ca18f82a21" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_68bfaad021fb369cb142472b08" ON "ats_resubmission"  ("participant_id") `);
    await q.query(`CREATE INDEX "IDX_689a4a000993f6c73d6331c5cb" ON "ats_resubmission"  ("review_due_on") `);
    await q.query(`CREATE TABLE "ats_objection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "outcome_id" uuid NOT NULL, "grounds" text NOT NULL, "status" character varying(16) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "review_started_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" character varying(64), "reasons" text, "new_outcome_recorded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_ats_objection_status" CHECK ("status" IN ('RECEIVED', 'UNDER_REVIEW', 'UPHELD', 'NOT_UPHELD')), CONSTRAINT "PK_658614848f84cfceb00080581f6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_b9d348c97ac1608c8f626f70fa" ON "ats_objection"  ("participant_id") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_249c119ba3ae673918893a038b" ON "ats_objection"  ("outcome_id") `);
    await q.query(`CREATE INDEX "IDX_a593274563351097328b2fe4e1" ON "ats_objection"  ("status", "received_at") `);
    await q.query(`CREATE TABLE "ats_viva" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "attempt_number" integer NOT NULL, "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "meeting_link" character varying(500) NOT NULL, "reschedule_count" integer NOT NULL DEFAULT '0', "outcome" character varying(20), "further_information_needed" text, "reasons" text, "outcome_recorded_at" TIMESTAMP WITH TIME ZONE, "outcome_recorded_by" character varying(64), "voided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_ats_viva_outcome" CHECK ("outcome" IS NULL OR "outcome" IN ('PASSED', 'RE_VIVA_REQUIRED', 'NOT_PASSED')), CONSTRAINT "CHK_ats_viva_attempt" CHECK ("attempt_number" BETWEEN 1 AND 2), CONSTRAINT "PK_2ed9289cbe3ea57ba33357cb5bc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_2e9c12a7093d0d00142aa23d42" ON "ats_viva"  ("participant_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_ats_viva_attempt" ON "ats_viva"  ("participant_id", "attempt_number") WHERE "voided_at" IS NULL`);
    await q.query(`CREATE TABLE "ats_award" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "member_id" uuid NOT NULL, "professional_status_id" uuid NOT NULL, "awarded_on" date NOT NULL, "formal_documents_due_on" date NOT NULL, "formal_documents_sent_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7d56b6be37884a46c0d2e0d3356" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_f9b79a420fcd7ffc784233f431" ON "ats_award"  ("participant_id") `);
    await q.query(`CREATE INDEX "IDX_d42f47543b68d56e8997feb345" ON "ats_award"  ("member_id") `);
    await q.query(`CREATE INDEX "IDX_9811cbb90181ed1c51e6d1cc86" ON "ats_award"  ("formal_documents_sent_on", "formal_documents_due_on") `);
    await q.query(`CREATE TABLE "ats_certificate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "award_id" uuid NOT NULL, "professional_status_id" uuid NOT NULL, "member_id" uuid NOT NULL, "verification_code" character varying(40) NOT NULL, "holder_name" character varying(210) NOT NULL, "membership_number" character varying(12) NOT NULL, "title" character varying(4) NOT NULL, "awarded_on" date NOT NULL, "pdf" bytea NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_97b245aa724fea1c96fae1b57a2" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_b4fcbb161c578348376e250f56" ON "ats_certificate"  ("award_id") `);
    await q.query(`CREATE INDEX "IDX_d3c62aa351a703f499c2bda765" ON "ats_certificate"  ("member_id") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_971e4c433304798e8210ebe3fd" ON "ats_certificate"  ("verification_code") `);
    await q.query(`CREATE TABLE "reaccreditation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "professional_status_id" uuid NOT NULL, "member_id" uuid NOT NULL, "statement" text NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL, "applied_on" date NOT NULL, "due_on_at_application" date NOT NULL, "status" character varying(10) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" character varying(64), "reasons" text, "next_due_on" date, CONSTRAINT "CHK_reaccreditation_status" CHECK ("status" IN ('REQUESTED', 'APPROVED', 'REFUSED')), CONSTRAINT "PK_253bbaf546eac1d39a11a465cb7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_25589747f40887cdef45cdb7d7" ON "reaccreditation"  ("member_id") `);
    await q.query(`CREATE INDEX "IDX_0d2ddb07d35caf1e3301c439e8" ON "reaccreditation"  ("status", "applied_at") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_reaccreditation_one_open" ON "reaccreditation"  ("professional_status_id") WHERE "status" = 'REQUESTED'`);
    // Widened in place (the generator would drop and re-add the column, losing every participant's state).
    await q.query(`ALTER TABLE "participant" ALTER COLUMN "status" TYPE character varying(24)`);
    await q.query(`ALTER TABLE "ats_outcome" ADD CONSTRAINT "FK_ba16589f865e7e557474352853b" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_resubmission" ADD CONSTRAINT "FK_68bfaad021fb369cb142472b081" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_objection" ADD CONSTRAINT "FK_b9d348c97ac1608c8f626f70fa1" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_objection" ADD CONSTRAINT "FK_249c119ba3ae673918893a038b1" FOREIGN KEY ("outcome_id") REFERENCES "ats_outcome"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_viva" ADD CONSTRAINT "FK_2e9c12a7093d0d00142aa23d420" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_award" ADD CONSTRAINT "FK_f9b79a420fcd7ffc784233f4318" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_award" ADD CONSTRAINT "FK_d42f47543b68d56e8997feb345d" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_award" ADD CONSTRAINT "FK_4e7969edbabb584e591f439fead" FOREIGN KEY ("professional_status_id") REFERENCES "professional_status"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_certificate" ADD CONSTRAINT "FK_b4fcbb161c578348376e250f564" FOREIGN KEY ("award_id") REFERENCES "ats_award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_certificate" ADD CONSTRAINT "FK_dab52577ab67ad685a3e1677fd1" FOREIGN KEY ("professional_status_id") REFERENCES "professional_status"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "reaccreditation" ADD CONSTRAINT "FK_bdac3e372de23e5db64ca92b3fb" FOREIGN KEY ("professional_status_id") REFERENCES "professional_status"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "reaccreditation" ADD CONSTRAINT "FK_25589747f40887cdef45cdb7d7d" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reaccreditation" DROP CONSTRAINT "FK_25589747f40887cdef45cdb7d7d"`);
    await q.query(`ALTER TABLE "reaccreditation" DROP CONSTRAINT "FK_bdac3e372de23e5db64ca92b3fb"`);
    await q.query(`ALTER TABLE "ats_certificate" DROP CONSTRAINT "FK_dab52577ab67ad685a3e1677fd1"`);
    await q.query(`ALTER TABLE "ats_certificate" DROP CONSTRAINT "FK_b4fcbb161c578348376e250f564"`);
    await q.query(`ALTER TABLE "ats_award" DROP CONSTRAINT "FK_4e7969edbabb584e591f439fead"`);
    await q.query(`ALTER TABLE "ats_award" DROP CONSTRAINT "FK_d42f47543b68d56e8997feb345d"`);
    await q.query(`ALTER TABLE "ats_award" DROP CONSTRAINT "FK_f9b79a420fcd7ffc784233f4318"`);
    await q.query(`ALTER TABLE "ats_viva" DROP CONSTRAINT "FK_2e9c12a7093d0d00142aa23d420"`);
    await q.query(`ALTER TABLE "ats_objection" DROP CONSTRAINT "FK_249c119ba3ae673918893a038b1"`);
    await q.query(`ALTER TABLE "ats_objection" DROP CONSTRAINT "FK_b9d348c97ac1608c8f626f70fa1"`);
    await q.query(`ALTER TABLE "ats_resubmission" DROP CONSTRAINT "FK_68bfaad021fb369cb142472b081"`);
    await q.query(`ALTER TABLE "ats_outcome" DROP CONSTRAINT "FK_ba16589f865e7e557474352853b"`);
    await q.query(`ALTER TABLE "participant" ALTER COLUMN "status" TYPE character varying(20)`);
    await q.query(`DROP INDEX "public"."UQ_reaccreditation_one_open"`);
    await q.query(`DROP INDEX "public"."IDX_0d2ddb07d35caf1e3301c439e8"`);
    await q.query(`DROP INDEX "public"."IDX_25589747f40887cdef45cdb7d7"`);
    await q.query(`DROP TABLE "reaccreditation"`);
    await q.query(`DROP INDEX "public"."IDX_971e4c433304798e8210ebe3fd"`);
    await q.query(`DROP INDEX "public"."IDX_d3c62aa351a703f499c2bda765"`);
    await q.query(`DROP INDEX "public"."IDX_b4fcbb161c578348376e250f56"`);
    await q.query(`DROP TABLE "ats_certificate"`);
    await q.query(`DROP INDEX "public"."IDX_9811cbb90181ed1c51e6d1cc86"`);
    await q.query(`DROP INDEX "public"."IDX_d42f47543b68d56e8997feb345"`);
    await q.query(`DROP INDEX "public"."IDX_f9b79a420fcd7ffc784233f431"`);
    await q.query(`DROP TABLE "ats_award"`);
    await q.query(`DROP INDEX "public"."UQ_ats_viva_attempt"`);
    await q.query(`DROP INDEX "public"."IDX_2e9c12a7093d0d00142aa23d42"`);
    await q.query(`DROP TABLE "ats_viva"`);
    await q.query(`DROP INDEX "public"."IDX_a593274563351097328b2fe4e1"`);
    await q.query(`DROP INDEX "public"."IDX_249c119ba3ae673918893a038b"`);
    await q.query(`DROP INDEX "public"."IDX_b9d348c97ac1608c8f626f70fa"`);
    await q.query(`DROP TABLE "ats_objection"`);
    await q.query(`DROP INDEX "public"."IDX_689a4a000993f6c73d6331c5cb"`);
    await q.query(`DROP INDEX "public"."IDX_68bfaad021fb369cb142472b08"`);
    await q.query(`DROP TABLE "ats_resubmission"`);
    await q.query(`DROP INDEX "public"."UQ_ats_outcome_current_round"`);
    await q.query(`DROP TABLE "ats_outcome"`);
  }
}
