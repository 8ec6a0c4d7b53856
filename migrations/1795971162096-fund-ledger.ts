import { MigrationInterface, QueryRunner } from 'typeorm';

export class FundLedger1795971162096 implements MigrationInterface {
  name = 'FundLedger1795971162096';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "fund_allocation" ("id" uuid NOT NULL, "application_id" uuid NOT NULL, "request_id" uuid NOT NULL, "amount" bigint NOT NULL, "currency" character(3) NOT NULL, "duration_months" integer NOT NULL, "status" text NOT NULL, "proposed_by_id" uuid NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_ref" text, "decision_note" text, "recused_ids" uuid array NOT NULL DEFAULT '{}', "transferred_amount" bigint NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_fund_allocation_transferred" CHECK ("transferred_amount" >= 0 AND "transferred_amount" <= "amount"), CONSTRAINT "pk_fund_allocation" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_fund_allocation_request" ON "fund_allocation"  ("request_id") `);
    await q.query(`CREATE INDEX "ix_fund_allocation_application" ON "fund_allocation"  ("application_id") `);
    await q.query(
      `CREATE TABLE "fund_application" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "request_reference" text NOT NULL, "title" text NOT NULL, "request_status" text NOT NULL, "country_code" character(3) NOT NULL, "objectives" integer array NOT NULL DEFAULT '{}', "lead_organisation_id" uuid, "organisation_ids" uuid array NOT NULL DEFAULT '{}', "amount" bigint NOT NULL, "currency" character(3) NOT NULL, "justification" text NOT NULL, "status" text NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_fund_application" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_fund_application_request" ON "fund_application"  ("request_id") `);
    await q.query(
      `CREATE TABLE "fund_decision" ("id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "kind" text NOT NULL, "decision_ref" text, "member_id" uuid NOT NULL, "member_organisation_id" uuid, "note" text NOT NULL DEFAULT '', "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_fund_decision" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_fund_decision_at" ON "fund_decision"  ("decided_at", "id") `);
    await q.query(`CREATE INDEX "ix_fund_decision_allocation" ON "fund_decision"  ("allocation_id") `);
    await q.query(
      `CREATE TABLE "fund_tranche" ("id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "seq" integer NOT NULL, "amount" bigint NOT NULL, "condition" text NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, "released_by_id" uuid, "evidence_ref" text, CONSTRAINT "pk_fund_tranche" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_fund_tranche_seq" ON "fund_tranche"  ("allocation_id", "seq") `);
    await q.query(
      `CREATE TABLE "fund_contribution" ("id" uuid NOT NULL, "contributor_id" uuid NOT NULL, "contributor_type" text NOT NULL, "pledged_at" date NOT NULL, "pledged_amount" bigint NOT NULL, "currency" character(3) NOT NULL, "earmark_type" text NOT NULL, "earmark_objectives" integer array NOT NULL DEFAULT '{}', "earmark_country" character(3), "reference" text NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_fund_contribution" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_fund_contribution_contributor" ON "fund_contribution"  ("contributor_id", "id") `);
    await q.query(
      `CREATE TABLE "fund_deposit" ("id" uuid NOT NULL, "contribution_id" uuid NOT NULL, "received_at" date NOT NULL, "amount" bigint NOT NULL, "currency" character(3) NOT NULL, "usd_amount" bigint NOT NULL, "admin_fee_usd" bigint NOT NULL, "entry_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_fund_deposit" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_fund_deposit_contribution" ON "fund_deposit"  ("contribution_id") `);
    await q.query(
      `CREATE TABLE "fund_refund" ("id" uuid NOT NULL, "contribution_id" uuid NOT NULL, "usd_amount" bigint NOT NULL, "reason" text NOT NULL, "entry_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_fund_refund" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_fund_refund_contribution" ON "fund_refund"  ("contribution_id") `);
    await q.query(
      `CREATE TABLE "fund_idempotency_key" ("actor_id" uuid NOT NULL, "key" text NOT NULL, "route" text NOT NULL, "body_hash" character(64) NOT NULL, "state" text NOT NULL, "response_status" integer, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_fund_idempotency_key" PRIMARY KEY ("actor_id", "key"))`,
    );
    await q.query(
      `CREATE TABLE "fund_balance" ("account_key" text NOT NULL, "currency" character(3) NOT NULL, "kind" text NOT NULL, "contribution_id" uuid, "allocation_id" uuid, "organisation_id" uuid, "balance" bigint NOT NULL, "lines" bigint NOT NULL DEFAULT '0', CONSTRAINT "ck_fund_balance_not_negative" CHECK ("balance" >= 0 OR "kind" NOT IN ('cash_pool', 'cash_earmarked', 'allocation', 'transfer')), CONSTRAINT "pk_fund_balance" PRIMARY KEY ("account_key", "currency"))`,
    );
    await q.query(`CREATE INDEX "ix_fund_balance_kind" ON "fund_balance"  ("kind") `);
    await q.query(`CREATE INDEX "ix_fund_balance_allocation" ON "fund_balance"  ("allocation_id") `);
    await q.query(`CREATE INDEX "ix_fund_balance_contribution" ON "fund_balance"  ("contribution_id") `);
    await q.query(
      `CREATE TABLE "journal_entry" ("id" uuid NOT NULL, "kind" text NOT NULL, "reference" text NOT NULL, "memo" text NOT NULL DEFAULT '', "subject_id" uuid NOT NULL, "reverses_entry_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by_id" uuid NOT NULL, CONSTRAINT "pk_journal_entry" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_journal_entry_kind" ON "journal_entry"  ("kind", "id") `);
    await q.query(`CREATE INDEX "ix_journal_entry_subject" ON "journal_entry"  ("subject_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_journal_entry_reverses" ON "journal_entry"  ("reverses_entry_id") WHERE "reverses_entry_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE TABLE "journal_line" ("id" uuid NOT NULL, "entry_id" uuid NOT NULL, "line_no" smallint NOT NULL, "account_key" text NOT NULL, "kind" text NOT NULL, "contribution_id" uuid, "allocation_id" uuid, "organisation_id" uuid, "amount" bigint NOT NULL, "currency" character(3) NOT NULL, CONSTRAINT "ck_journal_line_amount" CHECK ("amount" <> 0 AND "currency" ~ '^[A-Z]{3}$'), CONSTRAINT "pk_journal_line" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_journal_line_account" ON "journal_line"  ("account_key", "currency") `);
    await q.query(`CREATE INDEX "ix_journal_line_entry" ON "journal_line"  ("entry_id") `);
    await q.query(
      `CREATE TABLE "fund_expenditure" ("id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "period_start" date, "period_end" date NOT NULL, "amount" bigint NOT NULL, "currency" character(3) NOT NULL, "entry_id" uuid NOT NULL, "reported_by_id" uuid NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_fund_expenditure" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_fund_expenditure_allocation" ON "fund_expenditure"  ("allocation_id", "period_end") `,
    );
    await q.query(
      `CREATE TABLE "fund_transfer" ("id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "amount" bigint NOT NULL, "currency" character(3) NOT NULL, "indirect_cost" bigint NOT NULL DEFAULT '0', "entry_id" uuid NOT NULL, "reversed" boolean NOT NULL DEFAULT false, "created_by_id" uuid NOT NULL, "executed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_fund_transfer" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_fund_transfer_organisation" ON "fund_transfer"  ("organisation_id") `);
    await q.query(`CREATE INDEX "ix_fund_transfer_allocation" ON "fund_transfer"  ("allocation_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_fund_transfer_allocation"`);
    await q.query(`DROP INDEX "public"."ix_fund_transfer_organisation"`);
    await q.query(`DROP TABLE "fund_transfer"`);
    await q.query(`DROP INDEX "public"."ix_fund_expenditure_allocation"`);
    await q.query(`DROP TABLE "fund_expenditure"`);
    await q.query(`DROP INDEX "public"."ix_journal_line_entry"`);
    await q.query(`DROP INDEX "public"."ix_journal_line_account"`);
    await q.query(`DROP TABLE "journal_line"`);
    await q.query(`DROP INDEX "public"."uq_journal_entry_reverses"`);
    await q.query(`DROP INDEX "public"."ix_journal_entry_subject"`);
    await q.query(`DROP INDEX "public"."ix_journal_entry_kind"`);
    await q.query(`DROP TABLE "journal_entry"`);
    await q.query(`DROP INDEX "public"."ix_fund_balance_contribution"`);
    await q.query(`DROP INDEX "public"."ix_fund_balance_allocation"`);
    await q.query(`DROP INDEX "public"."ix_fund_balance_kind"`);
    await q.query(`DROP TABLE "fund_balance"`);
    await q.query(`DROP TABLE "fund_idempotency_key"`);
    await q.query(`DROP INDEX "public"."ix_fund_refund_contribution"`);
    await q.query(`DROP TABLE "fund_refund"`);
    await q.query(`DROP INDEX "public"."ix_fund_deposit_contribution"`);
    await q.query(`DROP TABLE "fund_deposit"`);
    await q.query(`DROP INDEX "public"."ix_fund_contribution_contributor"`);
    await q.query(`DROP TABLE "fund_contribution"`);
    await q.query(`DROP INDEX "public"."uq_fund_tranche_seq"`);
    await q.query(`DROP TABLE "fund_tranche"`);
    await q.query(`DROP INDEX "public"."ix_fund_decision_allocation"`);
    await q.query(`DROP INDEX "public"."ix_fund_decision_at"`);
    await q.query(`DROP TABLE "fund_decision"`);
    await q.query(`DROP INDEX "public"."uq_fund_application_request"`);
    await q.query(`DROP TABLE "fund_application"`);
    await q.query(`DROP INDEX "public"."ix_fund_allocation_application"`);
    await q.query(`DROP INDEX "public"."ix_fund_allocation_request"`);
    await q.query(`DROP TABLE "fund_allocation"`);
  }
}
