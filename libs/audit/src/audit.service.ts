import { Injectable } from '@nestjs/common';
import {
  Actor,
  BufferKind,
  Clock,
  currentRequestContext,
  FLUSH_STAGE,
  newId,
  Transaction,
  WriteBatch,
  WriteBuffer,
} from '@cbm/core';
import { eventBodyParts } from './audit-chain';
import { AppendedEvent, AuditRepository } from './audit.repository';
import { CheckpointLog, verifyChain, VerifyResult } from './audit-verify';

export interface AuditRecord {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export type { CheckpointLog, VerifyResult };

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

export interface PendingRecord extends AuditRecord {
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

/**
 * The audit events of one transaction, staged by the statement that writes the transaction's rows
 * just before COMMIT and chained by the database at COMMIT: the chain's global head lock is held
 * for the commit only, not from the first audited change on.
 */
export class AuditLog implements WriteBuffer {
  private readonly pending: PendingRecord[] = [];

  constructor(private readonly service: AuditService) {}

  record(r: AuditRecord): void {
    const ctx = currentRequestContext();
    this.pending.push({
      ...r,
      before: snapshot(r.before),
      after: snapshot(r.after),
      occurredAt: this.service.now(),
      requestId: ctx?.requestId ?? null,
      clientAddress: ctx?.clientAddress ?? null,
    });
  }

  write(batch: WriteBatch): void {
    if (this.pending.length) this.service.stage(this.pending, batch);
  }
}

@Injectable()
export class AuditService {
  private readonly log = new BufferKind('audit trail', FLUSH_STAGE.audit, () => new AuditLog(this));

  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Transaction `t`'s audit log: what a unit of work hands its use cases as `tx.audit`. */
  in(t: Transaction): AuditLog {
    return t.buffer(this.log);
  }

  now(): Date {
    return this.clock.now();
  }

  /** The events in the batch, chained at COMMIT under one head lock. */
  stage(records: PendingRecord[], batch: WriteBatch): void {
    this.repo.stage(this.events(records), batch);
  }

  /**
   * Hashing needs the seq, which only the chain lock gives: the canonical body is built here,
   * outside the lock, and audit_append finishes the hash under it at COMMIT, as it inserts.
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

  /**
   * Walks the whole chain; names the first event that does not match (see verifyChain). With a
   * checkpoint log: proves each checkpoint's signature and that the chain still holds its head.
   */
  verify(batchSize?: number, checkpoints?: CheckpointLog): Promise<VerifyResult> {
    return verifyChain(this.repo, batchSize, checkpoints);
  }
}
