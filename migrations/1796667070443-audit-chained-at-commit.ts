import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is extended at COMMIT, not before it. A transaction's write batch stages its
 * events in `audit_pending`; a deferred constraint trigger chains them (`audit_append`) when the
 * transaction commits, and deletes them. The chain's global head lock is so taken inside COMMIT
 * and held only for the commit itself: taken by the batch, it was also held across the separate
 * COMMIT round trip, and every writing transaction queued behind it (a quarter of the
 * transition throughput).
 *
 * `audit_pending` is UNLOGGED: its rows never outlive their transaction. Each transaction only
 * sees its own (others' are uncommitted), so the trigger's DELETE ... RETURNING takes exactly
 * the committing transaction's events; the first firing chains them all, later firings of the
 * same transaction find none and take no lock.
 */
export class AuditChainedAtCommit1796667070443 implements MigrationInterface {
  name = 'AuditChainedAtCommit1796667070443';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE "audit_pending" ("n" integer NOT NULL, "events" jsonb NOT NULL)`);
    await q.query(`CREATE FUNCTION "audit_chain_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record;
      BEGIN
        FOR r IN WITH staged AS (DELETE FROM audit_pending RETURNING n, events) SELECT events FROM staged ORDER BY n LOOP
          PERFORM audit_append(r.events);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER "audit_pending_chained_at_commit" AFTER INSERT ON "audit_pending"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "audit_chain_pending"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "audit_pending_chained_at_commit" ON "audit_pending"`);
    await q.query(`DROP FUNCTION "audit_chain_pending"()`);
    await q.query(`DROP TABLE "audit_pending"`);
  }
}
