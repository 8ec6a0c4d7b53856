import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Erasable personal data in the audit trail (hash version 3). What must be erasable is stored, and
 * hashed, sealed: AES-256-GCM under a key per subject (a user: their name and e-mail in before/after)
 * or per UTC day (client addresses). Erasure destroys the key (`audit_subject_key`,
 * `audit_period_key`, migration AuditErasure): the ciphertext stays, so the chain still verifies,
 * and nobody can read it any more.
 *
 * A sealed value is the string `sealed:<s|p>:<subject id or YYYY-MM-DD>:<base64 of iv ‖ tag ‖ ciphertext>`;
 * the plaintext is the value's JSON. The event's id and the field are the additional data, so a
 * sealed value moved to another event or field does not open.
 */
export const ERASED = '[erased]';

export type KeyKind = 's' | 'p';
export interface KeyRef {
  kind: KeyKind;
  id: string;
}

const SEALED = /^sealed:([sp]):([0-9a-f-]{36}|\d{4}-\d{2}-\d{2}):([A-Za-z0-9+/=]+)$/;

/** The keys of a user event's before/after that are the person's own data. */
export const PERSONAL_FIELDS: readonly string[] = ['email', 'name'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whose personal data an event's before/after holds: the user an event about a user is about. */
export function subjectOf(entityType: string, entityId: string): string | null {
  return entityType === 'user' && UUID.test(entityId) ? entityId : null;
}

/** The UTC day a client address recorded at `t` is sealed under. */
export function dayOf(t: Date): string {
  return t.toISOString().slice(0, 10);
}

export function newKey(): Buffer {
  return randomBytes(32);
}

const aad = (eventId: string, field: string) => Buffer.from(`${eventId}\u0000${field}`, 'utf8');

export function seal(key: Buffer, ref: KeyRef, eventId: string, field: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(eventId, field));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `sealed:${ref.kind}:${ref.id}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
}

export function sealedRef(v: unknown): KeyRef | null {
  if (typeof v !== 'string') return null;
  const m = SEALED.exec(v);
  return m ? { kind: m[1] as KeyKind, id: m[2] } : null;
}

/** The value sealed in `v`, or ERASED when the key is gone (or the value does not open with it). */
export function unseal(key: Buffer | null | undefined, v: string, eventId: string, field: string): unknown {
  const m = SEALED.exec(v);
  if (!m || !key) return ERASED;
  try {
    const raw = Buffer.from(m[3], 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(aad(eventId, field));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
  } catch {
    return ERASED;
  }
}

export const refKey = (r: KeyRef) => `${r.kind}:${r.id}`;

/**
 * The keys a staged event needs, null when that key was erased (the value is then stored as ERASED,
 * not sealed: there is nothing left to open it with).
 */
export type KeyRing = Map<string, Buffer | null>;

interface Sealable {
  id: string;
  occurredAt: Date;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  clientAddress: string | null;
}

/** The key references an event will be sealed under. */
export function refsOf(e: Omit<Sealable, 'id'>): KeyRef[] {
  const refs: KeyRef[] = [];
  const subject = subjectOf(e.entityType, e.entityId);
  if (subject && [e.before, e.after].some((p) => p && PERSONAL_FIELDS.some((f) => p[f] != null)))
    refs.push({ kind: 's', id: subject });
  if (e.clientAddress) refs.push({ kind: 'p', id: dayOf(e.occurredAt) });
  return refs;
}

function sealValue(keys: KeyRing, ref: KeyRef, eventId: string, field: string, value: unknown): string {
  const key = keys.get(refKey(ref));
  return key ? seal(key, ref, eventId, field, value) : ERASED;
}

/** The event as stored and hashed: its personal fields and client address sealed with `keys`. */
export function sealEvent<E extends Sealable>(e: E, keys: KeyRing): E {
  const subject = subjectOf(e.entityType, e.entityId);
  const sealPayload = (p: Record<string, unknown> | null, side: 'before' | 'after') => {
    if (!p || !subject) return p;
    const out = { ...p };
    for (const f of PERSONAL_FIELDS)
      if (out[f] != null) out[f] = sealValue(keys, { kind: 's', id: subject }, e.id, `${side}.${f}`, out[f]);
    return out;
  };
  return {
    ...e,
    before: sealPayload(e.before, 'before'),
    after: sealPayload(e.after, 'after'),
    clientAddress: e.clientAddress
      ? sealValue(keys, { kind: 'p', id: dayOf(e.occurredAt) }, e.id, 'clientAddress', e.clientAddress)
      : null,
  };
}

/** The key references a stored (version 3) event's sealed values name. */
export function storedRefs(e: Pick<Sealable, 'before' | 'after' | 'clientAddress'>): KeyRef[] {
  const refs: KeyRef[] = [];
  for (const p of [e.before, e.after])
    for (const f of PERSONAL_FIELDS) {
      const r = p ? sealedRef(p[f]) : null;
      if (r) refs.push(r);
    }
  const c = sealedRef(e.clientAddress);
  if (c) refs.push(c);
  return refs;
}

/** A stored (version 3) event as a reader sees it: sealed values opened, or ERASED. */
export function openEvent<E extends Pick<Sealable, 'id' | 'before' | 'after' | 'clientAddress'>>(
  e: E,
  keys: KeyRing,
): E {
  const open = (v: unknown, field: string) => {
    const ref = sealedRef(v);
    return ref ? unseal(keys.get(refKey(ref)), v as string, e.id, field) : v;
  };
  const openPayload = (p: Record<string, unknown> | null, side: 'before' | 'after') => {
    if (!p) return p;
    const out = { ...p };
    for (const f of PERSONAL_FIELDS) if (f in out) out[f] = open(out[f], `${side}.${f}`);
    return out;
  };
  const address = e.clientAddress === null ? null : open(e.clientAddress, 'clientAddress');
  return {
    ...e,
    before: openPayload(e.before, 'before'),
    after: openPayload(e.after, 'after'),
    clientAddress: typeof address === 'string' ? address : ERASED,
  };
}
