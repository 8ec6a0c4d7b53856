import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain's head (its last seq and hash, to catch a cut tail) and the triggers that
 * make `audit_event` append-only: UPDATE, DELETE and TRUNCATE are refused by the database.
 */
export class AuditProtection1795970400000 implements MigrationInterface {
  name = 'AuditProtection1795970400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_head" (
      "id" int NOT NULL CONSTRAINT "ck_audit_head_single" CHECK ("id" = 1),
      "seq" bigint NOT NULL,
      "hash" char(64) NOT NULL,
      "event_id" uuid,
      CONSTRAINT "pk_audit_head" PRIMARY KEY ("id"))`);
    await q.query(`INSERT INTO "audit_head" ("id", "seq", "hash", "event_id") VALUES (1, 0, repeat('0', 64), NULL)`);
    await q.query(`CREATE FUNCTION "audit_event_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_refuse_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "tr_audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_refuse_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_audit_event_no_truncate" ON "audit_event"`);
    await q.query(`DROP TRIGGER "tr_audit_event_no_update_delete" ON "audit_event"`);
    await q.query(`DROP FUNCTION "audit_event_refuse_change"()`);
    await q.query(`DROP TABLE "audit_head"`);
  }
}
