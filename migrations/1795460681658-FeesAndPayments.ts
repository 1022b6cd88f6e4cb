import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fees and payments (ATS-14..17, 20, 32..35, 47, 48; DEC-P1, DEC-P2): fee schedule, accounts, schedule items, invoices,
 * payments (unique idempotency key), allocations and refunds; the invoice number sequence; and the programme fee in
 * force, £815.00 published on 2023-09-01, so a fresh database charges the current fee.
 */
export class FeesAndPayments1795460681658 implements MigrationInterface {
  name = 'FeesAndPayments1795460681658';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "invoice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(20) NOT NULL, "account_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "member_id" uuid NOT NULL, "employer_name" character varying(200), "amount_pence" integer NOT NULL, "issued_on" date NOT NULL, "due_on" date NOT NULL, "status" character varying(10) NOT NULL, "settled_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_60284980bc8b9c624459948f4ac" UNIQUE ("number"), CONSTRAINT "PK_15d25c200d9bcd8a33f698daf18" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_c8dc079f74fc83577d63011079" ON "invoice"  ("participant_id") `);
    await q.query(`CREATE TABLE "payment_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "member_id" uuid NOT NULL, "plan" character varying(20) NOT NULL, "charge_pence" integer NOT NULL, "registration_date" date NOT NULL, "employer_name" character varying(200), "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" text, "version" integer NOT NULL, CONSTRAINT "UQ_738fb8367bf7899008eba22f83d" UNIQUE ("participant_id"), CONSTRAINT "PK_bb95477ae48c741a9c1445babfd" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_473eb522d55ed5222a8f9d00c0" ON "payment_account"  ("member_id") `);
    await q.query(`CREATE TABLE "payment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" character varying(100) NOT NULL, "account_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "member_id" uuid NOT NULL, "amount_pence" integer NOT NULL, "channel" character varying(20) NOT NULL, "provider_reference" character varying(100) NOT NULL, "invoice_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" character varying(64) NOT NULL, "recorded_by_role" character varying(40) NOT NULL, CONSTRAINT "UQ_989fae9e4731f55c44394f53854" UNIQUE ("idempotency_key"), CONSTRAINT "PK_fcaec7df5adf9cac408c686b2ab" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_1572f3272e61051caa781afde8" ON "payment"  ("participant_id", "received_at") `);
    await q.query(`CREATE TABLE "payment_allocation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "schedule_item_id" uuid NOT NULL, "amount_pence" integer NOT NULL, CONSTRAINT "PK_c33ff68d0655802841f39d2bbdc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_a0f7b1a5a72ae59040ff0a19c1" ON "payment_allocation"  ("schedule_item_id") `);
    await q.query(`CREATE INDEX "IDX_a7a02a0af35283a6e0d7eed69a" ON "payment_allocation"  ("payment_id") `);
    await q.query(`CREATE TABLE "programme_fee" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "amount_pence" integer NOT NULL, "published_on" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" character varying(64) NOT NULL, CONSTRAINT "UQ_a7e96f6da05025c4824bdd306c3" UNIQUE ("published_on"), CONSTRAINT "PK_e9d8c60bfa2030110604ca75d8b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "refund" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "amount_pence" integer NOT NULL, "reason" text NOT NULL, "refunded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f1cefa2e60d99b206c46c1116e5" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_6e47bc4e156ab81e13a2b0ea83" ON "refund"  ("participant_id") `);
    await q.query(`CREATE TABLE "payment_schedule_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "sequence" integer NOT NULL, "kind" character varying(30) NOT NULL, "amount_pence" integer NOT NULL, "paid_pence" integer NOT NULL DEFAULT '0', "due_on" date NOT NULL, "status" character varying(10) NOT NULL, "invoice_id" uuid, "paid_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0286ec4b70f8f47a08904f4954f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_ae523ffc44f8d510c61e4c970c" ON "payment_schedule_item"  ("participant_id") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_d49df58cb0c6f58eaadb49c4db" ON "payment_schedule_item"  ("account_id", "sequence") `);
    await q.query(`CREATE SEQUENCE IF NOT EXISTS invoice_number_seq START 1`);
    await q.query(`INSERT INTO "programme_fee" ("amount_pence", "published_on", "recorded_at", "recorded_by") VALUES (81500, '2023-09-01', '2023-09-01T09:00:00Z', 'system')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "programme_fee" WHERE "published_on" = '2023-09-01' AND "amount_pence" = 81500`);
    await q.query(`DROP SEQUENCE IF EXISTS invoice_number_seq`);
    await q.query(`DROP INDEX "public"."IDX_d49df58cb0c6f58eaadb49c4db"`);
    await q.query(`DROP INDEX "public"."IDX_ae523ffc44f8d510c61e4c970c"`);
    await q.query(`DROP TABLE "payment_schedule_item"`);
    await q.query(`DROP INDEX "public"."IDX_6e47bc4e156ab81e13a2b0ea83"`);
    await q.query(`DROP TABLE "refund"`);
    await q.query(`DROP TABLE "programme_fee"`);
    await q.query(`DROP INDEX "public"."IDX_a7a02a0af35283a6e0d7eed69a"`);
    await q.query(`DROP INDEX "public"."IDX_a0f7b1a5a72ae59040ff0a19c1"`);
    await q.query(`DROP TABLE "payment_allocation"`);
    await q.query(`DROP INDEX "public"."IDX_1572f3272e61051caa781afde8"`);
    await q.query(`DROP TABLE "payment"`);
    await q.query(`DROP INDEX "public"."IDX_473eb522d55ed5222a8f9d00c0"`);
    await q.query(`DROP TABLE "payment_account"`);
    await q.query(`DROP INDEX "public"."IDX_c8dc079f74fc83577d63011079"`);
    await q.query(`DROP TABLE "invoice"`);
  }
}
