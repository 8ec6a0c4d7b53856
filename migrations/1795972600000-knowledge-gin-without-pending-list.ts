import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The GIN indexes of the published projection and of the search vocabulary without a pending
 * list (`fastupdate = off`). With it, new entries wait in an unsorted list of up to 4 MB
 * (gin_pending_list_limit) that every search scans in full, in each of the eight partitions and
 * for each language's parse: on 100,000 items after a bulk publication, 220-440 pending pages per
 * index made a three-word search 41 ms (p50) instead of 21, and a misspelt word 48 ms instead of 20.
 * These tables are read on every public search and written only when an item is published or
 * withdrawn, so each write now pays for its own index update instead. The indexes of a partitioned
 * table are set on each partition (a partitioned index has no storage of its own).
 */
export class KnowledgeGinWithoutPendingList1795972600000 implements MigrationInterface {
  name = 'KnowledgeGinWithoutPendingList1795972600000';

  async up(q: QueryRunner): Promise<void> {
    for (const name of await ginIndexes(q)) {
      await q.query(`ALTER INDEX "${name}" SET (fastupdate = off)`);
      // what is already pending moves into the index now, not at the next vacuum
      await q.query(`SELECT gin_clean_pending_list($1::regclass)`, [`"${name}"`]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of await ginIndexes(q)) await q.query(`ALTER INDEX "${name}" RESET (fastupdate)`);
  }
}

async function ginIndexes(q: QueryRunner): Promise<string[]> {
  const rows: { name: string }[] = await q.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_am a ON a.oid = c.relam
      WHERE a.amname = 'gin' AND c.relkind = 'i' AND (
        c.relname = 'ix_knowledge_term_trgm'
        OR c.oid IN (SELECT i.inhrelid FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname LIKE 'ix_knowledge_search_%'))
      ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}
