import { Injectable } from '@nestjs/common';
import { Actor, Clock, currentRequestContext, newId } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { eventHash, GENESIS_HASH } from './audit-chain';
import { AuditEventEntity } from './audit-event.entity';
import { AuditRepository } from './audit.repository';

export interface AuditRecord {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstInvalid?: { id: string | null; seq: string; reason: string };
}

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

@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Appends to the chain inside the caller's transaction. */
  async record(m: EntityManager, r: AuditRecord): Promise<AuditEventEntity> {
    const head = await this.repo.lockHead(m);
    const ctx = currentRequestContext();
    const event = Object.assign(new AuditEventEntity(), {
      id: newId(),
      seq: (BigInt(head.seq) + 1n).toString(),
      occurredAt: this.clock.now(),
      actorId: r.actor.id,
      actorRole: r.actor.role,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: ctx?.requestId ?? null,
      clientAddress: ctx?.clientAddress ?? null,
      prevHash: head.hash,
    });
    event.hash = eventHash(head.hash, event);
    await this.repo.append(m, event);
    return event;
  }

  /** Appends many events under one head lock (bulk imports, the volume generator). */
  async recordMany(m: EntityManager, records: AuditRecord[]): Promise<void> {
    if (!records.length) return;
    const head = await this.repo.lockHead(m);
    const ctx = currentRequestContext();
    let prevHash = head.hash;
    let seq = BigInt(head.seq);
    const events = records.map((r) => {
      seq += 1n;
      const event = Object.assign(new AuditEventEntity(), {
        id: newId(), seq: seq.toString(), occurredAt: this.clock.now(), actorId: r.actor.id, actorRole: r.actor.role, action: r.action, entityType: r.entityType, entityId: r.entityId,
        before: r.before ?? null, after: r.after ?? null, requestId: ctx?.requestId ?? null, clientAddress: ctx?.clientAddress ?? null, prevHash,
      });
      event.hash = eventHash(prevHash, event);
      prevHash = event.hash;
      return event;
    });
    await this.repo.appendMany(m, events);
  }

  list(filter: { entityType?: string; entityId?: string; action?: string }, beforeSeq: string | undefined, limit: number) {
    return this.repo.list(filter, beforeSeq, limit);
  }

  /** Walks the whole chain; names the first event that does not match. */
  async verify(batchSize = 5000): Promise<VerifyResult> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let checked = 0;
    let lastSeq = '0';
    for (;;) {
      const batch = await this.repo.batchAfter(lastSeq, batchSize);
      for (const e of batch) {
        if (BigInt(e.seq) !== expectedSeq) {
          return { ok: false, checked, firstInvalid: { id: e.id, seq: e.seq, reason: `events ${expectedSeq} to ${BigInt(e.seq) - 1n} are missing before this one` } };
        }
        if (e.prevHash !== prevHash) return { ok: false, checked, firstInvalid: { id: e.id, seq: e.seq, reason: 'previous hash does not match the chain' } };
        if (eventHash(prevHash, e) !== e.hash) return { ok: false, checked, firstInvalid: { id: e.id, seq: e.seq, reason: 'content does not match its hash' } };
        prevHash = e.hash;
        expectedSeq++;
        checked++;
      }
      if (batch.length < batchSize) break;
      lastSeq = batch[batch.length - 1].seq;
    }
    const head = await this.repo.head();
    const lastPresent = (expectedSeq - 1n).toString();
    if (head.seq !== lastPresent || (head.seq !== '0' && head.hash !== prevHash)) {
      return {
        ok: false,
        checked,
        firstInvalid: { id: head.eventId, seq: head.seq, reason: `the chain ends at ${lastPresent} but its head records event ${head.seq}: the tail was cut` },
      };
    }
    return { ok: true, checked };
  }
}
