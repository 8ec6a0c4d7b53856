import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_append(events)`: the whole locked section of an audit append in one statement — lock
 * the head, insert the events with their seq, prev_hash and hash, move the head — so the chain's
 * global lock is held for one round trip plus COMMIT instead of three. The hash is the one
 * libs/audit/src/audit-chain.ts defines: sha256(prev_hash || canonical JSON), where the caller
 * sends the canonical JSON in two parts around the seq (only the database knows the seq).
 */
export class AuditAppendFunction1795972500000 implements MigrationInterface {
  name = 'AuditAppendFunction1795972500000';

  async up(q: QueryRunner): Promise<void> {
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION "audit_append"(jsonb)`);
  }
}
