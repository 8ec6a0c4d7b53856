import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level; the form the hash is taken over. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ChainedFields {
  id: string;
  seq: string;
  occurredAt: Date | string;
  actorId: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
}

export function eventHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalJson({
    id: e.id,
    seq: String(e.seq),
    occurredAt: new Date(e.occurredAt).toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId ?? null,
    clientAddress: e.clientAddress ?? null,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

const SEQ_MARK = '\u0000seq\u0000';
const SEQ_TAIL = `,"seq":${JSON.stringify(SEQ_MARK)}}`;

/**
 * The canonical JSON `eventHash` covers, in two parts around the seq: `seq` sorts last, so the body
 * is `head + seq + tail`. The database assigns the seq under the chain lock and hashes
 * sha256(prevHash + head + seq + tail) there (audit_append), exactly what eventHash computes.
 */
export function eventBodyParts(e: Omit<ChainedFields, 'seq'>): { head: string; tail: string } {
  const body = canonicalJson({
    id: e.id,
    seq: SEQ_MARK,
    occurredAt: new Date(e.occurredAt).toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId ?? null,
    clientAddress: e.clientAddress ?? null,
  });
  if (!body.endsWith(SEQ_TAIL)) throw new Error('audit chain: seq is not the last key of the canonical body');
  return { head: `${body.slice(0, body.length - SEQ_TAIL.length)},"seq":"`, tail: '"}' };
}
