import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A history nobody can rewind (issue 13, item 4).
 *
 * - `audit_head` is protected like the events: DELETE, INSERT and TRUNCATE are refused, and an UPDATE
 *   must move it forward to the chain's last event (a greater seq, that event's id and hash). Only
 *   `audit_append` does that; a rewound head needs the triggers disabled, which the signed checkpoints
 *   then catch.
 * - `hash_version` per event: version 1 hashed the time at millisecond precision, while the column keeps
 *   microseconds (900 µs could be added unnoticed); version 2 hashes it as stored, `…T10:00:00.123000Z`.
 *   Existing events keep version 1 and still verify; `audit_append` writes the version its caller sends
 *   (`v`, 1 when absent: an older replica during a rolling deploy still writes what it hashed).
 * - `audit_checkpoint`: the append-only log of signed checkpoints (the chain's head and the ledger's
 *   balance hash, Ed25519). `period` is set by the scheduled run only: one checkpoint per period
 *   however many replicas run the task.
 */
export class AuditUnrewindable1796689828266 implements MigrationInterface {
  name = 'AuditUnrewindable1796689828266';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "audit_head_advance_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'audit_head only advances: % refused', TG_OP USING ERRCODE = '42501';
        END IF;
        -- max() reads the seq index's last entry; "EXISTS (… seq > NEW.seq)" was planned generically as a
        -- scan of the whole table (measured: appends slowed by a factor of 4 to 12 as the chain grew)
        IF NEW.id <> OLD.id OR NEW.seq <= OLD.seq
           OR NEW.seq IS DISTINCT FROM (SELECT max(e.seq) FROM audit_event e)
           OR NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.seq = NEW.seq AND e.hash = NEW.hash AND e.id = NEW.event_id) THEN
          RAISE EXCEPTION 'audit_head only advances to the last appended event (seq % refused)', NEW.seq
            USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_audit_head_advance_only" BEFORE INSERT OR UPDATE OR DELETE ON "audit_head" FOR EACH ROW EXECUTE FUNCTION "audit_head_advance_only"()`,
    );
    await q.query(
      `CREATE TRIGGER "tr_audit_head_no_truncate" BEFORE TRUNCATE ON "audit_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_head_advance_only"()`,
    );

    await q.query(`ALTER TABLE "audit_event" ADD "hash_version" smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE "audit_event" ALTER COLUMN "hash_version" DROP DEFAULT`);
    await q.query(`CREATE OR REPLACE FUNCTION "audit_append"(p_events jsonb) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_seq bigint;
        v_hash text;
        v_prev text;
        v_id uuid;
        e record;
      BEGIN
        SELECT h.seq, h.hash::text INTO v_seq, v_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
        FOR e IN
          SELECT x.* FROM jsonb_to_recordset(p_events) AS x(
            n int, id uuid, occurred_at timestamptz, actor_id uuid, actor_role text, action text, entity_type text, entity_id text,
            before jsonb, after jsonb, request_id text, client_address text, body_head text, body_tail text, v smallint)
          ORDER BY x.n
        LOOP
          v_seq := v_seq + 1;
          v_prev := v_hash;
          v_hash := encode(sha256(convert_to(v_prev || e.body_head || v_seq::text || e.body_tail, 'UTF8')), 'hex');
          v_id := e.id;
          INSERT INTO audit_event (id, seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, client_address, prev_hash, hash, hash_version)
          VALUES (e.id, v_seq, e.occurred_at, e.actor_id, e.actor_role, e.action, e.entity_type, e.entity_id,
                  NULLIF(e.before, 'null'::jsonb), NULLIF(e.after, 'null'::jsonb), e.request_id, e.client_address, v_prev, v_hash,
                  COALESCE(e.v, 1));
        END LOOP;
        IF v_id IS NOT NULL THEN
          UPDATE audit_head SET seq = v_seq, hash = v_hash, event_id = v_id WHERE id = 1;
        END IF;
      END $$`);

    await q.query(`CREATE TABLE "audit_checkpoint" (
      "n" bigint GENERATED ALWAYS AS IDENTITY,
      "seq" bigint NOT NULL,
      "hash" char(64) NOT NULL,
      "ledger_hash" char(64) NOT NULL,
      "signed_at" timestamptz NOT NULL,
      "key_id" text NOT NULL,
      "signature" text NOT NULL,
      "period" bigint,
      CONSTRAINT "pk_audit_checkpoint" PRIMARY KEY ("n"),
      CONSTRAINT "uq_audit_checkpoint_period" UNIQUE ("period"))`);
    await q.query(`CREATE FUNCTION "audit_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_audit_checkpoint_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_checkpoint" FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "tr_audit_checkpoint_no_truncate" BEFORE TRUNCATE ON "audit_checkpoint" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_checkpoint"`);
    await q.query(`DROP FUNCTION "audit_refuse_change"()`);
    await q.query(`DROP FUNCTION "audit_append"(jsonb)`);
    await q.query(`CREATE FUNCTION "audit_append"(p_events jsonb) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_seq bigint;
        v_hash text;
        v_prev text;
        v_id uuid;
        e record;
      BEGIN
        SELECT h.seq, h.hash::text INTO v_seq, v_hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
        FOR e IN
          SELECT x.* FROM jsonb_to_recordset(p_events) AS x(
            n int, id uuid, occurred_at timestamptz, actor_id uuid, actor_role text, action text, entity_type text, entity_id text,
            before jsonb, after jsonb, request_id text, client_address text, body_head text, body_tail text)
          ORDER BY x.n
        LOOP
          v_seq := v_seq + 1;
          v_prev := v_hash;
          v_hash := encode(sha256(convert_to(v_prev || e.body_head || v_seq::text || e.body_tail, 'UTF8')), 'hex');
          v_id := e.id;
          INSERT INTO audit_event (id, seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, client_address, prev_hash, hash)
          VALUES (e.id, v_seq, e.occurred_at, e.actor_id, e.actor_role, e.action, e.entity_type, e.entity_id,
                  NULLIF(e.before, 'null'::jsonb), NULLIF(e.after, 'null'::jsonb), e.request_id, e.client_address, v_prev, v_hash);
        END LOOP;
        IF v_id IS NOT NULL THEN
          UPDATE audit_head SET seq = v_seq, hash = v_hash, event_id = v_id WHERE id = 1;
        END IF;
      END $$`);
    await q.query(`ALTER TABLE "audit_event" DROP COLUMN "hash_version"`);
    await q.query(`DROP TRIGGER "tr_audit_head_no_truncate" ON "audit_head"`);
    await q.query(`DROP TRIGGER "tr_audit_head_advance_only" ON "audit_head"`);
    await q.query(`DROP FUNCTION "audit_head_advance_only"()`);
  }
}
