import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo-tolerant title search: pg_trgm and a trigram index on published titles
 * (`word_similarity` / `<%`). The operator class is not expressible in entity decorators.
 */
export class KnowledgeTrigram1795971441500 implements MigrationInterface {
  name = 'KnowledgeTrigram1795971441500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX "ix_knowledge_search_title_trgm" ON "knowledge_search" USING gin ("title" gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_knowledge_search_title_trgm"`);
  }
}
