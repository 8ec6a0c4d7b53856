import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AuditService, eventBodyParts, HASH_VERSION } from '@cbm/audit';
import { BufferKind, Database, newId, SYSTEM_ACTOR, WriteBatch } from '@cbm/core';
import { bearer, startTestSystem, TestSystem } from '../../support/test-system';

const CLI = join(__dirname, '../../../dist/apps/api/src/cli.js');

describe('audit chain against the real database', () => {
  let sys: TestSystem;
  let audit: AuditService;
  let db: Database;

  beforeAll(async () => {
    sys = await startTestSystem();
    audit = sys.app.get(AuditService);
    db = sys.app.get(Database);
  });
  afterAll(() => sys?.close());

  const append = (n: number, tag: string) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        db.transaction(async (t) =>
          audit.in(t).record({
            actor: SYSTEM_ACTOR,
            action: 'test.event',
            entityType: 'test',
            entityId: `${tag}-${i}`,
            after: { i, nested: { b: 1, a: [1, 2] } },
          }),
        ),
      ),
    );

  /** Bypasses the triggers the way only the database owner can. */
  const asOwner = (sql: string, params: unknown[] = []) =>
    db.transaction(async (t) => {
      await t.query('SET LOCAL session_replication_role = replica');
      return t.query(sql, params);
    });

  it('concurrent appends never fork the chain', async () => {
    await append(40, 'concurrent');
    const rows: { seq: string; prev_hash: string; hash: string }[] = await db.query(
      'SELECT e.seq::text AS seq, prev_hash, hash FROM audit_event e ORDER BY e.seq',
    );
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
    expect(await audit.verify(7)).toMatchObject({ ok: true, checked: rows.length });
  });

  it('takes the chain lock only at commit: nothing is appended or locked before the transaction ends', async () => {
    const seen = await db.transaction(async (t) => {
      const m = t.manager;
      audit.in(t).record({ actor: SYSTEM_ACTOR, action: 'test.deferred', entityType: 'test', entityId: 'a' });
      audit.in(t).record({ actor: SYSTEM_ACTOR, action: 'test.deferred', entityType: 'test', entityId: 'b' });
      // the head is not locked yet: another session could append (one connection in embedded mode,
      // so this asks the database whether this transaction holds a row lock on audit_head)
      const locked: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM pg_locks l WHERE l.pid = pg_backend_pid() AND l.locktype = 'transactionid' AND EXISTS (SELECT 1 FROM audit_head h WHERE h.xmax::text = l.transactionid::text)`,
      );
      const written: unknown[] = await m.query(`SELECT 1 FROM audit_event WHERE action = 'test.deferred'`);
      return { locked: locked[0].n, written: written.length };
    });
    expect(seen).toEqual({ locked: 0, written: 0 });
    const rows: { entity_id: string }[] = await db.query(
      `SELECT entity_id FROM audit_event WHERE action = 'test.deferred' ORDER BY seq`,
    );
    expect(rows.map((r) => r.entity_id)).toEqual(['a', 'b']);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('staged events hold no lock until COMMIT: meanwhile another transaction appends, and they follow it', async () => {
    const event = {
      id: newId(),
      occurredAt: new Date(),
      actorId: SYSTEM_ACTOR.id,
      actorRole: SYSTEM_ACTOR.role,
      action: 'test.staged',
      entityType: 'test',
      entityId: 'staged',
      before: null,
      after: { staged: true },
      requestId: null,
      clientAddress: null,
    };
    const { head, tail } = eventBodyParts(event);
    const staged = [
      {
        n: 0,
        id: event.id,
        occurred_at: event.occurredAt.toISOString(),
        actor_id: event.actorId,
        actor_role: event.actorRole,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        before: null,
        after: event.after,
        request_id: null,
        client_address: null,
        body_head: head,
        body_tail: tail,
        // the hash version eventBodyParts built the body for (absent: 1, an older replica's)
        v: HASH_VERSION,
      },
    ];
    const locked = await db.transaction(async (t) => {
      await t.query('INSERT INTO audit_pending (events) VALUES ($1::jsonb)', [JSON.stringify(staged)]);
      const held: { n: number }[] = await t.query(
        `SELECT count(*)::int AS n FROM pg_locks l WHERE l.pid = pg_backend_pid() AND l.locktype = 'transactionid' AND EXISTS (SELECT 1 FROM audit_head h WHERE h.xmax::text = l.transactionid::text)`,
      );
      // a second connection appends and commits while this one has staged (server mode: the
      // embedded database has one connection, which this transaction holds)
      if (process.env.DATABASE_URL) await append(1, 'meanwhile');
      return held[0].n;
    });
    expect(locked).toBe(0);
    expect(await db.query('SELECT 1 FROM audit_pending')).toHaveLength(0);
    const order: { action: string }[] = await db.query(
      `SELECT action FROM audit_event WHERE action = 'test.staged' OR entity_id = 'meanwhile-0' ORDER BY seq`,
    );
    expect(order.map((r) => r.action)).toEqual(
      process.env.DATABASE_URL ? ['test.event', 'test.staged'] : ['test.staged'],
    );
    expect((await audit.verify()).ok).toBe(true);
  });

  it('writes nothing for a rolled-back transaction, and refuses an event outside a transaction', async () => {
    await expect(
      db.transaction(async (t) => {
        audit.in(t).record({ actor: SYSTEM_ACTOR, action: 'test.rolled_back', entityType: 'test', entityId: 'x' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.query(`SELECT 1 FROM audit_event WHERE action = 'test.rolled_back'`)).toHaveLength(0);
    // an event is always part of the change it records: there is no "write it now" path (AuditService
    // has no method that takes anything but a Transaction opened by Database.transaction)
    expect((await audit.verify()).ok).toBe(true);
  });

  it('keeps what was recorded even when the caller changes its object before commit', async () => {
    await db.transaction(async (t) => {
      const after = { status: 'submitted' };
      audit.in(t).record({ actor: SYSTEM_ACTOR, action: 'test.snapshot', entityType: 'test', entityId: 'z', after });
      after.status = 'changed';
    });
    const rows: { after: { status: string } }[] = await db.query(
      `SELECT after FROM audit_event WHERE action = 'test.snapshot'`,
    );
    expect(rows[0].after.status).toBe('submitted');
  });

  it('a bulk append continues the same chain', async () => {
    await db.transaction(async (t) => {
      for (let i = 0; i < 2500; i++)
        audit.in(t).record({ actor: SYSTEM_ACTOR, action: 'test.bulk', entityType: 'test', entityId: `bulk-${i}` });
    });
    await append(3, 'after-bulk');
    const result = await audit.verify(999);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(2543);
  });

  it('more events in one transaction than one append statement takes: all of them, in order', async () => {
    await db.transaction(async (t) => {
      for (let i = 0; i < 1001; i++)
        audit.in(t).record({
          actor: SYSTEM_ACTOR,
          action: 'test.chunked',
          entityType: 'test',
          entityId: `chunk-${i}`,
          after: { text: `it's "quoted" \\ ${i}` },
        });
    });
    const rows: { entity_id: string; after: { text: string } }[] = await db.query(
      `SELECT entity_id, after FROM audit_event WHERE action = 'test.chunked' ORDER BY seq`,
    );
    expect(rows.map((r) => r.entity_id)).toEqual(Array.from({ length: 1001 }, (_, i) => `chunk-${i}`));
    expect(rows[1000].after.text).toBe(`it's "quoted" \\ 1000`);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('a write batch that fails commits nothing of its transaction, audit events included', async () => {
    // a part of the same write batch as the audit append fails: the statement, and so the transaction, fails whole
    const failing = new BufferKind('failing', 99, () => ({
      write: (batch: WriteBatch) =>
        void batch.add(() => `DELETE FROM outbox WHERE id = (SELECT id FROM outbox LIMIT 1 OFFSET 1 / 0)`),
    }));
    await expect(
      db.transaction(async (t) => {
        audit.in(t).record({ actor: SYSTEM_ACTOR, action: 'test.final_failed', entityType: 'test', entityId: 'f' });
        await t.query(
          `INSERT INTO outbox (id, job_name, payload, status, attempts, available_at, created_at) VALUES ('00000000-0000-7000-8000-00000000f1a1', 'test-final', '{}', 'done', 0, now(), now())`,
        );
        t.buffer(failing);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await db.query(`SELECT 1 FROM audit_event WHERE action = 'test.final_failed'`)).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM outbox WHERE job_name = 'test-final'`)).toHaveLength(0);
    // the connection is usable and the chain intact
    await append(1, 'after-final-failed');
    expect((await audit.verify()).ok).toBe(true);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
  });

  it('names a tampered payload, a deleted event and a cut tail', async () => {
    await append(5, 'tamper');
    const rows: { id: string; seq: string }[] = await db.query(
      'SELECT id, e.seq::text AS seq FROM audit_event e ORDER BY e.seq',
    );
    const victim = rows[rows.length - 8];

    await asOwner(`UPDATE audit_event SET after = jsonb_set(after, '{i}', '999') WHERE id = $1`, [victim.id]);
    expect(await audit.verify(4)).toMatchObject({
      ok: false,
      firstInvalid: { id: victim.id, reason: expect.stringMatching(/content/) },
    });

    if (sys.config.databaseUrl) {
      const cli = spawnSync(process.execPath, [CLI, 'audit:verify'], {
        env: { ...process.env, DATABASE_URL: sys.config.databaseUrl, REDIS_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(victim.id);
    }

    await asOwner(`DELETE FROM audit_event WHERE seq >= $1`, [victim.seq]);
    const remaining: { id: string; seq: string }[] = await db.query(
      'SELECT id, e.seq::text AS seq FROM audit_event e ORDER BY e.seq',
    );
    expect(remaining).toHaveLength(rows.length - 8);
    // the tail is cut: the chain itself is intact, the head says events are missing
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstInvalid: { reason: expect.stringMatching(/tail was cut/) },
    });

    await append(1, 'after-cut');
    const deleted = remaining[remaining.length - 6];
    await asOwner('DELETE FROM audit_event WHERE id = $1', [deleted.id]);
    const next = remaining[remaining.length - 5];
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstInvalid: { id: next.id, reason: expect.stringMatching(/missing/) },
    });
  });

  it('GET /audit/verify is for admins only', async () => {
    const admin = await sys.user('admin');
    const hub = await sys.user('hub_officer');
    expect((await sys.http().get('/api/v1/audit/verify').set(bearer(hub))).status).toBe(403);
    const res = await sys.http().get('/api/v1/audit/verify').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
  });
});
