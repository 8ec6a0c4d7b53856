import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Existing allocations get the markers of their request's assessment that counts (the last version without a
 * declared conflict), what approval now copies. An assessment is final before any allocation (a request is
 * assessed in triage or assessment, funded from set-up on), so these are the markers of the decision. Exported
 * for the test that compares it with what approval copies.
 */
export const BACKFILL_ALLOCATION_MARKERS = `UPDATE "fund_allocation" a SET "gender_marker" = m."gender_marker", "human_rights_marker" = m."human_rights_marker"
         FROM (SELECT DISTINCT ON ("request_id") "request_id", "gender_marker", "human_rights_marker"
                 FROM "request_assessment" WHERE NOT "conflict_of_interest"
                ORDER BY "request_id", "version" DESC) m
        WHERE m."request_id" = a."request_id"`;

export class AssessmentMarkersInFund1796689976174 implements MigrationInterface {
  name = 'AssessmentMarkersInFund1796689976174';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fund_allocation" ADD "gender_marker" smallint`);
    await q.query(`ALTER TABLE "fund_allocation" ADD "human_rights_marker" smallint`);
    await q.query(`ALTER TABLE "fund_allocation" ADD "child_sensitivity_marker" smallint`);
    await q.query(`ALTER TABLE "request_assessment" ADD "child_sensitivity_marker" smallint`);
    await q.query(
      `ALTER TABLE "fund_allocation" ADD CONSTRAINT "ck_fund_allocation_markers" CHECK (("gender_marker" IS NULL OR "gender_marker" BETWEEN 0 AND 3) AND ("human_rights_marker" IS NULL OR "human_rights_marker" BETWEEN 0 AND 3) AND ("child_sensitivity_marker" IS NULL OR "child_sensitivity_marker" BETWEEN 0 AND 3))`,
    );
    await q.query(
      `ALTER TABLE "request_assessment" ADD CONSTRAINT "ck_request_assessment_child_marker" CHECK ("child_sensitivity_marker" IS NULL OR "child_sensitivity_marker" BETWEEN 0 AND 3)`,
    );
    await q.query(BACKFILL_ALLOCATION_MARKERS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "request_assessment" DROP CONSTRAINT "ck_request_assessment_child_marker"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP CONSTRAINT "ck_fund_allocation_markers"`);
    await q.query(`ALTER TABLE "request_assessment" DROP COLUMN "child_sensitivity_marker"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP COLUMN "child_sensitivity_marker"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP COLUMN "human_rights_marker"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP COLUMN "gender_marker"`);
  }
}
