import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AUDIT_CHECKPOINT_TASK,
  AuditCheckpointService,
  AuditService,
  Checkpoint,
  checkpointLine,
  CheckpointLog,
  eventHash,
  newSigningKeyPem,
  parseCheckpointLine,
  parseSigningKey,
  signCheckpoint,
  SIGNING_KEY_FILE,
} from '@cbm/audit';
import { Database, SYSTEM_ACTOR } from '@cbm/core';
import { JobScheduler } from '@cbm/jobs';
import { bearer, startTestSystem, TestSystem } from '../../support/test-system';

const CLI = join(__dirname, '../../../dist/apps/api/src/cli.js');

/**
 * The six ways a database owner can tamper with the audit trail (issue 13): each is caught by
 * verify and named. The owner bypasses the triggers (session_replication_role = replica) — that is
 * the threat. Each case restores what it changed, so the next starts from an intact chain.
 */
describe('a history nobody can rewind', () => {
  let sys: TestSystem;
  let audit: AuditService;
  let checkpoints: AuditCheckpointService;
  let db: Database;

  beforeAll(async () => {
    sys = await startTestSystem();
    audit = sys.app.get(AuditService);
    checkpoints = sys.app.get(AuditCheckpointService);
    db = sys.app.get(Database);
    await append(12, 'tamper');
  });
  afterAll(() => sys?.close());

  async function append(n: number, tag: string) {
    for (let i = 0; i < n; i++)
      await db.transaction(async (t) =>
        audit.in(t).record({
          actor: SYSTEM_ACTOR,
          action: 'test.event',
          entityType: 'test',
          entityId: `${tag}-${i}`,
          after: { i, nested: { b: 1, a: [1, 2] } },
        }),
      );
  }

  /** Bypasses the triggers the way only the database owner can. */
  const asOwner = (sql: string, params: unknown[] = []) =>
    db.transaction(async (t) => {
      await t.query('SET LOCAL session_replication_role = replica');
      return t.query(sql, params);
    });

  const events = (): Promise<{ id: string; seq: string }[]> =>
    db.query('SELECT id, e.seq::text AS seq FROM audit_event e ORDER BY e.seq');
  const saved = async (fromSeq: string) =>
    db.query<{ row: unknown }>('SELECT to_jsonb(e) AS row FROM audit_event e WHERE e.seq >= $1 ORDER BY e.seq', [
      fromSeq,
    ]);
  const restore = async (rows: { row: unknown }[]) => {
    for (const r of rows)
      await asOwner('INSERT INTO audit_event SELECT * FROM jsonb_populate_record(NULL::audit_event, $1::jsonb)', [
        JSON.stringify(r.row),
      ]);
  };
  const headRow = () =>
    db.query<{ seq: string; hash: string; event_id: string }>(
      'SELECT seq::text AS seq, hash, event_id FROM audit_head WHERE id = 1',
    );
  const intact = async () => expect(await audit.verify()).toMatchObject({ ok: true });
  const logOf = (list: Checkpoint[]): CheckpointLog => ({
    entries: list.map((checkpoint, i) => ({ line: i + 1, checkpoint })),
    publicKeys: [checkpoints.signingKey!.publicKey],
  });

  it('new events hash their time in microseconds (version 3: as 2, with erasable data sealed)', async () => {
    const versions = await db.query<{ v: number }>('SELECT DISTINCT hash_version AS v FROM audit_event');
    expect(versions).toEqual([{ v: 3 }]);
    await intact();
  });

  it('the database protects the head like the events: it only advances, to the last event', async () => {
    const [head] = await headRow();
    await expect(db.query('UPDATE audit_head SET seq = seq - 1')).rejects.toThrow(/only advances/);
    await expect(db.query(`UPDATE audit_head SET hash = repeat('1', 64)`)).rejects.toThrow(/only advances/);
    await expect(db.query('UPDATE audit_head SET seq = seq + 1')).rejects.toThrow(/only advances/);
    await expect(db.query('DELETE FROM audit_head')).rejects.toThrow(/only advances/);
    await expect(db.query('TRUNCATE audit_head')).rejects.toThrow(/only advances/);
    await expect(db.query(`INSERT INTO audit_head (id, seq, hash) VALUES (2, 0, repeat('0', 64))`)).rejects.toThrow(
      /only advances|ck_audit_head_single/,
    );
    expect(await headRow()).toEqual([head]);
    await append(1, 'after-head-refusals');
    await intact();
  });

  it('the checkpoint log is append-only too', async () => {
    await checkpoints.signNow(SYSTEM_ACTOR);
    await expect(db.query(`UPDATE audit_checkpoint SET seq = 0`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_checkpoint')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_checkpoint')).rejects.toThrow(/append-only/);
  });

  it('1. a changed payload: named by its event', async () => {
    const rows = await events();
    const victim = rows[rows.length - 5];
    const [before] = await saved(victim.seq);
    await asOwner(`UPDATE audit_event SET after = jsonb_set(after, '{i}', '999') WHERE id = $1`, [victim.id]);
    expect(await audit.verify(4)).toMatchObject({
      ok: false,
      firstInvalid: { id: victim.id, seq: victim.seq, reason: 'content does not match its hash' },
    });
    await asOwner(`UPDATE audit_event SET after = ($1::jsonb)->'after' WHERE id = $2`, [
      JSON.stringify(before.row),
      victim.id,
    ]);
    await intact();
  });

  it('2. a deleted middle row: named by the event after the gap', async () => {
    const rows = await events();
    const victim = rows[rows.length - 4];
    const [row] = await saved(victim.seq);
    await asOwner('DELETE FROM audit_event WHERE id = $1', [victim.id]);
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstInvalid: {
        id: rows[rows.length - 3].id,
        reason: `events ${victim.seq} to ${victim.seq} are missing before this one`,
      },
    });
    await restore([row]);
    await intact();
  });

  it('3. a deleted last row: the head still names it', async () => {
    const rows = await events();
    const last = rows[rows.length - 1];
    const tail = await saved(last.seq);
    await asOwner('DELETE FROM audit_event WHERE id = $1', [last.id]);
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstInvalid: { id: last.id, seq: last.seq, reason: expect.stringMatching(/the tail was cut$/) },
    });
    await restore(tail);
    await intact();
  });

  it('4. a cut tail with the head rewound: intact to the chain alone, caught by a saved checkpoint log', async () => {
    const signed = await checkpoints.signNow(SYSTEM_ACTOR);
    await append(2, 'after-checkpoint');
    // what an outsider kept: the published log, and the key
    const published = await sys.http().get('/api/v1/open/checkpoints.jsonl');
    expect(published.status).toBe(200);
    const keyPem = (await sys.http().get('/api/v1/open/checkpoints/key')).text;
    const kept = published.text.trim().split('\n').map(parseCheckpointLine) as Checkpoint[];
    expect(kept.map((c) => c.seq)).toContain(signed.seq);

    // the owner cuts the tail back to before the checkpoint and rewinds the head to match
    const keep = String(BigInt(signed.seq) - 3n);
    const cut = await saved(String(BigInt(keep) + 1n));
    const [head] = await headRow();
    const [newLast] = await db.query<{ id: string; hash: string }>('SELECT id, hash FROM audit_event WHERE seq = $1', [
      keep,
    ]);
    await asOwner('DELETE FROM audit_event WHERE seq > $1', [keep]);
    await asOwner('UPDATE audit_head SET seq = $1, hash = $2, event_id = $3', [keep, newLast.hash, newLast.id]);
    // the chain alone cannot tell
    expect(await audit.verify()).toMatchObject({ ok: true });
    // the kept log can: its first checkpoint past the cut is named
    const line = kept.findIndex((c) => BigInt(c.seq) > BigInt(keep)) + 1;
    const named = kept[line - 1];
    const result = await audit.verify(undefined, logOf(kept));
    expect(result).toMatchObject({
      ok: false,
      firstInvalid: {
        checkpoint: line,
        seq: named.seq,
        reason: `checkpoint on line ${line} (signed at ${named.signedAt}) records event ${named.seq}, but the chain ends at ${keep}: the tail was cut and the head rewound`,
      },
    });

    if (sys.config.databaseUrl) {
      const dir = mkdtempSync(join(tmpdir(), 'cbm-checkpoints-'));
      writeFileSync(join(dir, 'checkpoints.jsonl'), published.text);
      writeFileSync(join(dir, 'key.pem'), keyPem);
      const cli = spawnSync(
        process.execPath,
        [CLI, 'audit:verify', '--checkpoints', join(dir, 'checkpoints.jsonl'), '--key', join(dir, 'key.pem')],
        {
          env: { ...process.env, DATABASE_URL: sys.config.databaseUrl, REDIS_URL: '', AUDIT_SIGNING_KEY: '' },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(cli.stdout).toContain(`audit chain BROKEN at checkpoint line ${line} (seq ${named.seq})`);
      expect(cli.stdout).toContain('the tail was cut and the head rewound');
      expect(cli.status).toBe(1);
    }

    await restore(cut);
    await asOwner('UPDATE audit_head SET seq = $1, hash = $2, event_id = $3', [head.seq, head.hash, head.event_id]);
    expect(await audit.verify(undefined, logOf(kept))).toMatchObject({ ok: true, checkpoints: kept.length });
  });

  it('5. a time moved by less than a millisecond: named by its event', async () => {
    const rows = await events();
    const victim = rows[rows.length - 2];
    await asOwner(`UPDATE audit_event SET occurred_at = occurred_at + interval '900 microseconds' WHERE id = $1`, [
      victim.id,
    ]);
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstInvalid: { id: victim.id, seq: victim.seq, reason: 'content does not match its hash' },
    });
    await asOwner(`UPDATE audit_event SET occurred_at = occurred_at - interval '900 microseconds' WHERE id = $1`, [
      victim.id,
    ]);
    await intact();
  });

  it('version 1 events (before the cut-over) still verify, and verify at milliseconds as they were hashed', async () => {
    // an event hashed the old way, appended by an older replica (no `v`): version 1
    await db.transaction(async (t) => {
      audit.in(t).record({ actor: SYSTEM_ACTOR, action: 'test.v1', entityType: 'test', entityId: 'v1' });
    });
    const [v1] = await db.query<{ id: string }>(`SELECT id FROM audit_event WHERE action = 'test.v1'`);
    // rewrite it as version 1 would have been chained: its hash over the millisecond time
    const [e] = await db.query<{
      seq: string;
      occurred_at: Date;
      actor_id: string;
      actor_role: string;
      prev_hash: string;
    }>('SELECT seq::text AS seq, occurred_at, actor_id, actor_role, prev_hash FROM audit_event WHERE id = $1', [v1.id]);
    const h = eventHash(
      e.prev_hash,
      {
        id: v1.id,
        seq: e.seq,
        occurredAt: e.occurred_at,
        actorId: e.actor_id,
        actorRole: e.actor_role,
        action: 'test.v1',
        entityType: 'test',
        entityId: 'v1',
        before: null,
        after: null,
        requestId: null,
        clientAddress: null,
      },
      1,
    );
    await asOwner('UPDATE audit_event SET hash = $1, hash_version = 1 WHERE id = $2', [h, v1.id]);
    await asOwner('UPDATE audit_head SET hash = $1', [h]);
    await intact();
    // and a version 1 event is where 900 µs went unnoticed: the reason for version 2
    await asOwner(`UPDATE audit_event SET occurred_at = occurred_at + interval '900 microseconds' WHERE id = $1`, [
      v1.id,
    ]);
    await intact();
    await append(1, 'after-v1');
    await intact();
  });

  it('6. a forged checkpoint: named by its line, whether altered or signed with another key', async () => {
    const list = await checkpoints.all();
    const last = list[list.length - 1];
    const altered = { ...last, seq: String(BigInt(last.seq) - 1n) };
    expect(await audit.verify(undefined, logOf([...list.slice(0, -1), altered]))).toMatchObject({
      ok: false,
      firstInvalid: {
        checkpoint: list.length,
        reason: expect.stringMatching(/the signature does not verify: forged or altered$/),
      },
    });
    const impostor = signCheckpoint(
      { seq: last.seq, hash: last.hash, ledgerHash: last.ledgerHash, signedAt: last.signedAt },
      parseSigningKey(newSigningKeyPem()),
    );
    expect(await audit.verify(undefined, logOf([impostor, ...list]))).toMatchObject({
      ok: false,
      firstInvalid: { checkpoint: 1, reason: expect.stringMatching(/signed by an unknown key/) },
    });
    expect(parseCheckpointLine(checkpointLine(altered))).toEqual(altered);
    // and the deployment's own log still proves
    expect(await audit.verify(undefined, logOf(list))).toEqual({
      ok: true,
      checked: expect.any(Number),
      checkpoints: list.length,
    });
  });

  it('the scheduled checkpoint is signed once a period, however many times (or replicas) run it', async () => {
    // with Redis, BullMQ also runs the task once at start, at the real time: count the frozen hours only
    const inHour = async (hour: string) =>
      (await checkpoints.all()).filter((c) => c.signedAt.startsWith(`2026-12-08T${hour}:`)).length;
    sys.clock.freeze(new Date('2026-12-08T10:00:05Z'));
    try {
      const scheduler = sys.app.get(JobScheduler);
      await Promise.all([scheduler.runNow(AUDIT_CHECKPOINT_TASK), scheduler.runNow(AUDIT_CHECKPOINT_TASK)]);
      await scheduler.runNow(AUDIT_CHECKPOINT_TASK);
      expect(await inHour('10')).toBe(1);
      sys.clock.freeze(new Date('2026-12-08T11:00:05Z'));
      await scheduler.runNow(AUDIT_CHECKPOINT_TASK);
      expect(await inHour('11')).toBe(1);
    } finally {
      sys.clock.unfreeze();
    }
    const [eleven] = (await checkpoints.all()).filter((c) => c.signedAt === '2026-12-08T11:00:05.000Z');
    expect(eleven.ledgerHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('publishes the log and the key; only an admin signs on demand', async () => {
    const admin = await sys.user('admin');
    const hub = await sys.user('hub_officer');
    expect((await sys.http().post('/api/v1/audit/checkpoints').set(bearer(hub))).status).toBe(403);
    const signed = await sys.http().post('/api/v1/audit/checkpoints').set(bearer(admin));
    expect(signed.status).toBe(201);
    const log = await sys.http().get('/api/v1/open/checkpoints.jsonl');
    expect(log.headers['content-type']).toMatch(/^application\/jsonl/);
    const lines = log.text.trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1])).toEqual(signed.body);
    const wellKnown = await sys.http().get('/.well-known/cbm-audit-key');
    expect(wellKnown.status).toBe(200);
    expect(wellKnown.body).toMatchObject({
      keyId: signed.body.keyId,
      alg: 'EdDSA',
      jwk: { kty: 'OKP', crv: 'Ed25519' },
    });
    expect((await sys.http().get('/api/v1/open/checkpoints/key')).text).toBe(wellKnown.body.pem);
    const verify = await sys.http().get('/api/v1/audit/verify').set(bearer(admin));
    expect(verify.body).toMatchObject({ ok: true, checkpoints: lines.length });
  });
});

describe('without AUDIT_SIGNING_KEY', () => {
  let sys: TestSystem | undefined;
  afterAll(() => sys?.close());

  it('embedded: a key generated into DATA_DIR signs; server mode: no checkpoint, on demand 409, the key routes 404', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cbm-nokey-'));
    sys = await startTestSystem({ auditSigningKey: undefined, dataDir });
    const admin = await sys.user('admin');
    const key = sys.app.get(AuditCheckpointService).signingKey;
    await sys.app.get(JobScheduler).runNow(AUDIT_CHECKPOINT_TASK);
    const log = await sys.http().get('/api/v1/open/checkpoints.jsonl');
    expect(log.status).toBe(200);
    if (sys.config.databaseUrl) {
      expect(key).toBeNull();
      expect(existsSync(join(dataDir, SIGNING_KEY_FILE))).toBe(false);
      expect((await sys.http().post('/api/v1/audit/checkpoints').set(bearer(admin))).status).toBe(409);
      expect((await sys.http().get('/api/v1/open/checkpoints/key')).status).toBe(404);
      expect((await sys.http().get('/.well-known/cbm-audit-key')).status).toBe(404);
      expect(log.text).toBe('');
    } else {
      expect(key!.keyId).toBe(parseSigningKey(readFileSync(join(dataDir, SIGNING_KEY_FILE), 'utf8')).keyId);
      expect((await sys.http().post('/api/v1/audit/checkpoints').set(bearer(admin))).status).toBe(201);
      expect((await sys.http().get('/api/v1/open/checkpoints/key')).text).toBe(key!.publicPem);
      expect(log.text.trim().split('\n')).toHaveLength(1);
    }
    expect((await sys.http().get('/api/v1/audit/verify').set(bearer(admin))).body).toMatchObject({ ok: true });
  });
});
