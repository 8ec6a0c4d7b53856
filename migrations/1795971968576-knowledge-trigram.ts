import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo tolerance: pg_trgm and a trigram index on the vocabulary of published titles and
 * summaries (closest word by similarity). The operator class is not expressible in decorators.
 */
export class KnowledgeTrigram1795971968576 implements MigrationInterface {
  name = 'KnowledgeTrigram1795971968576';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX "ix_knowledge_term_trgm" ON "knowledge_term" USING gin ("word" gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_knowledge_term_trgm"`);
  }
}
