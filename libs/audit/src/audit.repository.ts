import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
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

  async head(): Promise<AuditHead> {
    const rows: { seq: string; hash: string; event_id: string | null }[] = await this.db.query('SELECT seq::text AS seq, hash, event_id FROM audit_head WHERE id = 1');
    return { seq: rows[0].seq, hash: rows[0].hash, eventId: rows[0].event_id };
  }

  /** Chain order, in batches, for the verifier. */
  async batchAfter(seq: string, limit: number): Promise<AuditEventEntity[]> {
    return this.db.query(
      `SELECT id, seq::text AS "seq", occurred_at AS "occurredAt", actor_id AS "actorId", actor_role AS "actorRole", action,
              entity_type AS "entityType", entity_id AS "entityId", before, after, request_id AS "requestId",
              client_address AS "clientAddress", prev_hash AS "prevHash", hash
         FROM audit_event e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
      [seq, limit],
    );
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
