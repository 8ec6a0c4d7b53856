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
import { AuditKeyRepository } from './audit-keys.repository';
import { dayOf, KeyRef, KeyRing, openEvent, refKey, refsOf, sealEvent, storedRefs } from './audit-seal';
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

  constructor(
    private readonly service: AuditService,
    private readonly t: Transaction,
  ) {}

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

  async write(batch: WriteBatch): Promise<void> {
    if (this.pending.length) await this.service.stage(this.t, this.pending, batch);
  }
}

@Injectable()
export class AuditService {
  private readonly log = new BufferKind('audit trail', FLUSH_STAGE.audit, (t) => new AuditLog(this, t));
  /** Today's client-address key, once a transaction that made or read it committed (one query a day). */
  private dayKey: { day: string; key: Buffer | null } | null = null;

  constructor(
    private readonly repo: AuditRepository,
    private readonly keys: AuditKeyRepository,
    private readonly clock: Clock,
  ) {}

  /** Transaction `t`'s audit log: what a unit of work hands its use cases as `tx.audit`. */
  in(t: Transaction): AuditLog {
    return t.buffer(this.log);
  }

  now(): Date {
    return this.clock.now();
  }

  /**
   * The events in the batch, chained at COMMIT under one head lock; their personal data sealed with
   * the keys they need, obtained in `t` (a user event's subject key; the day's key for client
   * addresses, read once a day per process).
   */
  async stage(t: Transaction, records: PendingRecord[], batch: WriteBatch): Promise<void> {
    const ring = await this.keyRing(t, records);
    this.repo.stage(this.events(records, ring), batch);
  }

  private async keyRing(t: Transaction, records: PendingRecord[]): Promise<KeyRing> {
    const refs = new Map<string, KeyRef>();
    for (const r of records)
      for (const ref of refsOf({ ...r, before: r.before ?? null, after: r.after ?? null })) refs.set(refKey(ref), ref);
    const cached = this.dayKey;
    const ring: KeyRing = new Map();
    if (cached) {
      const ref = refKey({ kind: 'p', id: cached.day });
      if (refs.has(ref)) {
        ring.set(ref, cached.key);
        refs.delete(ref);
      }
    }
    if (!refs.size) return ring;
    const got = await this.keys.obtain(t, [...refs.values()]);
    const today = dayOf(this.now());
    const todays = got.get(refKey({ kind: 'p', id: today }));
    // cached only once committed: a rolled-back transaction's new key does not exist
    if (todays !== undefined) t.afterCommit(() => void (this.dayKey = { day: today, key: todays }));
    for (const [k, v] of got) ring.set(k, v);
    return ring;
  }

  /**
   * Hashing needs the seq, which only the chain lock gives: the canonical body is built here,
   * outside the lock, and audit_append finishes the hash under it at COMMIT, as it inserts.
   */
  private events(records: PendingRecord[], ring: KeyRing): AppendedEvent[] {
    return records.map((r) => {
      const e = sealEvent(
        {
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
        },
        ring,
      );
      const { head, tail } = eventBodyParts(e);
      return { ...e, bodyHead: head, bodyTail: tail };
    });
  }

  /** Events newest first; sealed personal data opened with the keys that still exist, else "[erased]". */
  async list(
    filter: { entityType?: string; entityId?: string; action?: string },
    beforeSeq: string | undefined,
    limit: number,
  ) {
    const rows = await this.repo.list(filter, beforeSeq, limit);
    const sealed = rows.filter((r) => r.hashVersion >= 3);
    if (!sealed.length) return rows;
    const ring = await this.keys.find(sealed.flatMap(storedRefs));
    return rows.map((r) => (r.hashVersion >= 3 ? openEvent(r, ring) : r));
  }

  /**
   * Erasure of a subject's personal data in the trail: their key is destroyed in `t` (the caller's
   * transaction), so every sealed name and e-mail of theirs reads "[erased]" and the chain, which
   * hashed the ciphertext, still verifies. Later events about them store "[erased]".
   */
  eraseSubject(t: Transaction, subjectId: string): Promise<void> {
    return this.keys.eraseSubject(t, subjectId, this.now());
  }

  /** Destroys the client-address keys of the days before `day` (YYYY-MM-DD); the days erased. */
  async erasePeriodsBefore(t: Transaction, day: string): Promise<string[]> {
    const erased = await this.keys.erasePeriodsBefore(t, day, this.now());
    if (this.dayKey && this.dayKey.day < day) t.afterCommit(() => void (this.dayKey = null));
    return erased;
  }

  /**
   * Walks the whole chain; names the first event that does not match (see verifyChain). With a
   * checkpoint log: proves each checkpoint's signature and that the chain still holds its head.
   */
  verify(batchSize?: number, checkpoints?: CheckpointLog): Promise<VerifyResult> {
    return verifyChain(this.repo, batchSize, checkpoints);
  }
}
