import { MigrationInterface, QueryRunner } from 'typeorm';

export class KnowledgePlatform1795971968476 implements MigrationInterface {
  name = 'KnowledgePlatform1795971968476';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "knowledge_item_version" ("id" uuid NOT NULL, "item_id" uuid NOT NULL, "version" integer NOT NULL, "change" text NOT NULL, "snapshot" jsonb NOT NULL, "actor_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_knowledge_item_version" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_knowledge_item_version" ON "knowledge_item_version"  ("item_id", "version") `,
    );
    await q.query(
      `CREATE TABLE "knowledge_item" ("id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL DEFAULT '', "body" text NOT NULL DEFAULT '', "objectives" integer array NOT NULL DEFAULT '{}', "actions" text array NOT NULL DEFAULT '{}', "principles" text array NOT NULL DEFAULT '{}', "countries" text array NOT NULL DEFAULT '{}', "regions" text array NOT NULL DEFAULT '{}', "organisation_ids" uuid array NOT NULL DEFAULT '{}', "tags" text array NOT NULL DEFAULT '{}', "language" text NOT NULL DEFAULT 'en', "translations" jsonb NOT NULL DEFAULT '{}', "source" text NOT NULL DEFAULT 'manual', "source_id" text, "source_url" text, "licence" text NOT NULL DEFAULT 'CC-BY-4.0', "year" integer, "replicated_from_request_id" uuid, "replicated_from_reference" text, "created_by_id" uuid NOT NULL, "organisation_id" uuid, "published_by_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_knowledge_item" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_knowledge_item_created_by" ON "knowledge_item"  ("created_by_id", "id") `);
    await q.query(`CREATE INDEX "ix_knowledge_item_status" ON "knowledge_item"  ("status", "id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_knowledge_item_source" ON "knowledge_item"  ("source", "source_id") WHERE "source_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE TABLE "knowledge_review" ("id" uuid NOT NULL, "item_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "conflict_of_interest" boolean NOT NULL, "conflict_statement" text, "comment" text, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_knowledge_review" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_knowledge_review_reviewer" ON "knowledge_review"  ("item_id", "reviewer_id") `,
    );
    await q.query(
      `CREATE TABLE "knowledge_search" ("item_id" uuid NOT NULL, "kind" text NOT NULL, "language" text NOT NULL, "year" integer NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "objectives" integer array NOT NULL, "countries" text array NOT NULL, "regions" text array NOT NULL, "organisation_ids" uuid array NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "body_text" text NOT NULL, "text_config" text NOT NULL, "text_configs" text array NOT NULL, "doc" tsvector NOT NULL, "head_doc" tsvector NOT NULL, "payload" jsonb NOT NULL, CONSTRAINT "pk_knowledge_search" PRIMARY KEY ("item_id"))`,
    );
    await q.query(`CREATE INDEX "ix_knowledge_search_kind" ON "knowledge_search"  ("kind", "published_at") `);
    await q.query(`CREATE INDEX "ix_knowledge_search_published" ON "knowledge_search"  ("published_at", "item_id") `);
    await q.query(
      `CREATE INDEX "ix_knowledge_search_organisations" ON "knowledge_search" USING gin ("organisation_ids") `,
    );
    await q.query(`CREATE INDEX "ix_knowledge_search_regions" ON "knowledge_search" USING gin ("regions") `);
    await q.query(`CREATE INDEX "ix_knowledge_search_countries" ON "knowledge_search" USING gin ("countries") `);
    await q.query(`CREATE INDEX "ix_knowledge_search_objectives" ON "knowledge_search" USING gin ("objectives") `);
    await q.query(`CREATE INDEX "ix_knowledge_search_head_doc" ON "knowledge_search" USING gin ("head_doc") `);
    await q.query(`CREATE INDEX "ix_knowledge_search_doc" ON "knowledge_search" USING gin ("doc") `);
    await q.query(
      `CREATE TABLE "knowledge_term" ("word" text NOT NULL, CONSTRAINT "pk_knowledge_term" PRIMARY KEY ("word"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "knowledge_term"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_search_doc"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_search_head_doc"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_search_objectives"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_search_countries"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_search_regions"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_search_organisations"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_search_published"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_search_kind"`);
    await q.query(`DROP TABLE "knowledge_search"`);
    await q.query(`DROP INDEX "public"."uq_knowledge_review_reviewer"`);
    await q.query(`DROP TABLE "knowledge_review"`);
    await q.query(`DROP INDEX "public"."uq_knowledge_item_source"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_item_status"`);
    await q.query(`DROP INDEX "public"."ix_knowledge_item_created_by"`);
    await q.query(`DROP TABLE "knowledge_item"`);
    await q.query(`DROP INDEX "public"."uq_knowledge_item_version"`);
    await q.query(`DROP TABLE "knowledge_item_version"`);
  }
}
