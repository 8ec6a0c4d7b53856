import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { escapeLiteral } from 'pg';
import { EntityManager } from 'typeorm';
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

/** Events as the JSON audit_append reads, 1000 to a statement. */
function chunks(events: AppendedEvent[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < events.length; i += 1000) {
    out.push(
      JSON.stringify(
        events.slice(i, i + 1000).map((e, n) => ({
          n, id: e.id, occurred_at: e.occurredAt.toISOString(), actor_id: e.actorId, actor_role: e.actorRole, action: e.action, entity_type: e.entityType, entity_id: e.entityId,
          before: e.before, after: e.after, request_id: e.requestId, client_address: e.clientAddress, body_head: e.bodyHead, body_tail: e.bodyTail,
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
   * Appends events to the chain in one statement: audit_append locks the head, assigns each event
   * its seq, links and hashes it (sha256 of the previous hash and `bodyHead + seq + bodyTail`), and
   * moves the head. The lock is held from this statement to COMMIT. Large batches go in chunks,
   * all under the lock the first chunk took.
   */
  async append(m: EntityManager, events: AppendedEvent[]): Promise<void> {
    for (const chunk of chunks(events)) await m.query('SELECT audit_append($1::jsonb)', [chunk]);
  }

  /**
   * The same, for the moment before COMMIT: all chunks but the last are appended now; the last is
   * returned as a statement (a literal, no parameters) for Database.transaction to send with COMMIT.
   */
  async appendBeforeCommit(m: EntityManager, events: AppendedEvent[]): Promise<string> {
    const all = chunks(events);
    for (const chunk of all.slice(0, -1)) await m.query('SELECT audit_append($1::jsonb)', [chunk]);
    return `SELECT audit_append(${escapeLiteral(all[all.length - 1])}::jsonb)`;
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
