import { Injectable } from '@nestjs/common';
import { Database, Transaction, WriteBatch } from '@cbm/core';
import type { Checkpoint } from './audit-checkpoint';
import { EventText, HASH_VERSION } from './audit-chain';
import { AuditEventEntity } from './audit-event.entity';

/** An event before the chain lock: its seq, prev_hash and hash are assigned by audit_append. */
export interface AppendedEvent {
  id: string;
  occurredAt: Date;
  actorId: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  clientAddress: string | null;
  /** The canonical JSON the hash covers, before and after the seq (audit-chain.ts eventBodyParts). */
  bodyHead: string;
  bodyTail: string;
}

export interface AuditHead {
  seq: string;
  hash: string;
  eventId: string | null;
}

/** Events as the JSON audit_append reads, 1,000 to a call. */
function chunks(events: AppendedEvent[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < events.length; i += 1000) {
    out.push(
      JSON.stringify(
        events.slice(i, i + 1000).map((e, n) => ({
          n,
          id: e.id,
          occurred_at: e.occurredAt.toISOString(),
          actor_id: e.actorId,
          actor_role: e.actorRole,
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId,
          before: e.before,
          after: e.after,
          request_id: e.requestId,
          client_address: e.clientAddress,
          body_head: e.bodyHead,
          body_tail: e.bodyTail,
          v: HASH_VERSION,
        })),
      ),
    );
  }
  return out;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stages events for the chain: one INSERT into `audit_pending` (a row per 1,000 events, in order), in
   * the transaction's write batch. At COMMIT a deferred trigger hands each row to audit_append, which locks the head, assigns each
   * event its seq, links and hashes it (sha256 of the previous hash and `bodyHead + seq + bodyTail`),
   * and moves the head (migration AuditChainedAtCommit). The lock is held for the commit only.
   */
  stage(events: AppendedEvent[], batch: WriteBatch): void {
    const all = chunks(events);
    batch.add(
      (bind) => `INSERT INTO audit_pending (events) VALUES ${all.map((c) => `(${bind(c)}::jsonb)`).join(', ')}`,
    );
  }

  async head(t?: Transaction): Promise<AuditHead> {
    const rows: { seq: string; hash: string; event_id: string | null }[] = await (t ?? this.db).query(
      'SELECT seq::text AS seq, hash, event_id FROM audit_head WHERE id = 1',
    );
    return { seq: rows[0].seq, hash: rows[0].hash, eventId: rows[0].event_id };
  }

  /**
   * Appends a checkpoint to the log. With a `period` (the scheduled run), a second checkpoint of the
   * same period is not written (another replica signed it): false.
   */
  async insertCheckpoint(t: Transaction, c: Checkpoint, period: string | null): Promise<boolean> {
    const rows: unknown[] = await t.query(
      `INSERT INTO audit_checkpoint (seq, hash, ledger_hash, signed_at, key_id, signature, period)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (period) DO NOTHING RETURNING n`,
      [c.seq, c.hash, c.ledgerHash, c.signedAt, c.keyId, c.signature, period],
    );
    return rows.length === 1;
  }

  /** The checkpoint log in the order it was written, `limit` at a time after checkpoint `afterN`. */
  async checkpoints(afterN: string, limit: number): Promise<(Checkpoint & { n: string })[]> {
    const rows: {
      n: string;
      seq: string;
      hash: string;
      ledger_hash: string;
      signed_at: Date;
      key_id: string;
      signature: string;
    }[] = await this.db.query(
      `SELECT n::text AS n, seq::text AS seq, hash, ledger_hash, signed_at, key_id, signature
           FROM audit_checkpoint WHERE n > $1 ORDER BY n LIMIT $2`,
      [afterN, limit],
    );
    return rows.map((r) => ({
      n: r.n,
      seq: r.seq,
      hash: r.hash,
      ledgerHash: r.ledger_hash,
      signedAt: r.signed_at.toISOString(),
      keyId: r.key_id,
      signature: r.signature,
    }));
  }

  /**
   * Chain order, in batches, for the verifier: every column as the database's text, as arrays,
   * straight from the pg client (no TypeORM row handling, no Date or JSON parsing: the verifier
   * canonicalises the text itself). One pooled connection per batch, as any query takes.
   */
  async textBatchAfter(seq: string, limit: number): Promise<EventText[]> {
    const runner = this.db.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PgClient;
      const result = await client.query({
        // the time with its microseconds, in UTC whatever the session's time zone (hashedTime's form)
        text: `SELECT id, seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor_id, actor_role,
                      action, entity_type, entity_id, before, after, request_id, client_address, prev_hash, hash, hash_version
                 FROM audit_event e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
        values: [seq, limit],
        rowMode: 'array',
        types: AS_TEXT,
      });
      return result.rows;
    } finally {
      await runner.release();
    }
  }

  async list(
    filter: { entityType?: string; entityId?: string; action?: string },
    beforeSeq: string | undefined,
    limit: number,
  ): Promise<AuditEventEntity[]> {
    const qb = this.db.manager.createQueryBuilder(AuditEventEntity, 'e').orderBy('e.seq', 'DESC').limit(limit);
    if (filter.entityType) qb.andWhere('e.entityType = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entityId = :i', { i: filter.entityId });
    if (filter.action) qb.andWhere('e.action = :a', { a: filter.action });
    if (beforeSeq) qb.andWhere('e.seq < :s', { s: beforeSeq });
    return qb.getMany();
  }
}

interface PgClient {
  query(q: {
    text: string;
    values: unknown[];
    rowMode: 'array';
    types: typeof AS_TEXT;
  }): Promise<{ rows: EventText[] }>;
}

const keepText = (v: string) => v;
const AS_TEXT = { getTypeParser: () => keepText };
