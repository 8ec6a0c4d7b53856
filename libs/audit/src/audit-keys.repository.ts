import { Injectable } from '@nestjs/common';
import { Database, Transaction } from '@cbm/core';
import { KeyRef, KeyRing, newKey, refKey } from './audit-seal';

const TABLE = {
  s: { table: 'audit_subject_key', column: 'subject_id', type: 'uuid' },
  p: { table: 'audit_period_key', column: 'period', type: 'date' },
} as const;

/**
 * The erasure keys (migration AuditErasure). A key is made by whoever first needs it (INSERT … ON
 * CONFLICT DO NOTHING: two transactions needing it at once get the one key) and destroyed only by
 * erasure: the row stays with `key` NULL and `erased_at`, so later events about an erased subject
 * are stored as "[erased]" and no new key is made for them. The database refuses any other change.
 */
@Injectable()
export class AuditKeyRepository {
  constructor(private readonly db: Database) {}

  /** The keys for `refs`, made where missing, in transaction `t` (null: erased). */
  async obtain(t: Transaction, refs: KeyRef[]): Promise<KeyRing> {
    const ring: KeyRing = new Map();
    for (const ref of refs) {
      if (ring.has(refKey(ref))) continue;
      const { table, column, type } = TABLE[ref.kind];
      // the SELECT does not see the INSERT of the same statement, and a key another transaction made
      // and committed while this one waited on the conflict is outside the statement's snapshot: again
      for (let attempt = 0; ; attempt++) {
        const rows: { key: string | null }[] = await t.query(
          `WITH ins AS (INSERT INTO ${table} (${column}, key) VALUES ($1::${type}, decode($2, 'hex'))
                        ON CONFLICT (${column}) DO NOTHING RETURNING encode(key, 'hex') AS key)
           SELECT key FROM ins UNION ALL SELECT encode(key, 'hex') AS key FROM ${table} WHERE ${column} = $1::${type}`,
          [ref.id, newKey().toString('hex')],
        );
        if (rows.length) {
          ring.set(refKey(ref), rows[0].key === null ? null : Buffer.from(rows[0].key, 'hex'));
          break;
        }
        if (attempt >= 2) throw new Error(`audit: no erasure key for ${refKey(ref)}`);
      }
    }
    return ring;
  }

  /** The keys that still exist among `refs` (for reading; nothing is made). */
  async find(refs: KeyRef[]): Promise<KeyRing> {
    const ring: KeyRing = new Map();
    for (const kind of ['s', 'p'] as const) {
      const ids = [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
      if (!ids.length) continue;
      const { table, column, type } = TABLE[kind];
      const rows: { id: string; key: string | null }[] = await this.db.query(
        `SELECT ${column}::text AS id, encode(key, 'hex') AS key FROM ${table} WHERE ${column} = ANY($1::${type}[])`,
        [ids],
      );
      for (const r of rows) ring.set(`${kind}:${r.id}`, r.key === null ? null : Buffer.from(r.key, 'hex'));
    }
    return ring;
  }

  /** Destroys the subject's key (and keeps it from getting a new one). */
  async eraseSubject(t: Transaction, subjectId: string, at: Date): Promise<void> {
    await t.query(`SELECT set_config('cbm.audit_erasure', 'on', true)`);
    await t.query(
      `INSERT INTO audit_subject_key (subject_id, key, erased_at) VALUES ($1, NULL, $2)
       ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = $2 WHERE audit_subject_key.key IS NOT NULL`,
      [subjectId, at],
    );
    await t.query(`SELECT set_config('cbm.audit_erasure', 'off', true)`);
  }

  /** Destroys the keys of the days before `day` (YYYY-MM-DD); answers the days erased. */
  async erasePeriodsBefore(t: Transaction, day: string, at: Date): Promise<string[]> {
    await t.query(`SELECT set_config('cbm.audit_erasure', 'on', true)`);
    const rows: { period: string }[] = await t.query(
      `WITH u AS (UPDATE audit_period_key SET key = NULL, erased_at = $2 WHERE period < $1::date AND key IS NOT NULL
                  RETURNING period)
       SELECT period::text AS period FROM u`,
      [day, at],
    );
    await t.query(`SELECT set_config('cbm.audit_erasure', 'off', true)`);
    return rows.map((r) => r.period).sort();
  }
}
