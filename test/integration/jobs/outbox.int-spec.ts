import { Database } from '@cbm/core';
import { JobRegistry, OutboxRelay, OutboxService } from '@cbm/jobs';
import { startTestSystem, TestSystem } from '../../support/test-system';

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('transactional outbox', () => {
  let sys: TestSystem;
  let db: Database;
  const seen: string[] = [];
  let failuresLeft = 2;

  beforeAll(async () => {
    sys = await startTestSystem();
    db = sys.app.get(Database);
    const registry = sys.app.get(JobRegistry);
    registry.register<{ tag: string }>('test-record', {
      handle: async ({ tag }, { transaction }) => {
        await transaction.query('SELECT 1');
        seen.push(tag);
      },
    });
    registry.register<{ tag: string }>('test-flaky', {
      handle: async ({ tag }) => {
        if (failuresLeft-- > 0) throw new Error('transient failure');
        seen.push(tag);
      },
    });
  });
  afterAll(() => sys?.close());

  const status = async (id: string) =>
    (
      await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox WHERE id = $1', [id])
    )[0];

  it('runs a job only after its transaction commits, exactly once per row', async () => {
    const outbox = sys.app.get(OutboxService);
    const id = await db.transaction(async (t) => outbox.in(t).enqueue('test-record', { tag: 'committed' }));
    await until(async () => (await status(id)).status === 'done');
    expect(seen.filter((t) => t === 'committed')).toEqual(['committed']);

    await expect(
      db.transaction(async (t) => {
        outbox.in(t).enqueue('test-record', { tag: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await sys.app.get(OutboxRelay).drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).not.toContain('rolled-back');
  });

  it('rows sent with COMMIT as literals keep their payload exactly, several to a transaction', async () => {
    const outbox = sys.app.get(OutboxService);
    const nasty = `it's "quoted" \\ back\\slash $$ dollar $tag$ ; COMMIT; -- é ☃ 𝄞 \n new line`;
    const ids = await db.transaction(async (t) => [
      outbox.in(t).enqueue('test-record', { tag: nasty }),
      outbox.in(t).enqueue('test-record', { tag: `${nasty} 2`, n: 1.5, b: true, x: null }),
    ]);
    const rows = await db.query<{ id: string; payload: Record<string, unknown> }>(
      'SELECT id, payload FROM outbox WHERE id = ANY($1::uuid[]) ORDER BY id',
      [ids],
    );
    expect(rows.map((r) => r.id)).toEqual([...ids].sort());
    expect(rows.find((r) => r.id === ids[0])!.payload).toEqual({ tag: nasty });
    expect(rows.find((r) => r.id === ids[1])!.payload).toEqual({ tag: `${nasty} 2`, n: 1.5, b: true, x: null });
    await until(async () => (await status(ids[1])).status === 'done');
    expect(seen).toContain(nasty);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const outbox = sys.app.get(OutboxService);
    const id = await db.transaction(async (t) => outbox.in(t).enqueue('test-flaky', { tag: 'flaky' }));
    await until(async () => (await status(id)).attempts >= 1);
    // make the retry due now instead of waiting for the backoff
    for (let i = 0; i < 10 && (await status(id)).status !== 'done'; i++) {
      await db.query(
        `UPDATE outbox SET available_at = now() - interval '1 second' WHERE id = $1 AND status = 'pending'`,
        [id],
      );
      await sys.app.get(OutboxRelay).drain();
      await new Promise((r) => setTimeout(r, 200));
    }
    await until(async () => (await status(id)).status === 'done');
    expect((await status(id)).attempts).toBe(2);
    expect(seen).toContain('flaky');
  });
});
