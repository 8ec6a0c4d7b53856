import { MigrationInterface, QueryRunner } from 'typeorm';

export class ResultsFramework1796689978607 implements MigrationInterface {
  name = 'ResultsFramework1796689978607';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "implementation_plan" ADD "results" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "request_report" ADD "period_start" date`);
    await q.query(`ALTER TABLE "request_report" ADD "period_end" date`);
    await q.query(`ALTER TABLE "request_report" ADD "indicator_actuals" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "request_report" ADD "expenditure" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "request_report" ADD "currency" character(3)`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_fund_tranche_report" ON "fund_tranche"  ("allocation_id", "evidence_ref") WHERE "condition" = 'progress_report_accepted' AND "released_at" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "request_report" ADD CONSTRAINT "ck_request_report_period" CHECK ("period_start" IS NULL OR ("period_end" IS NOT NULL AND "period_start" <= "period_end"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "request_report" DROP CONSTRAINT "ck_request_report_period"`);
    await q.query(`DROP INDEX "public"."uq_fund_tranche_report"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "currency"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "expenditure"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "indicator_actuals"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "period_end"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "period_start"`);
    await q.query(`ALTER TABLE "implementation_plan" DROP COLUMN "results"`);
  }
}
