import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgrammePortfolioAdjustmentsExtensions1795460978857 implements MigrationInterface {
  name = 'ProgrammePortfolioAdjustmentsExtensions1795460978857';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "extension_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "reason" character varying(30) NOT NULL, "evidence_notes" text NOT NULL, "technical_issue_identified_on" date, "prevented_by_unforeseen_event" boolean NOT NULL DEFAULT false, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "requested_on" date NOT NULL, "deadline_at_request" date NOT NULL, "status" character varying(10) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" character varying(64), "decision_reasons" text, "to_cohort_id" uuid, "new_deadline" date, "version" integer NOT NULL, CONSTRAINT "PK_fa783aff51254a4e5739909d199" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_ba3244b6d77bfafb5c759f878e" ON "extension_request"  ("participant_id", "requested_at") `);
    await q.query(`CREATE INDEX "IDX_882f3bf1b32c8fe175da5712c4" ON "extension_request"  ("status", "requested_at") `);
    await q.query(`CREATE TABLE "portfolio_access_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "description" text NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reported_on" date NOT NULL, "late" boolean NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution" text, CONSTRAINT "PK_7b370056b83862b5b767629b6bc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_65d3f81f551069927d29f80553" ON "portfolio_access_report"  ("participant_id", "reported_at") `);
    await q.query(`CREATE TABLE "portfolio_section" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "key" character varying(40) NOT NULL, "title" character varying(120) NOT NULL, "position" integer NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_33f075e34fc6bec229085c1350d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_0850494f0affb75050d3783f02" ON "portfolio_section"  ("participant_id", "key") `);
    await q.query(`CREATE TABLE "reasonable_adjustment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "details" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(10) NOT NULL, "agreed_outcome" text, "includes_extension" boolean NOT NULL DEFAULT false, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" character varying(64), CONSTRAINT "PK_7f545bf37ac8199a88c3ee590d7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_7820d678b9d16fddb43227af49" ON "reasonable_adjustment"  ("participant_id", "requested_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_7820d678b9d16fddb43227af49"`);
    await q.query(`DROP TABLE "reasonable_adjustment"`);
    await q.query(`DROP INDEX "public"."IDX_0850494f0affb75050d3783f02"`);
    await q.query(`DROP TABLE "portfolio_section"`);
    await q.query(`DROP INDEX "public"."IDX_65d3f81f551069927d29f80553"`);
    await q.query(`DROP TABLE "portfolio_access_report"`);
    await q.query(`DROP INDEX "public"."IDX_882f3bf1b32c8fe175da5712c4"`);
    await q.query(`DROP INDEX "public"."IDX_ba3244b6d77bfafb5c759f878e"`);
    await q.query(`DROP TABLE "extension_request"`);
  }
}
