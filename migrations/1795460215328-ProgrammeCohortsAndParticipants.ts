import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgrammeCohortsAndParticipants1795460215328 implements MigrationInterface {
  name = 'ProgrammeCohortsAndParticipants1795460215328';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "cohort" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(40) NOT NULL, "portfolio_issue_date" date NOT NULL, "submission_deadline" date NOT NULL, "provisional_results_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_4ad087e5df9672583fbf2b9956d" UNIQUE ("name"), CONSTRAINT "PK_4fb3cca38dc4b461110344e5f9b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_ca3bfc4068f2bfec3ab0cd6249" ON "cohort"  ("submission_deadline") `);
    await q.query(`CREATE TABLE "participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "application_id" uuid NOT NULL, "registration_window_id" uuid NOT NULL, "original_cohort_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "attempt_kind" character varying(8) NOT NULL, "status" character varying(20) NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "registration_date" date NOT NULL, "fee_pence" integer NOT NULL, "payment_plan" character varying(20) NOT NULL, "deadline" date NOT NULL, "portfolio_issued_at" TIMESTAMP WITH TIME ZONE, "supporting_statement_obtained_at" TIMESTAMP WITH TIME ZONE, "shared_with_set_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawal_kind" character varying(20), "withdrawal_reason" text, "version" integer NOT NULL, CONSTRAINT "UQ_78d2a55ff5642cbb01fa96558be" UNIQUE ("application_id"), CONSTRAINT "PK_64da4237f502041781ca15d4c41" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_297d8db1791de6f3e5afbfa004" ON "participant"  ("status", "deadline") `);
    await q.query(`CREATE INDEX "IDX_70d47f809085be451b29bb3aa0" ON "participant"  ("cohort_id", "status") `);
    await q.query(`CREATE INDEX "IDX_91028fa91250a03dc4c1bb6c6b" ON "participant"  ("member_id", "registered_at") `);
    await q.query(`CREATE TABLE "registration_window" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "opens_on" date NOT NULL, "closes_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_c9e4f59b641be018d574313ecd7" UNIQUE ("cohort_id"), CONSTRAINT "PK_9bf1e78e5e80fe4352a8a7a2d4b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_48cb00d9e4bfa2176f4d1ed818" ON "registration_window"  ("opens_on", "closes_on") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_48cb00d9e4bfa2176f4d1ed818"`);
    await q.query(`DROP TABLE "registration_window"`);
    await q.query(`DROP INDEX "public"."IDX_91028fa91250a03dc4c1bb6c6b"`);
    await q.query(`DROP INDEX "public"."IDX_70d47f809085be451b29bb3aa0"`);
    await q.query(`DROP INDEX "public"."IDX_297d8db1791de6f3e5afbfa004"`);
    await q.query(`DROP TABLE "participant"`);
    await q.query(`DROP INDEX "public"."IDX_ca3bfc4068f2bfec3ab0cd6249"`);
    await q.query(`DROP TABLE "cohort"`);
  }
}
