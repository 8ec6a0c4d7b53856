import { createHash, hash } from 'node:crypto';

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

/**
 * Which body an event's hash covers (`audit_event.hash_version`). 1: the time in milliseconds, as
 * every event before migration AuditUnrewindable was hashed; the column keeps microseconds, so up to
 * 999 µs could be added unnoticed. 2: the time as stored, with six fractional digits. 3 (migration
 * AuditErasure): hashed as 2, but the erasable personal data in the body (a user's name and e-mail in
 * before/after, the client address) is stored and hashed sealed, as ciphertext under a key per subject
 * or per day (audit-seal.ts); destroying the key erases it and the hash still holds. New events are 3.
 */
export type HashVersion = 1 | 2 | 3;
export const HASH_VERSION: HashVersion = 3;

const MICROS_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The time as the hash of `version` covers it: `2026-11-29T10:00:00.123Z` (1) or
 * `2026-11-29T10:00:00.123000Z` (2 and 3). A string already at microseconds is taken as it is (2) or cut
 * to milliseconds (1), as pg's Date parser did; anything else goes through Date.
 */
export function hashedTime(t: Date | string, version: HashVersion): string {
  if (typeof t === 'string' && MICROS_ISO.test(t)) return version !== 1 ? t : `${t.slice(0, 23)}Z`;
  const iso = new Date(t).toISOString();
  return version !== 1 ? `${iso.slice(0, -1)}000Z` : iso;
}

/** The canonical JSON an event's hash covers, with `seq` as given (the append sends a placeholder). */
function chainedBody(e: Omit<ChainedFields, 'seq'>, seq: string, version: HashVersion): string {
  return canonicalJson({
    id: e.id,
    seq,
    occurredAt: hashedTime(e.occurredAt, version),
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
}

export function eventHash(prevHash: string, e: ChainedFields, version: HashVersion = HASH_VERSION): string {
  return createHash('sha256')
    .update(prevHash)
    .update(chainedBody(e, String(e.seq), version))
    .digest('hex');
}

/**
 * `canonicalJson` of a value JSON.parse returned (null, booleans, numbers, strings, arrays, plain
 * objects: no Date, bigint or undefined), with the same output; the verifier runs it on every
 * stored before/after, so it skips the generic path's entries arrays and per-key closures.
 */
export function canonicalParsedJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalParsedJson(value[i]);
    return out + ']';
  }
  const o = value as Record<string, unknown>;
  // the default sort compares UTF-16 code units, as canonicalJson's `<` does
  const keys = Object.keys(o).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++)
    out += (i ? ',' : '') + JSON.stringify(keys[i]) + ':' + canonicalParsedJson(o[keys[i]]);
  return out + '}';
}

/**
 * An event as the verifier reads it: every column as the database's text, in this order;
 * before/after are jsonb text, occurredAt already turned into the form its hash version covers (hashedTime).
 */
export type EventText = [
  id: string,
  seq: string,
  occurredAt: string,
  actorId: string,
  actorRole: string,
  action: string,
  entityType: string,
  entityId: string,
  before: string | null,
  after: string | null,
  requestId: string | null,
  clientAddress: string | null,
  prevHash: string,
  hash: string,
  hashVersion: string,
];

const jsonText = (v: string | null) => (v === null ? 'null' : canonicalParsedJson(JSON.parse(v)));
const str = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));

/**
 * The body eventHash hashes, built from the text form: the same characters as
 * canonicalJson({ id, seq, occurredAt, … }) there (keys written in their sorted order), so an
 * event written by append verifies here and any change to a column changes the hash.
 * The uuid and bigint columns and the ISO time are quoted without JSON.stringify: their text
 * (hex digits, dashes, digits, colons, a dot, T and Z) has nothing JSON escapes.
 */
export function eventBodyOfText(e: EventText): string {
  return (
    `{"action":${str(e[5])},"actorId":"${e[3]}","actorRole":${str(e[4])},"after":${jsonText(e[9])},"before":${jsonText(e[8])},` +
    `"clientAddress":${str(e[11])},"entityId":${str(e[7])},"entityType":${str(e[6])},"id":"${e[0]}","occurredAt":"${e[2]}",` +
    `"requestId":${str(e[10])},"seq":"${e[1]}"}`
  );
}

/** eventHash over the text form; one call instead of a Hash object per event (same bytes hashed). */
export function eventHashOfText(prevHash: string, e: EventText): string {
  return hash('sha256', prevHash + eventBodyOfText(e), 'hex');
}

const SEQ_MARK = '\u0000seq\u0000';
const SEQ_TAIL = `,"seq":${JSON.stringify(SEQ_MARK)}}`;

/**
 * The canonical JSON `eventHash` covers, in two parts around the seq: `seq` sorts last, so the body
 * is `head + seq + tail`. The database assigns the seq under the chain lock and hashes
 * sha256(prevHash + head + seq + tail) there (audit_append), exactly what eventHash computes
 * (at HASH_VERSION, which the staged event carries as `v`).
 */
export function eventBodyParts(e: Omit<ChainedFields, 'seq'>): { head: string; tail: string } {
  const body = chainedBody(e, SEQ_MARK, HASH_VERSION);
  if (!body.endsWith(SEQ_TAIL)) throw new Error('audit chain: seq is not the last key of the canonical body');
  return { head: `${body.slice(0, body.length - SEQ_TAIL.length)},"seq":"`, tail: '"}' };
}
