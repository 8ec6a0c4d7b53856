import { MigrationInterface, QueryRunner } from 'typeorm';

export class HubSimilarityIndexes1795972326773 implements MigrationInterface {
  name = 'HubSimilarityIndexes1795972326773';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "support_request" ADD "search_vector" tsvector`);
    await q.query(`CREATE INDEX "ix_support_request_objectives" ON "support_request" USING gin ("objectives") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_support_request_objectives"`);
    await q.query(`ALTER TABLE "support_request" DROP COLUMN "search_vector"`);
  }
}
