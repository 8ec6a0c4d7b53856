import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * pg_trgm for title similarity (the hub's similar requests; the knowledge platform's fuzzy
 * titles). IF NOT EXISTS: another context's migration may have created it first.
 */
export class TrigramExtension1795970896300 implements MigrationInterface {
  name = 'TrigramExtension1795970896300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  }

  async down(): Promise<void> {
    // left in place: other contexts may use it
  }
}
