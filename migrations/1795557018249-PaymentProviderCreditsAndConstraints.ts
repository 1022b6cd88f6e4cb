import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 6 items 1, 2, 3, 8 (ATS-16, ATS-45, DEC-P3..P5): card checkouts confirmed by the payment provider; the
 * provider's or bank's reference unique per channel; payers on payments and refunds, refunds per payment, credits;
 * ATS-45 collection stop and write-off; CHECKs on money and foreign keys on every reference of the payment tables.
 */
export class PaymentProviderCreditsAndConstraints1795557018249 implements MigrationInterface {
  name = 'PaymentProviderCreditsAndConstraints1795557018249';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "card_checkout" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" character varying(100) NOT NULL, "provider" character varying(20) NOT NULL, "provider_checkout_id" character varying(255) NOT NULL, "provider_payment_id" character varying(255), "account_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "member_id" uuid NOT NULL, "amount_pence" integer NOT NULL, "invoice_id" uuid, "payer_kind" character varying(12) NOT NULL, "payer_name" character varying(200), "payer_email" character varying(320), "status" character varying(10) NOT NULL, "checkout_url" text, "client_secret" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "failure_reason" text, "payment_id" uuid, CONSTRAINT "UQ_b09f80245f33d2d69e160f12417" UNIQUE ("idempotency_key"), CONSTRAINT "CHK_card_checkout_completed_has_payment" CHECK ("status" <> 'COMPLETED' OR "payment_id" IS NOT NULL), CONSTRAINT "CHK_card_checkout_status" CHECK ("status" IN ('OPEN', 'COMPLETED', 'FAILED')), CONSTRAINT "CHK_card_checkout_amount_positive" CHECK ("amount_pence" > 0), CONSTRAINT "PK_aad1fed42f941c41ff01ddd118c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_card_checkout_provider_checkout" ON "card_checkout"  ("provider", "provider_checkout_id") `);
    await q.query(`CREATE INDEX "IDX_370dc1c64316a549ad938d2417" ON "card_checkout"  ("participant_id", "created_at") `);
    await q.query(`ALTER TABLE "payment_account" ADD "collection_stopped_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "payment_account" ADD "collection_stop_reason" text`);
    await q.query(`ALTER TABLE "payment_account" ADD "balance_decision" character varying(10)`);
    await q.query(`ALTER TABLE "payment_account" ADD "balance_decision_reason" text`);
    await q.query(`ALTER TABLE "payment_account" ADD "balance_decided_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "payment_account" ADD "balance_decided_by" character varying(64)`);
    await q.query(`ALTER TABLE "payment" ADD "credit_pence" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "payment" ADD "payer_kind" character varying(12) NOT NULL DEFAULT 'PARTICIPANT'`);
    await q.query(`ALTER TABLE "payment" ADD "payer_name" character varying(200)`);
    await q.query(`ALTER TABLE "payment" ADD "payer_email" character varying(320)`);
    await q.query(`ALTER TABLE "refund" ADD "payment_id" uuid`);
    await q.query(`ALTER TABLE "refund" ADD "kind" character varying(12) NOT NULL DEFAULT 'FULL_REFUND'`);
    await q.query(`ALTER TABLE "refund" ADD "channel" character varying(20)`);
    await q.query(`ALTER TABLE "refund" ADD "payer_kind" character varying(12)`);
    await q.query(`ALTER TABLE "refund" ADD "payer_name" character varying(200)`);
    await q.query(`ALTER TABLE "refund" ADD "payer_email" character varying(320)`);
    await q.query(`ALTER TABLE "refund" ADD "provider_refund_reference" character varying(100)`);
    await q.query(`ALTER TABLE "refund" ADD "refunded_by" character varying(64) NOT NULL DEFAULT 'system'`);
    // Rows written before this migration: the payer is the participant (employer payers were not recorded), and a
    // refund is attached to the account's first payment, whose channel it went back by.
    await q.query(`UPDATE "payment" p SET "payer_name" = trim(m."given_name" || ' ' || m."family_name"), "payer_email" = m."email" FROM "member" m WHERE m."id" = p."member_id" AND p."payer_email" IS NULL`);
    await q.query(`UPDATE "refund" r SET "payment_id" = p."id", "channel" = p."channel", "payer_kind" = p."payer_kind", "payer_name" = p."payer_name", "payer_email" = p."payer_email"
                     FROM (SELECT DISTINCT ON ("account_id") * FROM "payment" ORDER BY "account_id", "received_at", "id") p
                    WHERE p."account_id" = r."account_id" AND r."payment_id" IS NULL`);
    await q.query(`ALTER TABLE "refund" ALTER COLUMN "payment_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "refund" ALTER COLUMN "channel" SET NOT NULL`);
    await q.query(`ALTER TABLE "refund" ALTER COLUMN "payer_kind" SET NOT NULL`);
    // WRITTEN_OFF (ATS-45) needs two more characters; widen in place, keeping the data.
    await q.query(`ALTER TABLE "invoice" ALTER COLUMN "status" TYPE character varying(12)`);
    await q.query(`ALTER TABLE "payment_schedule_item" ALTER COLUMN "status" TYPE character varying(12)`);
    await q.query(`CREATE INDEX "IDX_b8ebf46d8ce268b6862ab404ba" ON "payment_schedule_item"  ("status", "due_on") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_payment_channel_provider_reference" ON "payment"  ("channel", "provider_reference") `);
    await q.query(`CREATE INDEX "IDX_8e116348330845195dc5b1585f" ON "refund"  ("payment_id") `);
    await q.query(`ALTER TABLE "payment_account" ADD CONSTRAINT "CHK_payment_account_balance_decision" CHECK ("balance_decision" IS NULL OR ("balance_decision" IN ('WRITE_OFF', 'KEEP') AND "collection_stopped_at" IS NOT NULL))`);
    await q.query(`ALTER TABLE "payment_account" ADD CONSTRAINT "CHK_payment_account_charge_positive" CHECK ("charge_pence" > 0)`);
    await q.query(`ALTER TABLE "invoice" ADD CONSTRAINT "CHK_invoice_amount_positive" CHECK ("amount_pence" > 0)`);
    await q.query(`ALTER TABLE "payment_schedule_item" ADD CONSTRAINT "CHK_schedule_item_paid_within_amount" CHECK ("paid_pence" >= 0 AND "paid_pence" <= "amount_pence")`);
    await q.query(`ALTER TABLE "payment_schedule_item" ADD CONSTRAINT "CHK_schedule_item_amount_positive" CHECK ("amount_pence" > 0)`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "CHK_payment_payer_kind" CHECK ("payer_kind" IN ('PARTICIPANT', 'EMPLOYER'))`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "CHK_payment_channel" CHECK ("channel" IN ('ONLINE', 'PHONE', 'DIRECT_DEBIT', 'BACS'))`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "CHK_payment_credit_within_amount" CHECK ("credit_pence" >= 0 AND "credit_pence" <= "amount_pence")`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "CHK_payment_amount_positive" CHECK ("amount_pence" > 0)`);
    await q.query(`ALTER TABLE "payment_allocation" ADD CONSTRAINT "CHK_payment_allocation_amount_positive" CHECK ("amount_pence" > 0)`);
    await q.query(`ALTER TABLE "programme_fee" ADD CONSTRAINT "CHK_programme_fee_amount_positive" CHECK ("amount_pence" > 0)`);
    await q.query(`ALTER TABLE "refund" ADD CONSTRAINT "CHK_refund_kind" CHECK ("kind" IN ('FULL_REFUND', 'CREDIT'))`);
    await q.query(`ALTER TABLE "refund" ADD CONSTRAINT "CHK_refund_amount_positive" CHECK ("amount_pence" > 0)`);
    await q.query(`ALTER TABLE "payment_account" ADD CONSTRAINT "FK_738fb8367bf7899008eba22f83d" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment_account" ADD CONSTRAINT "FK_473eb522d55ed5222a8f9d00c06" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "invoice" ADD CONSTRAINT "FK_7743b783da4d0b74b7bfdfd4818" FOREIGN KEY ("account_id") REFERENCES "payment_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "invoice" ADD CONSTRAINT "FK_c8dc079f74fc83577d630110790" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "invoice" ADD CONSTRAINT "FK_f4b4e870229f2acc608a3138a7c" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment_schedule_item" ADD CONSTRAINT "FK_b55ed69bd7be51387e18dd32e53" FOREIGN KEY ("account_id") REFERENCES "payment_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment_schedule_item" ADD CONSTRAINT "FK_ae523ffc44f8d510c61e4c970c1" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment_schedule_item" ADD CONSTRAINT "FK_8f8875532bc1f85c8bad115700f" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "FK_bb95477ae48c741a9c1445babfd" FOREIGN KEY ("account_id") REFERENCES "payment_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "FK_795a582170f167efca6c27ebd47" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "FK_66b9525d296225af93abf40a13c" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment" ADD CONSTRAINT "FK_20cc84d8a2274ae86f551360c11" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment_allocation" ADD CONSTRAINT "FK_a7a02a0af35283a6e0d7eed69a5" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payment_allocation" ADD CONSTRAINT "FK_a0f7b1a5a72ae59040ff0a19c1a" FOREIGN KEY ("schedule_item_id") REFERENCES "payment_schedule_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "card_checkout" ADD CONSTRAINT "FK_259fcd9c4dc4240a3a4b08a9ae4" FOREIGN KEY ("account_id") REFERENCES "payment_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "card_checkout" ADD CONSTRAINT "FK_dafa5b34636cd6de66dddcc6a3b" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "card_checkout" ADD CONSTRAINT "FK_8579907fb8af231296adaed5dab" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "card_checkout" ADD CONSTRAINT "FK_3c3b11f6b4a780100e06d1d5c3a" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "card_checkout" ADD CONSTRAINT "FK_4a24277356b5a5e5e5d22b8e494" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "refund" ADD CONSTRAINT "FK_71fbec8478f360bd28a23abd248" FOREIGN KEY ("account_id") REFERENCES "payment_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "refund" ADD CONSTRAINT "FK_6e47bc4e156ab81e13a2b0ea83d" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "refund" ADD CONSTRAINT "FK_8e116348330845195dc5b1585fc" FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "refund" DROP CONSTRAINT "FK_8e116348330845195dc5b1585fc"`);
    await q.query(`ALTER TABLE "refund" DROP CONSTRAINT "FK_6e47bc4e156ab81e13a2b0ea83d"`);
    await q.query(`ALTER TABLE "refund" DROP CONSTRAINT "FK_71fbec8478f360bd28a23abd248"`);
    await q.query(`ALTER TABLE "card_checkout" DROP CONSTRAINT "FK_4a24277356b5a5e5e5d22b8e494"`);
    await q.query(`ALTER TABLE "card_checkout" DROP CONSTRAINT "FK_3c3b11f6b4a780100e06d1d5c3a"`);
    await q.query(`ALTER TABLE "card_checkout" DROP CONSTRAINT "FK_8579907fb8af231296adaed5dab"`);
    await q.query(`ALTER TABLE "card_checkout" DROP CONSTRAINT "FK_dafa5b34636cd6de66dddcc6a3b"`);
    await q.query(`ALTER TABLE "card_checkout" DROP CONSTRAINT "FK_259fcd9c4dc4240a3a4b08a9ae4"`);
    await q.query(`ALTER TABLE "payment_allocation" DROP CONSTRAINT "FK_a0f7b1a5a72ae59040ff0a19c1a"`);
    await q.query(`ALTER TABLE "payment_allocation" DROP CONSTRAINT "FK_a7a02a0af35283a6e0d7eed69a5"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "FK_20cc84d8a2274ae86f551360c11"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "FK_66b9525d296225af93abf40a13c"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "FK_795a582170f167efca6c27ebd47"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "FK_bb95477ae48c741a9c1445babfd"`);
    await q.query(`ALTER TABLE "payment_schedule_item" DROP CONSTRAINT "FK_8f8875532bc1f85c8bad115700f"`);
    await q.query(`ALTER TABLE "payment_schedule_item" DROP CONSTRAINT "FK_ae523ffc44f8d510c61e4c970c1"`);
    await q.query(`ALTER TABLE "payment_schedule_item" DROP CONSTRAINT "FK_b55ed69bd7be51387e18dd32e53"`);
    await q.query(`ALTER TABLE "invoice" DROP CONSTRAINT "FK_f4b4e870229f2acc608a3138a7c"`);
    await q.query(`ALTER TABLE "invoice" DROP CONSTRAINT "FK_c8dc079f74fc83577d630110790"`);
    await q.query(`ALTER TABLE "invoice" DROP CONSTRAINT "FK_7743b783da4d0b74b7bfdfd4818"`);
    await q.query(`ALTER TABLE "payment_account" DROP CONSTRAINT "FK_473eb522d55ed5222a8f9d00c06"`);
    await q.query(`ALTER TABLE "payment_account" DROP CONSTRAINT "FK_738fb8367bf7899008eba22f83d"`);
    await q.query(`ALTER TABLE "refund" DROP CONSTRAINT "CHK_refund_amount_positive"`);
    await q.query(`ALTER TABLE "refund" DROP CONSTRAINT "CHK_refund_kind"`);
    await q.query(`ALTER TABLE "programme_fee" DROP CONSTRAINT "CHK_programme_fee_amount_positive"`);
    await q.query(`ALTER TABLE "payment_allocation" DROP CONSTRAINT "CHK_payment_allocation_amount_positive"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "CHK_payment_amount_positive"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "CHK_payment_credit_within_amount"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "CHK_payment_channel"`);
    await q.query(`ALTER TABLE "payment" DROP CONSTRAINT "CHK_payment_payer_kind"`);
    await q.query(`ALTER TABLE "payment_schedule_item" DROP CONSTRAINT "CHK_schedule_item_amount_positive"`);
    await q.query(`ALTER TABLE "payment_schedule_item" DROP CONSTRAINT "CHK_schedule_item_paid_within_amount"`);
    await q.query(`ALTER TABLE "invoice" DROP CONSTRAINT "CHK_invoice_amount_positive"`);
    await q.query(`ALTER TABLE "payment_account" DROP CONSTRAINT "CHK_payment_account_charge_positive"`);
    await q.query(`ALTER TABLE "payment_account" DROP CONSTRAINT "CHK_payment_account_balance_decision"`);
    await q.query(`DROP INDEX "public"."IDX_8e116348330845195dc5b1585f"`);
    await q.query(`DROP INDEX "public"."UQ_payment_channel_provider_reference"`);
    await q.query(`DROP INDEX "public"."IDX_b8ebf46d8ce268b6862ab404ba"`);
    await q.query(`ALTER TABLE "payment_schedule_item" ALTER COLUMN "status" TYPE character varying(10)`);
    await q.query(`ALTER TABLE "invoice" ALTER COLUMN "status" TYPE character varying(10)`);
    await q.query(`ALTER TABLE "refund" DROP COLUMN "refunded_by"`);
    await q.query(`ALTER TABLE "refund" DROP COLUMN "provider_refund_reference"`);
    await q.query(`ALTER TABLE "refund" DROP COLUMN "payer_email"`);
    await q.query(`ALTER TABLE "refund" DROP COLUMN "payer_name"`);
    await q.query(`ALTER TABLE "refund" DROP COLUMN "payer_kind"`);
    await q.query(`ALTER TABLE "refund" DROP COLUMN "channel"`);
    await q.query(`ALTER TABLE "refund" DROP COLUMN "kind"`);
    await q.query(`ALTER TABLE "refund" DROP COLUMN "payment_id"`);
    await q.query(`ALTER TABLE "payment" DROP COLUMN "payer_email"`);
    await q.query(`ALTER TABLE "payment" DROP COLUMN "payer_name"`);
    await q.query(`ALTER TABLE "payment" DROP COLUMN "payer_kind"`);
    await q.query(`ALTER TABLE "payment" DROP COLUMN "credit_pence"`);
    await q.query(`ALTER TABLE "payment_account" DROP COLUMN "balance_decided_by"`);
    await q.query(`ALTER TABLE "payment_account" DROP COLUMN "balance_decided_at"`);
    await q.query(`ALTER TABLE "payment_account" DROP COLUMN "balance_decision_reason"`);
    await q.query(`ALTER TABLE "payment_account" DROP COLUMN "balance_decision"`);
    await q.query(`ALTER TABLE "payment_account" DROP COLUMN "collection_stop_reason"`);
    await q.query(`ALTER TABLE "payment_account" DROP COLUMN "collection_stopped_at"`);
    await q.query(`DROP INDEX "public"."IDX_370dc1c64316a549ad938d2417"`);
    await q.query(`DROP INDEX "public"."UQ_card_checkout_provider_checkout"`);
    await q.query(`DROP TABLE "card_checkout"`);
  }
}
