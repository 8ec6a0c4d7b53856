import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795970319753 implements MigrationInterface {
  name = 'InitialSchema1795970319753';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL, "seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid NOT NULL, "actor_role" text NOT NULL, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text, "client_address" text, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_audit_event_seq" ON "audit_event"  ("seq") `);
    await q.query(`CREATE INDEX "ix_audit_event_entity" ON "audit_event"  ("entity_type", "entity_id", "seq") `);
    await q.query(
      `CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_login_throttle" PRIMARY KEY ("key"))`,
    );
    await q.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "secret_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_refresh_token" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_refresh_token_user" ON "refresh_token"  ("user_id") `);
    await q.query(`CREATE INDEX "ix_refresh_token_family" ON "refresh_token"  ("family_id") `);
    await q.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "password_hash" text NOT NULL, "role" text NOT NULL, "country_code" character(3), "organisation_id" uuid, "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "pk_app_user" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_app_user_role" ON "app_user"  ("role") `);
    await q.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email") `);
    await q.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL, "name" text NOT NULL, "acronym" text NOT NULL, "type" text NOT NULL, "country_code" character(3), "website" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_organisation_country_code" CHECK ("country_code" IS NULL OR "country_code" ~ '^[A-Z]{3}$'), CONSTRAINT "ck_organisation_type" CHECK ("type" IN ('un_entity', 'member_state', 'ifi', 'private_sector', 'foundation', 'civil_society', 'local_authority', 'academia', 'other')), CONSTRAINT "pk_organisation" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_organisation_name" ON "organisation"  ("name", "id") `);
    await q.query(`CREATE INDEX "ix_organisation_type_name" ON "organisation"  ("type", "name", "id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_organisation_acronym" ON "organisation"  ("acronym") `);
    await q.query(
      `CREATE TABLE "capability_profile" ("organisation_id" uuid NOT NULL, "objectives" jsonb NOT NULL, "countries" text array NOT NULL, "regions" text array NOT NULL, "thematic_areas" text array NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "pk_capability_profile" PRIMARY KEY ("organisation_id"))`,
    );
    await q.query(
      `CREATE TABLE "request_partner" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" text NOT NULL, "status" text NOT NULL, "invited_by_id" uuid NOT NULL, "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE, "responded_by_id" uuid, "decline_reason" text, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "pk_request_partner" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_request_partner_organisation" ON "request_partner"  ("organisation_id", "status") `,
    );
    await q.query(`CREATE INDEX "ix_request_partner_request" ON "request_partner"  ("request_id") `);
    await q.query(
      `CREATE TABLE "request_reference_counter" ("country_code" character(3) NOT NULL, "year" integer NOT NULL, "last" integer NOT NULL, CONSTRAINT "pk_request_reference_counter" PRIMARY KEY ("country_code", "year"))`,
    );
    await q.query(
      `CREATE TABLE "request_timeline_entry" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid NOT NULL, "actor_role" text NOT NULL, "kind" text NOT NULL, "action" text, "from_status" text, "to_status" text, "body" text, "internal" boolean NOT NULL DEFAULT false, CONSTRAINT "pk_request_timeline_entry" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_request_timeline_entry_request" ON "request_timeline_entry"  ("request_id", "id") `,
    );
    await q.query(
      `CREATE TABLE "support_request" ("id" uuid NOT NULL, "reference" text NOT NULL, "country_code" character(3) NOT NULL, "status" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL DEFAULT '', "expected_results" text NOT NULL DEFAULT '', "objectives" integer array NOT NULL DEFAULT '{}', "actions" text array NOT NULL DEFAULT '{}', "principles" text array NOT NULL DEFAULT '{}', "support_types" text array NOT NULL DEFAULT '{}', "target_groups" text array NOT NULL DEFAULT '{}', "geographic_scope" text NOT NULL DEFAULT '', "national_counterparts" text NOT NULL DEFAULT '', "estimated_budget_amount" bigint, "estimated_budget_currency" character(3), "start_date" date, "end_date" date, "created_by_id" uuid NOT NULL, "assignee_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_support_request" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_support_request_assignee" ON "support_request"  ("assignee_id", "status") `);
    await q.query(`CREATE INDEX "ix_support_request_status" ON "support_request"  ("status", "id") `);
    await q.query(`CREATE INDEX "ix_support_request_country" ON "support_request"  ("country_code", "id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_support_request_reference" ON "support_request"  ("reference") `);
    await q.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "entity_type" text, "entity_id" text, "read_at" TIMESTAMP WITH TIME ZONE, "emailed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_notification" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_notification_user" ON "notification"  ("user_id", "id") `);
    await q.query(
      `CREATE TABLE "outbox" ("id" uuid NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "available_at" TIMESTAMP WITH TIME ZONE NOT NULL, "dispatched_at" TIMESTAMP WITH TIME ZONE, "processed_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_outbox" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_outbox_pending" ON "outbox"  ("status", "available_at") `);
    await q.query(
      `ALTER TABLE "capability_profile" ADD CONSTRAINT "fk_capability_profile_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "capability_profile" DROP CONSTRAINT "fk_capability_profile_organisation"`);
    await q.query(`DROP INDEX "public"."ix_outbox_pending"`);
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`DROP INDEX "public"."ix_notification_user"`);
    await q.query(`DROP TABLE "notification"`);
    await q.query(`DROP INDEX "public"."uq_support_request_reference"`);
    await q.query(`DROP INDEX "public"."ix_support_request_country"`);
    await q.query(`DROP INDEX "public"."ix_support_request_status"`);
    await q.query(`DROP INDEX "public"."ix_support_request_assignee"`);
    await q.query(`DROP TABLE "support_request"`);
    await q.query(`DROP INDEX "public"."ix_request_timeline_entry_request"`);
    await q.query(`DROP TABLE "request_timeline_entry"`);
    await q.query(`DROP TABLE "request_reference_counter"`);
    await q.query(`DROP INDEX "public"."ix_request_partner_request"`);
    await q.query(`DROP INDEX "public"."ix_request_partner_organisation"`);
    await q.query(`DROP TABLE "request_partner"`);
    await q.query(`DROP TABLE "capability_profile"`);
    await q.query(`DROP INDEX "public"."uq_organisation_acronym"`);
    await q.query(`DROP INDEX "public"."ix_organisation_type_name"`);
    await q.query(`DROP INDEX "public"."ix_organisation_name"`);
    await q.query(`DROP TABLE "organisation"`);
    await q.query(`DROP INDEX "public"."uq_app_user_email"`);
    await q.query(`DROP INDEX "public"."ix_app_user_role"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP INDEX "public"."ix_refresh_token_family"`);
    await q.query(`DROP INDEX "public"."ix_refresh_token_user"`);
    await q.query(`DROP TABLE "refresh_token"`);
    await q.query(`DROP TABLE "login_throttle"`);
    await q.query(`DROP INDEX "public"."ix_audit_event_entity"`);
    await q.query(`DROP INDEX "public"."uq_audit_event_seq"`);
    await q.query(`DROP TABLE "audit_event"`);
  }
}
