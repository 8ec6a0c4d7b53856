import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDocuments1796690075550 implements MigrationInterface {
  name = 'AddDocuments1796690075550';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "document_blob" ("sha256" character varying(64) NOT NULL, "size" bigint NOT NULL, "media_type" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_document_blob" PRIMARY KEY ("sha256"))`,
    );
    await q.query(
      `CREATE TABLE "document_blob_chunk" ("sha256" character varying(64) NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "pk_document_blob_chunk" PRIMARY KEY ("sha256", "seq"))`,
    );
    // the slices are mostly compressed already (PDF, Office, images): stored out of line without another compression pass
    await q.query(`ALTER TABLE "document_blob_chunk" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    await q.query(
      `CREATE TABLE "document" ("id" uuid NOT NULL, "parent_type" text NOT NULL, "parent_id" uuid NOT NULL, "kind" text, "name" text NOT NULL, "media_type" text NOT NULL, "size" bigint NOT NULL, "sha256" character varying(64) NOT NULL, "uploaded_by_id" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE, "deleted_by_id" uuid, "extracted_text" text, CONSTRAINT "ck_document_parent_type" CHECK ("parent_type" IN ('request', 'report', 'implementation_plan', 'information_answer', 'contribution', 'committee_decision', 'knowledge_item')), CONSTRAINT "pk_document" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_document_parent" ON "document"  ("parent_type", "parent_id") `);
    await q.query(
      `ALTER TABLE "document" ADD CONSTRAINT "fk_document_sha256" FOREIGN KEY ("sha256") REFERENCES "document_blob"("sha256") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document" ADD CONSTRAINT "fk_document_uploaded_by_id" FOREIGN KEY ("uploaded_by_id") REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_uploaded_by_id"`);
    await q.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_sha256"`);
    await q.query(`DROP INDEX "public"."ix_document_parent"`);
    await q.query(`DROP TABLE "document"`);
    await q.query(`DROP TABLE "document_blob_chunk"`);
    await q.query(`DROP TABLE "document_blob"`);
  }
}
