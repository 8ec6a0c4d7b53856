import { Injectable } from '@nestjs/common';
import { Actor, Clock, currentRequestContext, newId, queueBeforeCommit } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { eventBodyParts } from './audit-chain';
import { AppendedEvent, AuditRepository } from './audit.repository';
import { verifyChain, VerifyResult } from './audit-verify';

export interface AuditRecord {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export type { VerifyResult };

/** Only the fields that changed, for an event's before/after. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

interface PendingRecord extends AuditRecord {
  occurredAt: Date;
  requestId: string | null;
  clientAddress: string | null;
}

/**
 * A copy taken when the change is recorded, so later changes to the caller's object do not leak in:
 * the JSON the database stores (dates as ISO strings, bigints as strings), which the hash covers too.
 */
function snapshot(v: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  return JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))) as Record<
    string,
    unknown
  >;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends to the chain inside the caller's transaction. In a transaction opened by
   * Database.transaction the event is written just before COMMIT, with every other event of the
   * transaction under one head lock: the chain's global lock is then held for the last moment of
   * the transaction only, not from the first audited change to the commit (which serialised every
   * writing transaction of the system). Elsewhere (a bare manager) it is written at once.
   */
  async record(m: EntityManager, r: AuditRecord): Promise<void> {
    const ctx = currentRequestContext();
    const rec: PendingRecord = {
      ...r,
      before: snapshot(r.before),
      after: snapshot(r.after),
      occurredAt: this.clock.now(),
      requestId: ctx?.requestId ?? null,
      clientAddress: ctx?.clientAddress ?? null,
    };
    if (
      !queueBeforeCommit(m, this, [rec], (queued) => this.repo.appendBeforeCommit(m, this.events(queued)), {
        last: true,
      })
    )
      await this.append(m, [rec]);
  }

  /** Appends many events under one head lock (bulk imports, the volume generator). */
  async recordMany(m: EntityManager, records: AuditRecord[]): Promise<void> {
    const ctx = currentRequestContext();
    const now = this.clock.now();
    await this.append(
      m,
      records.map((r) => ({
        ...r,
        occurredAt: now,
        requestId: ctx?.requestId ?? null,
        clientAddress: ctx?.clientAddress ?? null,
      })),
    );
  }

  private async append(m: EntityManager, records: PendingRecord[]): Promise<void> {
    if (records.length) await this.repo.append(m, this.events(records));
  }

  /**
   * Hashing needs the seq, which only the chain lock gives: the canonical body is built here,
   * outside the lock, and audit_append finishes the hash under it in the statement that inserts.
   */
  private events(records: PendingRecord[]): AppendedEvent[] {
    return records.map((r) => {
      const e = {
        id: newId(),
        occurredAt: r.occurredAt,
        actorId: r.actor.id,
        actorRole: r.actor.role,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before ?? null,
        after: r.after ?? null,
        requestId: r.requestId,
        clientAddress: r.clientAddress,
      };
      const { head, tail } = eventBodyParts(e);
      return { ...e, bodyHead: head, bodyTail: tail };
    });
  }

  list(
    filter: { entityType?: string; entityId?: string; action?: string },
    beforeSeq: string | undefined,
    limit: number,
  ) {
    return this.repo.list(filter, beforeSeq, limit);
  }

  /** Walks the whole chain; names the first event that does not match (see verifyChain). */
  verify(batchSize?: number): Promise<VerifyResult> {
    return verifyChain(this.repo, batchSize);
  }
}
