import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds and closure: returns of unspent funds (`fund_unspent_return`), final financial statements
 * (`fund_financial_statement`, one per allocation and organisation), the project's stage and closure times on
 * `fund_allocation` (the committee's `status` is unchanged, so `uq_fund_allocation_open` keeps its predicate),
 * the hub's review of reports (`request_report.status`, reviewer, time, reason). The kind checks of the journal
 * (`unspent_return`, `allocation_return`) and of the decision register (the project's steps) get new names
 * (`_v2`): the drift check compares checks by name only.
 */
export class ProjectClosureAndReturns1796678768602 implements MigrationInterface {
  name = 'ProjectClosureAndReturns1796678768602';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fund_decision" DROP CONSTRAINT "ck_fund_decision_kind"`);
    await q.query(`ALTER TABLE "journal_entry" DROP CONSTRAINT "ck_journal_entry_kind"`);
    await q.query(
      `CREATE TABLE "fund_financial_statement" ("id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "spent" bigint NOT NULL, "currency" character(3) NOT NULL, "cost_categories" jsonb NOT NULL DEFAULT '[]', "note" text NOT NULL DEFAULT '', "status" text NOT NULL, "submitted_by_id" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_by_id" uuid, "accepted_at" TIMESTAMP WITH TIME ZONE, "transferred" bigint, "returned" bigint, CONSTRAINT "ck_fund_financial_statement_status" CHECK ("status" IN ('submitted', 'accepted')), CONSTRAINT "ck_fund_financial_statement_spent" CHECK ("spent" >= 0 AND "currency" ~ '^[A-Z]{3}$'), CONSTRAINT "pk_fund_financial_statement" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_fund_financial_statement" ON "fund_financial_statement"  ("allocation_id", "organisation_id") `,
    );
    await q.query(
      `CREATE TABLE "fund_unspent_return" ("id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "amount" bigint NOT NULL, "currency" character(3) NOT NULL, "reason" text NOT NULL, "reference" text NOT NULL, "entry_id" uuid NOT NULL, "received_at" date NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_fund_unspent_return_amount" CHECK ("amount" > 0 AND "currency" ~ '^[A-Z]{3}$'), CONSTRAINT "pk_fund_unspent_return" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_fund_unspent_return_allocation" ON "fund_unspent_return"  ("allocation_id", "organisation_id") `,
    );
    await q.query(`ALTER TABLE "fund_allocation" ADD "stage" text NOT NULL DEFAULT 'open'`);
    await q.query(`ALTER TABLE "fund_allocation" ADD "operationally_closed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "fund_allocation" ADD "financially_closed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "request_report" ADD "status" text NOT NULL DEFAULT 'submitted'`);
    await q.query(`ALTER TABLE "request_report" ADD "reviewed_by_id" uuid`);
    await q.query(`ALTER TABLE "request_report" ADD "reviewed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "request_report" ADD "review_reason" text`);
    await q.query(
      `ALTER TABLE "fund_allocation" ADD CONSTRAINT "ck_fund_allocation_stage" CHECK ("stage" IN ('open', 'suspended', 'operationally_closed', 'closed', 'cancelled'))`,
    );
    await q.query(
      `ALTER TABLE "fund_decision" ADD CONSTRAINT "ck_fund_decision_kind_v2" CHECK ("kind" IN ('approved', 'rejected', 'recused', 'suspended', 'resumed', 'cancelled', 'operationally_closed', 'financially_closed'))`,
    );
    await q.query(
      `ALTER TABLE "journal_entry" ADD CONSTRAINT "ck_journal_entry_kind_v2" CHECK ("kind" IN ('pledge', 'deposit', 'refund', 'allocation', 'transfer', 'expenditure', 'reversal', 'unspent_return', 'allocation_return'))`,
    );
    await q.query(
      `ALTER TABLE "request_report" ADD CONSTRAINT "ck_request_report_status" CHECK ("status" IN ('submitted', 'accepted', 'returned'))`,
    );
    await q.query(
      `ALTER TABLE "fund_financial_statement" ADD CONSTRAINT "fk_fund_financial_statement_allocation_id" FOREIGN KEY ("allocation_id") REFERENCES "fund_allocation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_financial_statement" ADD CONSTRAINT "fk_fund_financial_statement_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_financial_statement" ADD CONSTRAINT "fk_fund_financial_statement_submitted_by_id" FOREIGN KEY ("submitted_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_financial_statement" ADD CONSTRAINT "fk_fund_financial_statement_accepted_by_id" FOREIGN KEY ("accepted_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_unspent_return" ADD CONSTRAINT "fk_fund_unspent_return_allocation_id" FOREIGN KEY ("allocation_id") REFERENCES "fund_allocation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_unspent_return" ADD CONSTRAINT "fk_fund_unspent_return_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_unspent_return" ADD CONSTRAINT "fk_fund_unspent_return_entry_id" FOREIGN KEY ("entry_id") REFERENCES "journal_entry"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fund_unspent_return" ADD CONSTRAINT "fk_fund_unspent_return_recorded_by_id" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "request_report" ADD CONSTRAINT "fk_request_report_reviewed_by_id" FOREIGN KEY ("reviewed_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "request_report" DROP CONSTRAINT "fk_request_report_reviewed_by_id"`);
    await q.query(`ALTER TABLE "fund_unspent_return" DROP CONSTRAINT "fk_fund_unspent_return_recorded_by_id"`);
    await q.query(`ALTER TABLE "fund_unspent_return" DROP CONSTRAINT "fk_fund_unspent_return_entry_id"`);
    await q.query(`ALTER TABLE "fund_unspent_return" DROP CONSTRAINT "fk_fund_unspent_return_organisation_id"`);
    await q.query(`ALTER TABLE "fund_unspent_return" DROP CONSTRAINT "fk_fund_unspent_return_allocation_id"`);
    await q.query(
      `ALTER TABLE "fund_financial_statement" DROP CONSTRAINT "fk_fund_financial_statement_accepted_by_id"`,
    );
    await q.query(
      `ALTER TABLE "fund_financial_statement" DROP CONSTRAINT "fk_fund_financial_statement_submitted_by_id"`,
    );
    await q.query(
      `ALTER TABLE "fund_financial_statement" DROP CONSTRAINT "fk_fund_financial_statement_organisation_id"`,
    );
    await q.query(`ALTER TABLE "fund_financial_statement" DROP CONSTRAINT "fk_fund_financial_statement_allocation_id"`);
    await q.query(`ALTER TABLE "request_report" DROP CONSTRAINT "ck_request_report_status"`);
    await q.query(`ALTER TABLE "journal_entry" DROP CONSTRAINT "ck_journal_entry_kind_v2"`);
    await q.query(`ALTER TABLE "fund_decision" DROP CONSTRAINT "ck_fund_decision_kind_v2"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP CONSTRAINT "ck_fund_allocation_stage"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "review_reason"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "reviewed_at"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "reviewed_by_id"`);
    await q.query(`ALTER TABLE "request_report" DROP COLUMN "status"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP COLUMN "financially_closed_at"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP COLUMN "operationally_closed_at"`);
    await q.query(`ALTER TABLE "fund_allocation" DROP COLUMN "stage"`);
    await q.query(`DROP INDEX "public"."ix_fund_unspent_return_allocation"`);
    await q.query(`DROP TABLE "fund_unspent_return"`);
    await q.query(`DROP INDEX "public"."uq_fund_financial_statement"`);
    await q.query(`DROP TABLE "fund_financial_statement"`);
    await q.query(
      `ALTER TABLE "journal_entry" ADD CONSTRAINT "ck_journal_entry_kind" CHECK ((kind = ANY (ARRAY['pledge'::text, 'deposit'::text, 'refund'::text, 'allocation'::text, 'transfer'::text, 'expenditure'::text, 'reversal'::text])))`,
    );
    await q.query(
      `ALTER TABLE "fund_decision" ADD CONSTRAINT "ck_fund_decision_kind" CHECK ((kind = ANY (ARRAY['approved'::text, 'rejected'::text, 'recused'::text])))`,
    );
  }
}
