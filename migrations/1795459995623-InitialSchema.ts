import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795459995623 implements MigrationInterface {
  name = 'InitialSchema1795459995623';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" character varying(64) NOT NULL, "actor_role" character varying(40) NOT NULL, "action" character varying(80) NOT NULL, "target_type" character varying(60) NOT NULL, "target_id" character varying(64), "request_id" character varying(64), "detail" jsonb, CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_bae63f1bd9b3813b78ef9f1a72" ON "audit_entry"  ("actor_id", "occurred_at") `);
    await q.query(`CREATE INDEX "IDX_7a9e4f0b7b7717598108a7a66d" ON "audit_entry"  ("target_type", "target_id") `);
    await q.query(`CREATE INDEX "IDX_d020b84d9a3d5a7ea03caa529e" ON "audit_entry"  ("occurred_at", "id") `);
    await q.query(`CREATE TABLE "api_client" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "roles" text array NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "UQ_79ce16dd0d57df7a1736aff052f" UNIQUE ("name"), CONSTRAINT "PK_82a5ec6981d2be903a9eb1d9b9a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "staff_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "display_name" character varying(120) NOT NULL, "email" character varying(320) NOT NULL, "roles" text array NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "UQ_41a4f42a05b7aee26f9d3a0bb6b" UNIQUE ("email"), CONSTRAINT "PK_cec9365d9fc3a3409158b645f2e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "code_acceptance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "code_version_id" uuid NOT NULL, "context" character varying(10) NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_790f39d8169df2273dc6361d14b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_5bcc68fd593fa80a49290ca286" ON "code_acceptance"  ("member_id", "accepted_at") `);
    await q.query(`CREATE TABLE "code_of_practice_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "effective_from" date NOT NULL, "summary_of_changes" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_564cfffc6dfeb26f4e766257249" UNIQUE ("version"), CONSTRAINT "UQ_b08c7a598b6dba6f9739c8b6b12" UNIQUE ("effective_from"), CONSTRAINT "PK_1a32cf274fdc8b8a3c8710c2c2c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "membership_number" character varying(12) NOT NULL, "given_name" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "email" character varying(320) NOT NULL, "grade" character varying(10) NOT NULL, "status" character varying(10) NOT NULL, "joined_on" date NOT NULL, "renewal_date" date NOT NULL, "sector" character varying(30) NOT NULL, "employer_name" character varying(200), "employer_contact_email" character varying(320), "employer_verification_consent" boolean NOT NULL DEFAULT false, "accepted_code_version_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "UQ_00b500b345899477cee652734cc" UNIQUE ("membership_number"), CONSTRAINT "PK_97cbbe986ce9d14ca5894fdc072" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_4678079964ab375b2b31849456" ON "member"  ("email") `);
    await q.query(`CREATE INDEX "IDX_55cd5c30c6af1ec999997acbf6" ON "member"  ("status", "renewal_date") `);
    await q.query(`CREATE INDEX "IDX_1b264dfce2d565460ec6262cbb" ON "member"  ("family_name", "given_name", "id") `);
    await q.query(`CREATE TABLE "membership_application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(16) NOT NULL, "given_name" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "email" character varying(320) NOT NULL, "requested_grade" character varying(10) NOT NULL, "sector" character varying(30) NOT NULL, "employer_name" character varying(200), "employer_contact_email" character varying(320), "employer_verification_consent" boolean NOT NULL DEFAULT false, "code_version_id" uuid NOT NULL, "has_unspent_convictions" boolean NOT NULL, "subject_of_professional_misconduct_finding" boolean NOT NULL, "barred_from_teaching_or_working_with_children" boolean NOT NULL, "declaration_details" text, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(10) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" character varying(64), "decision_reasons" text, "panel_member_ids" uuid array NOT NULL DEFAULT '{}', "review_status" character varying(14) NOT NULL DEFAULT 'NOT_REQUESTED', "review_requested_at" TIMESTAMP WITH TIME ZONE, "review_grounds" text, "review_decided_at" TIMESTAMP WITH TIME ZONE, "review_decided_by" character varying(64), "review_reasons" text, "review_panel_member_ids" uuid array NOT NULL DEFAULT '{}', "member_id" uuid, "version" integer NOT NULL, CONSTRAINT "UQ_abff6b46e01a202b5e19e70d017" UNIQUE ("reference"), CONSTRAINT "PK_8090222d211a5102bf5b37cc9cc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_f4544ea66ed6d6eeb9c420cf30" ON "membership_application"  ("status", "submitted_at", "id") `);
    await q.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_member_id" uuid, "to_address" character varying(320) NOT NULL, "template" character varying(60) NOT NULL, "subject" character varying(200) NOT NULL, "body" text NOT NULL, "rule" character varying(20), "dedupe_key" character varying(200), "status" character varying(10) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_861ac597126e96d1b799bc0430" ON "notification"  ("dedupe_key") WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_29cd33d0780344db630c91dcf0" ON "notification"  ("status", "created_at") `);
    await q.query(`CREATE INDEX "IDX_faf69ed9c559b697b304f970e1" ON "notification"  ("recipient_member_id", "created_at") `);
    await q.query(`CREATE INDEX "IDX_7a01c683915bf1af08cea97eba" ON "notification"  ("created_at", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_7a01c683915bf1af08cea97eba"`);
    await q.query(`DROP INDEX "public"."IDX_faf69ed9c559b697b304f970e1"`);
    await q.query(`DROP INDEX "public"."IDX_29cd33d0780344db630c91dcf0"`);
    await q.query(`DROP INDEX "public"."IDX_861ac597126e96d1b799bc0430"`);
    await q.query(`DROP TABLE "notification"`);
    await q.query(`DROP INDEX "public"."IDX_f4544ea66ed6d6eeb9c420cf30"`);
    await q.query(`DROP TABLE "membership_application"`);
    await q.query(`DROP INDEX "public"."IDX_1b264dfce2d565460ec6262cbb"`);
    await q.query(`DROP INDEX "public"."IDX_55cd5c30c6af1ec999997acbf6"`);
    await q.query(`DROP INDEX "public"."IDX_4678079964ab375b2b31849456"`);
    await q.query(`DROP TABLE "member"`);
    await q.query(`DROP TABLE "code_of_practice_version"`);
    await q.query(`DROP INDEX "public"."IDX_5bcc68fd593fa80a49290ca286"`);
    await q.query(`DROP TABLE "code_acceptance"`);
    await q.query(`DROP TABLE "staff_user"`);
    await q.query(`DROP TABLE "api_client"`);
    await q.query(`DROP INDEX "public"."IDX_d020b84d9a3d5a7ea03caa529e"`);
    await q.query(`DROP INDEX "public"."IDX_7a9e4f0b7b7717598108a7a66d"`);
    await q.query(`DROP INDEX "public"."IDX_bae63f1bd9b3813b78ef9f1a72"`);
    await q.query(`DROP TABLE "audit_entry"`);
  }
}
