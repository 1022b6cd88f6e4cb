import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RulesConstraintsSectionsEmailChange1795557120621 implements MigrationInterface {
  name = 'RulesConstraintsSectionsEmailChange1795557120621';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "cohort_portfolio_section" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "key" character varying(40) NOT NULL, "title" character varying(120) NOT NULL, "position" integer NOT NULL, CONSTRAINT "CHK_cohort_portfolio_section_position" CHECK ("position" >= 0), CONSTRAINT "PK_1200e22cce482501a7ddde40348" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_cohort_portfolio_section_key" ON "cohort_portfolio_section"  ("cohort_id", "key") `);
    // DEC-S1: existing cohorts start with the default list they have used so far.
    await q.query(
      `INSERT INTO "cohort_portfolio_section" ("cohort_id", "key", "title", "position")
       SELECT c.id, s.key, s.title, s.position FROM "cohort" c CROSS JOIN (VALUES
         ('CONTEXT', 'Professional context and role', 0),
         ('PROFESSIONAL_VALUES', 'Professional values and attributes', 1),
         ('SUBJECT_AND_PEDAGOGY', 'Subject knowledge and pedagogy', 2),
         ('COLLABORATIVE_PRACTICE', 'Collaborative practice and supporting colleagues', 3),
         ('IMPACT', 'Evidence of impact on learners and colleagues', 4),
         ('REFLECTION', 'Reflection and forward development', 5)) AS s(key, title, position)`,
    );
    await q.query(`CREATE TABLE "email_change_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "new_email" character varying(320) NOT NULL, "token_hash" character varying(64) NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_email_change_request_expiry" CHECK ("expires_at" > "requested_at"), CONSTRAINT "PK_1dbc726df4d819846ec1ae35c4a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_04b8f2017e3dbc496ac5fe29de" ON "email_change_request"  ("token_hash") `);
    await q.query(`CREATE INDEX "IDX_6be7301931c81c9babbdc935e3" ON "email_change_request"  ("member_id", "requested_at") `);
    await q.query(`ALTER TABLE "membership_application" ADD "matched_member_id" uuid`);
    // DEC-J1: undecided applications that give an existing member's email are flagged to the panel.
    await q.query(
      `UPDATE "membership_application" a SET "matched_member_id" = m.id FROM "member" m WHERE m.email = a.email AND a.status = 'SUBMITTED'`,
    );
    // Existing requests: the fifth weekday after the deadline (bank holidays are not known to SQL here; new rows get
    // the exact date from WorkingDayCalendar).
    await q.query(`ALTER TABLE "extension_request" ADD "late_window_closes_on" date`);
    await q.query(
      `UPDATE "extension_request" r SET "late_window_closes_on" = (SELECT d::date FROM generate_series(r.deadline_at_request + 1, r.deadline_at_request + 20, interval '1 day') d WHERE extract(isodow from d) < 6 ORDER BY d OFFSET 4 LIMIT 1)`,
    );
    await q.query(`ALTER TABLE "extension_request" ALTER COLUMN "late_window_closes_on" SET NOT NULL`);
    await q.query(`ALTER TABLE "registration_window" DROP CONSTRAINT "UQ_c9e4f59b641be018d574313ecd7"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_extension_request_one_pending" ON "extension_request"  ("participant_id") WHERE status = 'REQUESTED'`);
    await q.query(`CREATE UNIQUE INDEX "UQ_participant_one_open_per_member" ON "participant"  ("member_id") WHERE status IN ('REGISTERED', 'PORTFOLIO_ISSUED', 'SUBMITTED')`);
    await q.query(`CREATE INDEX "IDX_2fe35cbefc709aad28479191f0" ON "registration_window"  ("cohort_id", "opens_on") `);
    await q.query(`ALTER TABLE "member" ADD CONSTRAINT "CHK_member_renewal_after_joining" CHECK ("renewal_date" > "joined_on")`);
    await q.query(`ALTER TABLE "member" ADD CONSTRAINT "CHK_member_grade" CHECK ("grade" IN ('ASSOCIATE', 'MEMBER', 'FELLOW'))`);
    await q.query(`ALTER TABLE "member" ADD CONSTRAINT "CHK_member_status" CHECK ("status" IN ('ACTIVE', 'LAPSED', 'SUSPENDED', 'EXPELLED'))`);
    await q.query(`ALTER TABLE "membership_application" ADD CONSTRAINT "CHK_membership_application_member_when_approved" CHECK ("status" <> 'APPROVED' OR "member_id" IS NOT NULL)`);
    await q.query(`ALTER TABLE "membership_application" ADD CONSTRAINT "CHK_membership_application_decided" CHECK ("status" NOT IN ('APPROVED', 'REFUSED', 'CLOSED') OR "decided_at" IS NOT NULL)`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "CHK_notification_attempts" CHECK ("attempts" >= 0)`);
    await q.query(`ALTER TABLE "ats_application" ADD CONSTRAINT "CHK_ats_application_not_own_resubmission" CHECK ("resubmission_of_id" IS NULL OR "resubmission_of_id" <> "id")`);
    await q.query(`ALTER TABLE "ats_application" ADD CONSTRAINT "CHK_ats_application_used_only_if_successful" CHECK ("used_by_participant_id" IS NULL OR "status" = 'SUCCESSFUL')`);
    await q.query(`ALTER TABLE "ats_application" ADD CONSTRAINT "CHK_ats_application_decided" CHECK ("status" NOT IN ('SUCCESSFUL', 'UNSUCCESSFUL') OR "decided_at" IS NOT NULL)`);
    await q.query(`ALTER TABLE "ats_application" ADD CONSTRAINT "CHK_ats_application_due_after_submission" CHECK ("decision_due_on" > "submitted_on")`);
    await q.query(`ALTER TABLE "cohort" ADD CONSTRAINT "CHK_cohort_dates_in_order" CHECK ("portfolio_issue_date" < "submission_deadline" AND "submission_deadline" < "provisional_results_date")`);
    await q.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "CHK_extension_request_decided" CHECK ("status" = 'REQUESTED' OR "decided_at" IS NOT NULL)`);
    await q.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "CHK_extension_request_granted" CHECK ("status" <> 'GRANTED' OR ("to_cohort_id" IS NOT NULL AND "new_deadline" > "deadline_at_request"))`);
    await q.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "CHK_extension_request_late_window" CHECK ("late_window_closes_on" > "deadline_at_request")`);
    await q.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "CHK_extension_request_technical_date" CHECK ("technical_issue_identified_on" IS NULL OR ("technical_issue_identified_on" <= "requested_on" AND "technical_issue_identified_on" <= "deadline_at_request"))`);
    await q.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "CHK_extension_request_status" CHECK ("status" IN ('REQUESTED', 'GRANTED', 'REFUSED', 'CANCELLED'))`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "CHK_participant_deadline_after_registration" CHECK ("deadline" > "registration_date")`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "CHK_participant_submitted" CHECK ("status" <> 'SUBMITTED' OR "submitted_at" IS NOT NULL)`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "CHK_participant_withdrawn" CHECK (("status" = 'WITHDRAWN') = ("withdrawn_at" IS NOT NULL AND "withdrawal_kind" IS NOT NULL))`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "CHK_participant_fee" CHECK ("fee_pence" >= 0)`);
    await q.query(`ALTER TABLE "portfolio_access_report" ADD CONSTRAINT "CHK_portfolio_access_report_resolution" CHECK (("resolved_at" IS NULL) = ("resolution" IS NULL))`);
    await q.query(`ALTER TABLE "portfolio_section" ADD CONSTRAINT "CHK_portfolio_section_position" CHECK ("position" >= 0)`);
    await q.query(`ALTER TABLE "reasonable_adjustment" ADD CONSTRAINT "CHK_reasonable_adjustment_extension_only_if_agreed" CHECK (NOT "includes_extension" OR "status" = 'AGREED')`);
    await q.query(`ALTER TABLE "reasonable_adjustment" ADD CONSTRAINT "CHK_reasonable_adjustment_decided" CHECK ("status" = 'REQUESTED' OR "decided_at" IS NOT NULL)`);
    await q.query(`ALTER TABLE "reasonable_adjustment" ADD CONSTRAINT "CHK_reasonable_adjustment_status" CHECK ("status" IN ('REQUESTED', 'AGREED', 'DECLINED'))`);
    await q.query(`ALTER TABLE "registration_window" ADD CONSTRAINT "CHK_registration_window_dates" CHECK ("opens_on" <= "closes_on")`);
    await q.query(`ALTER TABLE "code_acceptance" ADD CONSTRAINT "FK_3675380dd5cfb6d08409453fb41" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "code_acceptance" ADD CONSTRAINT "FK_858b34972010741e8a758d9de5a" FOREIGN KEY ("code_version_id") REFERENCES "code_of_practice_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "member" ADD CONSTRAINT "FK_1d84752f6973397be085d6098c4" FOREIGN KEY ("accepted_code_version_id") REFERENCES "code_of_practice_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "membership_application" ADD CONSTRAINT "FK_8d2b52d665cab347131dcc86552" FOREIGN KEY ("code_version_id") REFERENCES "code_of_practice_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "membership_application" ADD CONSTRAINT "FK_3926c5599f7d887fa73b41a725e" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "membership_application" ADD CONSTRAINT "FK_112024eb02d2da6092d6629f1a6" FOREIGN KEY ("matched_member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_2e92c6c21ccb3993f1260717ae4" FOREIGN KEY ("recipient_member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_application" ADD CONSTRAINT "FK_d0586860939a5f3cb6e246905cf" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_application" ADD CONSTRAINT "FK_3450b36a0e817caf46c910eb205" FOREIGN KEY ("template_version_id") REFERENCES "ats_application_template_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_application" ADD CONSTRAINT "FK_cad4d1e559fae7418381b1dd87b" FOREIGN KEY ("resubmission_of_id") REFERENCES "ats_application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ats_application" ADD CONSTRAINT "FK_8bfbae0fe666bd66350f14c7fac" FOREIGN KEY ("used_by_participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "member_qualification" ADD CONSTRAINT "FK_c07b844c0e1b6fa7943c321d5c4" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "member_qualification" ADD CONSTRAINT "FK_f782f0c1a160fe8d7b43b085fc2" FOREIGN KEY ("approved_qualification_id") REFERENCES "approved_qualification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "qualification_authenticity_check" ADD CONSTRAINT "FK_ba4b5f0092114989b0fedc391ea" FOREIGN KEY ("member_qualification_id") REFERENCES "member_qualification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "qualification_authenticity_check" ADD CONSTRAINT "FK_798f15df36e1fa320f3aee6527a" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cohort_portfolio_section" ADD CONSTRAINT "FK_d429b639f6cae3ed71ba8dee460" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "FK_ae1ca49de697377b1e538ed84ae" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "FK_ec090a11cd76535d24589383c8d" FOREIGN KEY ("to_cohort_id") REFERENCES "cohort"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "FK_739bc436b07af0397b270f97b24" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "FK_78d2a55ff5642cbb01fa96558be" FOREIGN KEY ("application_id") REFERENCES "ats_application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "FK_ac81b0a97d08dbfd3a77b5be9bf" FOREIGN KEY ("registration_window_id") REFERENCES "registration_window"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "FK_cb734c56427aa979ef196f50c68" FOREIGN KEY ("original_cohort_id") REFERENCES "cohort"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "participant" ADD CONSTRAINT "FK_0f2c0a3957dbfd1e5fb0f6bdaa1" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "portfolio_access_report" ADD CONSTRAINT "FK_6790d6d37b9b89e6959dba44fb2" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "portfolio_section" ADD CONSTRAINT "FK_c67cbb0c37457eae4680f0e7d1e" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "reasonable_adjustment" ADD CONSTRAINT "FK_b094426be4ff836953caa7acbb5" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "registration_window" ADD CONSTRAINT "FK_c9e4f59b641be018d574313ecd7" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "email_change_request" ADD CONSTRAINT "FK_24e4036378c45ab530bb1098e84" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "email_change_request" DROP CONSTRAINT "FK_24e4036378c45ab530bb1098e84"`);
    await q.query(`ALTER TABLE "registration_window" DROP CONSTRAINT "FK_c9e4f59b641be018d574313ecd7"`);
    await q.query(`ALTER TABLE "reasonable_adjustment" DROP CONSTRAINT "FK_b094426be4ff836953caa7acbb5"`);
    await q.query(`ALTER TABLE "portfolio_section" DROP CONSTRAINT "FK_c67cbb0c37457eae4680f0e7d1e"`);
    await q.query(`ALTER TABLE "portfolio_access_report" DROP CONSTRAINT "FK_6790d6d37b9b89e6959dba44fb2"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_0f2c0a3957dbfd1e5fb0f6bdaa1"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_cb734c56427aa979ef196f50c68"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_ac81b0a97d08dbfd3a77b5be9bf"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_78d2a55ff5642cbb01fa96558be"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_739bc436b07af0397b270f97b24"`);
    await q.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "FK_ec090a11cd76535d24589383c8d"`);
    await q.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "FK_ae1ca49de697377b1e538ed84ae"`);
    await q.query(`ALTER TABLE "cohort_portfolio_section" DROP CONSTRAINT "FK_d429b639f6cae3ed71ba8dee460"`);
    await q.query(`ALTER TABLE "qualification_authenticity_check" DROP CONSTRAINT "FK_798f15df36e1fa320f3aee6527a"`);
    await q.query(`ALTER TABLE "qualification_authenticity_check" DROP CONSTRAINT "FK_ba4b5f0092114989b0fedc391ea"`);
    await q.query(`ALTER TABLE "member_qualification" DROP CONSTRAINT "FK_f782f0c1a160fe8d7b43b085fc2"`);
    await q.query(`ALTER TABLE "member_qualification" DROP CONSTRAINT "FK_c07b844c0e1b6fa7943c321d5c4"`);
    await q.query(`ALTER TABLE "ats_application" DROP CONSTRAINT "FK_8bfbae0fe666bd66350f14c7fac"`);
    await q.query(`ALTER TABLE "ats_application" DROP CONSTRAINT "FK_cad4d1e559fae7418381b1dd87b"`);
    await q.query(`ALTER TABLE "ats_application" DROP CONSTRAINT "FK_3450b36a0e817caf46c910eb205"`);
    await q.query(`ALTER TABLE "ats_application" DROP CONSTRAINT "FK_d0586860939a5f3cb6e246905cf"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_2e92c6c21ccb3993f1260717ae4"`);
    await q.query(`ALTER TABLE "membership_application" DROP CONSTRAINT "FK_112024eb02d2da6092d6629f1a6"`);
    await q.query(`ALTER TABLE "membership_application" DROP CONSTRAINT "FK_3926c5599f7d887fa73b41a725e"`);
    await q.query(`ALTER TABLE "membership_application" DROP CONSTRAINT "FK_8d2b52d665cab347131dcc86552"`);
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT "FK_1d84752f6973397be085d6098c4"`);
    await q.query(`ALTER TABLE "code_acceptance" DROP CONSTRAINT "FK_858b34972010741e8a758d9de5a"`);
    await q.query(`ALTER TABLE "code_acceptance" DROP CONSTRAINT "FK_3675380dd5cfb6d08409453fb41"`);
    await q.query(`ALTER TABLE "registration_window" DROP CONSTRAINT "CHK_registration_window_dates"`);
    await q.query(`ALTER TABLE "reasonable_adjustment" DROP CONSTRAINT "CHK_reasonable_adjustment_status"`);
    await q.query(`ALTER TABLE "reasonable_adjustment" DROP CONSTRAINT "CHK_reasonable_adjustment_decided"`);
    await q.query(`ALTER TABLE "reasonable_adjustment" DROP CONSTRAINT "CHK_reasonable_adjustment_extension_only_if_agreed"`);
    await q.query(`ALTER TABLE "portfolio_section" DROP CONSTRAINT "CHK_portfolio_section_position"`);
    await q.query(`ALTER TABLE "portfolio_access_report" DROP CONSTRAINT "CHK_portfolio_access_report_resolution"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "CHK_participant_fee"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "CHK_participant_withdrawn"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "CHK_participant_submitted"`);
    await q.query(`ALTER TABLE "participant" DROP CONSTRAINT "CHK_participant_deadline_after_registration"`);
    await q.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "CHK_extension_request_status"`);
    await q.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "CHK_extension_request_technical_date"`);
    await q.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "CHK_extension_request_late_window"`);
    await q.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "CHK_extension_request_granted"`);
    await q.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "CHK_extension_request_decided"`);
    await q.query(`ALTER TABLE "cohort" DROP CONSTRAINT "CHK_cohort_dates_in_order"`);
    await q.query(`ALTER TABLE "ats_application" DROP CONSTRAINT "CHK_ats_application_due_after_submission"`);
    await q.query(`ALTER TABLE "ats_application" DROP CONSTRAINT "CHK_ats_application_decided"`);
    await q.query(`ALTER TABLE "ats_application" DROP CONSTRAINT "CHK_ats_application_used_only_if_successful"`);
    await q.query(`ALTER TABLE "ats_application" DROP CONSTRAINT "CHK_ats_application_not_own_resubmission"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "CHK_notification_attempts"`);
    await q.query(`ALTER TABLE "membership_application" DROP CONSTRAINT "CHK_membership_application_decided"`);
    await q.query(`ALTER TABLE "membership_application" DROP CONSTRAINT "CHK_membership_application_member_when_approved"`);
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT "CHK_member_status"`);
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT "CHK_member_grade"`);
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT "CHK_member_renewal_after_joining"`);
    await q.query(`DROP INDEX "public"."IDX_2fe35cbefc709aad28479191f0"`);
    await q.query(`DROP INDEX "public"."UQ_participant_one_open_per_member"`);
    await q.query(`DROP INDEX "public"."UQ_extension_request_one_pending"`);
    await q.query(`ALTER TABLE "registration_window" ADD CONSTRAINT "UQ_c9e4f59b641be018d574313ecd7" UNIQUE ("cohort_id")`);
    await q.query(`ALTER TABLE "extension_request" DROP COLUMN "late_window_closes_on"`);
    await q.query(`ALTER TABLE "membership_application" DROP COLUMN "matched_member_id"`);
    await q.query(`DROP INDEX "public"."IDX_6be7301931c81c9babbdc935e3"`);
    await q.query(`DROP INDEX "public"."IDX_04b8f2017e3dbc496ac5fe29de"`);
    await q.query(`DROP TABLE "email_change_request"`);
    await q.query(`DROP INDEX "public"."UQ_cohort_portfolio_section_key"`);
    await q.query(`DROP TABLE "cohort_portfolio_section"`);
  }
}
