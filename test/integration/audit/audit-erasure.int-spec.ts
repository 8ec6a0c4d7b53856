import { AuditService, ERASED, eventBodyParts } from '@cbm/audit';
import { CLIENT_ADDRESS_RETENTION_TASK, UserService } from '@cbm/auth';
import { Database, newId, SYSTEM_ACTOR } from '@cbm/core';
import { JobScheduler } from '@cbm/jobs';
import { bearer, startTestSystem, TEST_PASSWORD, TestSystem, TestUser } from '../../support/test-system';

interface EventRow {
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  clientAddress: string | null;
  hashVersion: number;
}

/**
 * Retention and erasure (issue 13, item 3): a person's name, e-mail and client addresses are sealed in
 * the audit trail under keys that erasure destroys; the chain still verifies, the content is gone.
 */
describe('retention and erasure', () => {
  let sys: TestSystem;
  let db: Database;
  let audit: AuditService;
  let admin: TestUser;

  beforeAll(async () => {
    sys = await startTestSystem();
    db = sys.app.get(Database);
    audit = sys.app.get(AuditService);
    admin = await sys.user('admin');
  });
  afterAll(() => sys?.close());

  const eventsOf = async (entityId: string, as = admin): Promise<EventRow[]> => {
    const res = await sys.http().get(`/api/v1/audit?entityId=${entityId}&limit=100`).set(bearer(as)).expect(200);
    return (res.body as { items: EventRow[] }).items;
  };

  const verified = async () => {
    expect(await audit.verify()).toMatchObject({ ok: true });
    const res = await sys.http().get('/api/v1/audit/verify').set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({ ok: true });
  };

  /** Every text, varchar, char, json and jsonb column of every table that holds `needle` (case-insensitive). */
  async function tablesHolding(needle: string): Promise<string[]> {
    const columns = await db.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`,
    );
    const found: string[] = [];
    for (const c of columns) {
      const rows = await db.query(
        `SELECT 1 FROM "${c.table_name}" WHERE strpos(lower("${c.column_name}"::text), lower($1)) > 0 LIMIT 1`,
        [needle],
      );
      if (rows.length) found.push(`${c.table_name}.${c.column_name}`);
    }
    return found;
  }

  describe('erasure on request', () => {
    const email = `ana.erasable.${newId().slice(-6)}@example.org`;
    const name = `Ana Erasable-${newId().slice(-6)}`;
    let subject: { id: string };

    beforeAll(async () => {
      subject = await sys.app.get(UserService).create(SYSTEM_ACTOR, {
        email,
        name,
        password: TEST_PASSWORD,
        role: 'focal_point',
        countryCode: 'KEN',
      });
      await sys.login(email); // auth.login, with the client address
      await sys.http().post('/api/v1/auth/login').send({ email, password: 'not the password' }).expect(401);
      await sys
        .http()
        .patch(`/api/v1/users/${subject.id}`)
        .set(bearer(admin))
        .send({ name: `${name} Junior` })
        .expect(200);
    });

    it('keeps the name and e-mail sealed in the trail, readable while the key exists', async () => {
      const stored = await db.query<{ after: Record<string, string>; client_address: string | null }>(
        `SELECT after, client_address FROM audit_event WHERE entity_id = $1 AND action = 'user.created'`,
        [subject.id],
      );
      expect(stored[0].after.email).toMatch(/^sealed:s:/);
      expect(stored[0].after.name).toMatch(/^sealed:s:/);
      expect(stored[0].after.role).toBe('focal_point');
      const events = await eventsOf(subject.id);
      const created = events.find((e) => e.action === 'user.created')!;
      expect(created).toMatchObject({ hashVersion: 3, after: { email, name, role: 'focal_point' } });
      const login = events.find((e) => e.action === 'auth.login')!;
      expect(login.clientAddress).toMatch(/127\.0\.0\.1|::1/);
      expect(events.find((e) => e.action === 'user.updated')).toMatchObject({
        before: { name },
        after: { name: `${name} Junior` },
      });
      expect((await tablesHolding(email)).sort()).toEqual(['app_user.email', 'login_throttle.key']);
      await verified();
    });

    it('is refused to anyone but an administrator, and with a reason that quotes the person', async () => {
      const officer = await sys.user('hub_officer');
      await sys
        .http()
        .post(`/api/v1/users/${subject.id}/erasure`)
        .set(bearer(officer))
        .send({ reason: 'requested by the person' })
        .expect(403);
      const quoted = await sys
        .http()
        .post(`/api/v1/users/${subject.id}/erasure`)
        .set(bearer(admin))
        .send({ reason: `asked by ${email}` })
        .expect(400);
      expect(quoted.body.code).toBe('USER_ERASURE_REASON');
      await sys.http().post(`/api/v1/users/${subject.id}/erasure`).set(bearer(admin)).send({}).expect(400);
      await sys
        .http()
        .post(`/api/v1/users/${admin.id}/erasure`)
        .set(bearer(admin))
        .send({ reason: 'erasing myself' })
        .expect(409);
      await sys
        .http()
        .post(`/api/v1/users/${newId()}/erasure`)
        .set(bearer(admin))
        .send({ reason: 'no such person' })
        .expect(404);
      expect(await tablesHolding(email)).toContain('app_user.email');
    });

    it('leaves the e-mail and the name nowhere in the database, and the chain verifies', async () => {
      const res = await sys
        .http()
        .post(`/api/v1/users/${subject.id}/erasure`)
        .set(bearer(admin))
        .send({ reason: 'erasure requested by the person (ticket 4411)' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: subject.id,
        active: false,
        name: expect.stringMatching(/^erased-user-/),
        erasedAt: expect.any(String),
      });
      expect(res.body.email).not.toContain('example.org');

      expect(await tablesHolding(email)).toEqual([]);
      expect(await tablesHolding(name)).toEqual([]);
      await verified();

      const events = await eventsOf(subject.id);
      const created = events.find((e) => e.action === 'user.created')!;
      expect(created.after).toMatchObject({ email: ERASED, name: ERASED, role: 'focal_point' });
      expect(events.find((e) => e.action === 'user.updated')).toMatchObject({
        before: { name: ERASED },
        after: { name: ERASED },
      });
      expect(events.find((e) => e.action === 'user.erased')).toMatchObject({
        after: { reason: 'erasure requested by the person (ticket 4411)', active: false },
      });
      // the erased person can no longer sign in, under either name
      await sys.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
      await sys.http().post('/api/v1/auth/login').send({ email: res.body.email, password: TEST_PASSWORD }).expect(401);
      // a second erasure: nothing left to erase; and the account cannot be reactivated or renamed
      const again = await sys
        .http()
        .post(`/api/v1/users/${subject.id}/erasure`)
        .set(bearer(admin))
        .send({ reason: 'asked again' })
        .expect(409);
      expect(again.body.code).toBe('USER_ERASED');
      const reactivated = await sys
        .http()
        .patch(`/api/v1/users/${subject.id}`)
        .set(bearer(admin))
        .send({ active: true, password: 'a-new-password-2026' })
        .expect(409);
      expect(reactivated.body.code).toBe('USER_ERASED');
    });

    it('refuses to change or delete a key other than by erasure', async () => {
      await expect(db.query('DELETE FROM audit_subject_key WHERE subject_id = $1', [subject.id])).rejects.toThrow(
        /only destroyed, by erasure/,
      );
      await expect(db.query('UPDATE audit_period_key SET key = NULL, erased_at = now()')).rejects.toThrow(
        /only destroyed, by erasure/,
      );
      await expect(db.query('TRUNCATE audit_period_key')).rejects.toThrow(/only destroyed, by erasure/);
    });
  });

  describe('client addresses past the retention period', () => {
    const DAY = 86_400_000;

    it('are erased by the scheduled task: the old days read "[erased]", recent ones stay, the chain verifies', async () => {
      const person = await sys.user('focal_point');
      const now = Date.now();
      // every request here comes from the one test address: its throttle row starts anew 100 days ago
      await db.query(`DELETE FROM login_throttle WHERE key LIKE 'address:%'`);
      // 100 days ago: a sign-in and a failed one (an `address:` throttle row)
      sys.clock.freeze(new Date(now - 100 * DAY));
      await sys.login(person.email);
      await sys.http().post('/api/v1/auth/login').send({ email: person.email, password: 'wrong' }).expect(401);
      sys.clock.unfreeze();
      await sys.login(person.email); // today
      const oldDay = new Date(now - 100 * DAY).toISOString().slice(0, 10);
      expect(
        await db.query(`SELECT 1 FROM login_throttle WHERE key LIKE 'address:%' AND window_start < $1`, [
          new Date(now - 90 * DAY),
        ]),
      ).toHaveLength(1);

      await sys.app.get(JobScheduler).runNow(CLIENT_ADDRESS_RETENTION_TASK);

      const keys = await db.query<{ period: string; erased: boolean }>(
        `SELECT period::text AS period, key IS NULL AS erased FROM audit_period_key ORDER BY period`,
      );
      expect(keys.find((k) => k.period === oldDay)).toEqual({ period: oldDay, erased: true });
      expect(keys.filter((k) => !k.erased).every((k) => k.period >= new Date(now - 91 * DAY).toISOString())).toBe(true);
      const logins = (await eventsOf(person.id)).filter((e) => e.action === 'auth.login');
      // signed in when created (today), 100 days ago, and today again: only the old one is erased
      expect(logins.map((e) => e.clientAddress)).toEqual([
        expect.stringMatching(/127\.0\.0\.1|::1/),
        ERASED,
        expect.stringMatching(/127\.0\.0\.1|::1/),
      ]);
      expect(
        await db.query(`SELECT 1 FROM login_throttle WHERE key LIKE 'address:%' AND window_start < $1`, [
          new Date(now - 90 * DAY),
        ]),
      ).toHaveLength(0);
      const run = (await eventsOf(oldDay)).find((e) => e.action === 'audit.client_addresses_erased');
      expect(run?.after).toMatchObject({ retentionDays: 90 });
      await verified();

      // a second run erases nothing more and writes no event
      await sys.app.get(JobScheduler).runNow(CLIENT_ADDRESS_RETENTION_TASK);
      expect((await eventsOf(oldDay)).filter((e) => e.action === 'audit.client_addresses_erased')).toHaveLength(1);
      await verified();
    });
  });

  it('gives two transactions that need a new key at once the one key', async () => {
    const subject = newId();
    const record = (name: string) => ({
      actor: SYSTEM_ACTOR,
      action: 'test.key_race',
      entityType: 'user',
      entityId: subject,
      after: { name },
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let made!: () => void;
    const keyMade = new Promise<void>((r) => (made = r));
    const a = db.transaction(async (t) => {
      audit.in(t).record(record('A'));
      // the key made, not yet committed, as A's own flush would make it
      await t.query(`INSERT INTO audit_subject_key (subject_id, key) VALUES ($1, decode(repeat('ab', 32), 'hex'))`, [
        subject,
      ]);
      made();
      await held;
    });
    await keyMade;
    // B's flush waits on A's uncommitted key; once A commits, B's statement snapshot does not see it: B reads again
    const b = db.transaction(async (t) => audit.in(t).record(record('B')));
    if (process.env.DATABASE_URL) {
      // server mode: B is on a connection of its own; wait until it waits on A's row (embedded: one connection, B queues)
      for (let i = 0; i < 200; i++) {
        const waiting = await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (waiting.length) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    release();
    await Promise.all([a, b]);
    const events = await eventsOf(subject);
    expect(events.map((e) => e.after?.name).sort()).toEqual(['A', 'B']);
    await verified();
  });

  it('still verifies events of the earlier hash version 2, written as an older replica writes them', async () => {
    const event = {
      id: newId(),
      occurredAt: new Date(),
      actorId: SYSTEM_ACTOR.id,
      actorRole: SYSTEM_ACTOR.role,
      action: 'test.version2',
      entityType: 'user',
      entityId: newId(),
      before: null,
      after: { email: 'plain.v2@example.org', name: 'Plain Two' },
      requestId: null,
      clientAddress: '203.0.113.9',
    };
    const { head, tail } = eventBodyParts(event);
    const staged = {
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
      client_address: event.clientAddress,
      body_head: head,
      body_tail: tail,
      v: 2,
    };
    await db.transaction((t) =>
      t.query('INSERT INTO audit_pending (events) VALUES ($1::jsonb)', [JSON.stringify([staged])]),
    );
    const [read] = await eventsOf(event.entityId);
    expect(read).toMatchObject({ hashVersion: 2, after: event.after, clientAddress: '203.0.113.9' });
    await verified();
  });
});
