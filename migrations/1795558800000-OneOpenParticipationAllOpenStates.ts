import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One open participation per member (issue 6 item 8) counts every open state of the participant state machine,
 * including the post-submission states of the results, VIVA and award work (everything but FINAL_PARTICIPANT_STATES).
 */
export class OneOpenParticipationAllOpenStates1795558800000 implements MigrationInterface {
  name = 'OneOpenParticipationAllOpenStates1795558800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."UQ_participant_one_open_per_member"`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_participant_one_open_per_member" ON "participant" ("member_id") WHERE status IN ('REGISTERED', 'PORTFOLIO_ISSUED', 'SUBMITTED', 'ASSESSED', 'PROVISIONALLY_AWARDED', 'CRITERIA_NOT_MET', 'RESUBMITTED', 'VIVA_SCHEDULED', 'RE_VIVA_REQUIRED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."UQ_participant_one_open_per_member"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_participant_one_open_per_member" ON "participant" ("member_id") WHERE status IN ('REGISTERED', 'PORTFOLIO_ISSUED', 'SUBMITTED')`);
  }
}
