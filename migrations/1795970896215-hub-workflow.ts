import { MigrationInterface, QueryRunner } from 'typeorm';

export class HubWorkflow1795970896215 implements MigrationInterface {
  name = 'HubWorkflow1795970896215';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "request_assessment" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "version" integer NOT NULL, "assessor_id" uuid NOT NULL, "scores" jsonb NOT NULL, "weights" jsonb NOT NULL, "weighted_total" integer NOT NULL, "gender_marker" smallint NOT NULL, "human_rights_marker" smallint NOT NULL, "recommendation" text NOT NULL, "rationale" text NOT NULL, "conflict_of_interest" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_request_assessment" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_request_assessment_version" ON "request_assessment"  ("request_id", "version") `,
    );
    await q.query(
      `CREATE TABLE "implementation_plan" ("request_id" uuid NOT NULL, "organisations" jsonb NOT NULL, "stakeholders" jsonb NOT NULL, "milestones" jsonb NOT NULL, "currency" character(3) NOT NULL, "budget" jsonb NOT NULL, "funding" jsonb NOT NULL, "report_due_dates" date array NOT NULL DEFAULT '{}', "reminded_due_dates" date array NOT NULL DEFAULT '{}', "updated_by_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "pk_implementation_plan" PRIMARY KEY ("request_id"))`,
    );
    await q.query(
      `CREATE TABLE "request_report" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" text NOT NULL, "period" text NOT NULL, "narrative" text NOT NULL, "milestone_updates" jsonb NOT NULL, "lessons_learned" text, "submitted_by_id" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_request_report" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_request_report_organisation" ON "request_report"  ("organisation_id", "kind") `);
    await q.query(`CREATE INDEX "ix_request_report_request" ON "request_report"  ("request_id", "id") `);
    await q.query(`ALTER TABLE "support_request" ADD "triage_due_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "triage_ended_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "info_due_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "info_ended_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "assessment_due_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "assessment_ended_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "assessment_paused_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "due_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "overdue_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "support_request" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE INDEX "ix_support_request_due" ON "support_request"  ("due_at", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_support_request_due"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "escalated_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "overdue_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "due_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "assessment_paused_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "assessment_ended_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "assessment_due_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "info_ended_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "info_due_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "triage_ended_at"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "triage_due_at"`);
    await q.query(`DROP INDEX "public"."ix_request_report_request"`);
    await q.query(`DROP INDEX "public"."ix_request_report_organisation"`);
    await q.query(`DROP TABLE "request_report"`);
    await q.query(`DROP TABLE "implementation_plan"`);
    await q.query(`DROP INDEX "public"."uq_request_assessment_version"`);
    await q.query(`DROP TABLE "request_assessment"`);
  }
}
