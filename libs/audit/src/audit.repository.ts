import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { EventText } from './audit-chain';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditHead {
  seq: string;
  hash: string;
  eventId: string | null;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /** Locks the chain head for the rest of the transaction: appends are serialised, the chain never forks. */
  async lockHead(m: EntityManager): Promise<AuditHead> {
    const rows: { seq: string; hash: string; event_id: string | null }[] = await m.query(
      'SELECT seq::text AS seq, hash, event_id FROM audit_head WHERE id = 1 FOR UPDATE',
    );
    return { seq: rows[0].seq, hash: rows[0].hash, eventId: rows[0].event_id };
  }

  async append(m: EntityManager, event: AuditEventEntity): Promise<void> {
    await m.getRepository(AuditEventEntity).insert(event as never);
    await m.query('UPDATE audit_head SET seq = $1, hash = $2, event_id = $3 WHERE id = 1', [event.seq, event.hash, event.id]);
  }

  async appendMany(m: EntityManager, events: AuditEventEntity[]): Promise<void> {
    for (let i = 0; i < events.length; i += 1000) await m.getRepository(AuditEventEntity).insert(events.slice(i, i + 1000) as never);
    const last = events[events.length - 1];
    await m.query('UPDATE audit_head SET seq = $1, hash = $2, event_id = $3 WHERE id = 1', [last.seq, last.hash, last.id]);
  }

  async head(): Promise<AuditHead> {
    const rows: { seq: string; hash: string; event_id: string | null }[] = await this.db.query('SELECT seq::text AS seq, hash, event_id FROM audit_head WHERE id = 1');
    return { seq: rows[0].seq, hash: rows[0].hash, eventId: rows[0].event_id };
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
        text: `SELECT id, seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, client_address, prev_hash, hash
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

  async list(filter: { entityType?: string; entityId?: string; action?: string }, beforeSeq: string | undefined, limit: number): Promise<AuditEventEntity[]> {
    const qb = this.db.manager.createQueryBuilder(AuditEventEntity, 'e').orderBy('e.seq', 'DESC').limit(limit);
    if (filter.entityType) qb.andWhere('e.entityType = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entityId = :i', { i: filter.entityId });
    if (filter.action) qb.andWhere('e.action = :a', { a: filter.action });
    if (beforeSeq) qb.andWhere('e.seq < :s', { s: beforeSeq });
    return qb.getMany();
  }
}

interface PgClient {
  query(q: { text: string; values: unknown[]; rowMode: 'array'; types: typeof AS_TEXT }): Promise<{ rows: EventText[] }>;
}

const keepText = (v: string) => v;
const AS_TEXT = { getTypeParser: () => keepText };
