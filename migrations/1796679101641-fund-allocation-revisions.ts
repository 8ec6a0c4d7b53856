import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Amendments: versioned revisions of an approved allocation's plan (`fund_revision`: a no-cost
 * extension or a budget revision, with the plan before and after), at most one open per allocation
 * (`uq_fund_revision_open`, partial). The allocation keeps its plan's end date (`ends_on`, null for
 * those approved before: the decision date plus the duration stands for it) and budget lines; a
 * revision's decision goes in the register with `revision_id` (nullable: the allocation's own
 * decisions have none). New columns only, nullable or with a default: existing rows need no change.
 */
export class FundAllocationRevisions1796679101641 implements MigrationInterface {
  name = 'FundAllocationRevisions1796679101641';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "fund_revision" ("id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "seq" integer NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "reason" text NOT NULL, "before" jsonb NOT NULL, "after" jsonb NOT NULL, "top_up" bigint NOT NULL DEFAULT '0', "entry_id" uuid, "proposed_by_id" uuid NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_ref" text, "decision_note" text, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_fund_revision_top_up" CHECK ("top_up" >= 0 AND "seq" >= 1), CONSTRAINT "ck_fund_revision_kind" CHECK ("kind" IN ('no_cost_extension', 'budget_revision')), CONSTRAINT "ck_fund_revision_status" CHECK ("status" IN ('proposed', 'approved', 'rejected')), CONSTRAINT "pk_fund_revision" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_fund_revision_open" ON "fund_revision"  ("allocation_id") WHERE "status" = 'proposed'`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_fund_revision_seq" ON "fund_revision"  ("allocation_id", "seq") `);
    await q.query(`ALTER TABLE "fund_allocation" ADD "ends_on" date`);
    await q.query(`ALTER TABLE "fund_allocation" ADD "budget_lines" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "fund_decision" ADD "revision_id" uuid`);
    await q.query(
      `ALTER TABLE "fund_decision" ADD CONSTRAINT "fk_fund_decision_revision_id" FOREIGN KEY ("revision_id") REFERENCES "fund_revision"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_revision" ADD CONSTRAINT "fk_fund_revision_allocation_id" FOREIGN KEY ("allocation_id") REFERENCES "fund_allocation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_revision" ADD CONSTRAINT "fk_fund_revision_entry_id" FOREIGN KEY ("entry_id") REFERENCES "journal_entry"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_revision" ADD CONSTRAINT "fk_fund_revision_proposed_by_id" FOREIGN KEY ("proposed_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_revision" ADD CONSTRAINT "fk_fund_revision_decided_by_id" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fund_revision" DROP CONSTRAINT "fk_fund_revision_decided_by_id"`);
    await q.query(`ALTER TABLE "fund_revision" DROP CONSTRAINT "fk_fund_revision_proposed_by_id"`);
    await q.query(`ALTER TABLE "fund_revision" DROP CONSTRAINT "fk_fund_revision_entry_id"`);
    await q.query(`ALTER TABLE "fund_revision" DROP CONSTRAINT "fk_fund_revision_allocation_id"`);
    await q.query(`ALTER TABLE "fund_decision" DROP CONSTRAINT "fk_fund_decision_revision_id"`);
    await q.query(`ALTER TABLE "fund_decision" DROP COLUMN "revision_id"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP COLUMN "budget_lines"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP COLUMN "ends_on"`);
    await q.query(`DROP INDEX "public"."uq_fund_revision_seq"`);
    await q.query(`DROP INDEX "public"."uq_fund_revision_open"`);
    await q.query(`DROP TABLE "fund_revision"`);
  }
}
