import { createHash } from 'node:crypto';
import { FundError } from '../fund.errors';

/** The moment a statement is "as of": its label (what the caller asked, normalised) and the exclusive bound on recorded times. */
export interface Cutoff {
  label: string;
  before: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `asOf`: a day (`YYYY-MM-DD`, UTC: everything recorded up to its end) or an instant (ISO 8601 with
 * a zone: everything recorded up to and including that millisecond). Only a moment already past can
 * be stated: a statement of a moment still to come would change (400). Without `asOf`: now.
 */
export function cutoffOf(asOf: string | undefined, now: Date): Cutoff {
  if (asOf === undefined || asOf === '') return { label: now.toISOString(), before: new Date(now.getTime() + 1) };
  let cutoff: Cutoff | null = null;
  if (DATE.test(asOf)) {
    const day = new Date(`${asOf}T00:00:00.000Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === asOf)
      cutoff = { label: asOf, before: new Date(day.getTime() + 86_400_000) };
  } else if (INSTANT.test(asOf)) {
    const t = new Date(asOf);
    if (!Number.isNaN(t.getTime())) cutoff = { label: t.toISOString(), before: new Date(t.getTime() + 1) };
  }
  if (!cutoff)
    throw FundError('FUND_INVALID_FIELD', 'asOf is a day (YYYY-MM-DD) or an ISO 8601 instant with its zone', {
      fields: [{ field: 'asOf', message: 'YYYY-MM-DD or an ISO 8601 instant' }],
    });
  if (cutoff.before.getTime() > now.getTime() + 1)
    throw FundError('FUND_INVALID_FIELD', 'a statement is as of a moment already past (a day already over)', {
      fields: [{ field: 'asOf', message: 'not yet past' }],
    });
  return cutoff;
}

/** JSON with object keys sorted at every level, no spaces: the form the statement's hash is taken of. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The statement with `sha256`: the SHA-256 (hex) of its canonical JSON without that field. */
export function withHash<T extends object>(statement: T): T & { sha256: string } {
  const sha256 = createHash('sha256').update(canonicalJson(statement), 'utf8').digest('hex');
  return { ...statement, sha256 };
}

/** The header that carries the hash (the same value as the body's `sha256`). */
export const STATEMENT_HASH_HEADER = 'X-Content-SHA256';

/** Minor units as a decimal string in currency units (`1234567` USD → `12345.67`; JPY has none). */
export function units(minor: bigint | string, minorUnits: number): string {
  const v = BigInt(minor);
  if (minorUnits === 0) return v.toString();
  const neg = v < 0n;
  const a = neg ? -v : v;
  const scale = 10n ** BigInt(minorUnits);
  return `${neg ? '-' : ''}${a / scale}.${(a % scale).toString().padStart(minorUnits, '0')}`;
}
