import { AttributionService, FundUnitOfWork, LedgerRepository } from '@cbm/fund';
import { replayAttribution } from '../../../migrations/1796678849065-fund-allocation-attribution';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { fund, stubRequests, usd } from './fund-fixtures';

const server = !!process.env.DATABASE_URL;

/**
 * The attribution stored at approval: concurrent approvals (20 at a time over HTTP, on a
 * PostgreSQL server) never attribute the same unallocated pooled dollars twice; the sums stay
 * exact to the cent; the migration's replay of the journal finds exactly the stored rows; the
 * statements "as of" a moment over HTTP (hash header, bad input, CSV in currency units).
 */
describe('pooled money attributed at approval', () => {
  let sys: TestSystem;
  let requests: ReturnType<typeof stubRequests>;
  let fm: TestUser, sc: TestUser, hub: TestUser, donor: TestUser;
  let swe: string, deu: string, nor: string;
  const approved: string[] = [];

  beforeAll(async () => {
    sys = await startTestSystem();
    requests = stubRequests(sys);
    [swe, deu, nor] = await Promise.all(['SWE', 'DEU', 'NOR'].map((a) => sys.organisationId(a)));
    fm = await sys.user('fund_manager');
    sc = await sys.user('steering_committee');
    hub = await sys.user('hub_officer');
    donor = await sys.user('donor', { organisation: 'SWE' });
  }, 180_000);
  afterAll(() => sys?.close());

  const exact = async () => {
    const unallocated = await sys.app
      .get(FundUnitOfWork)
      .run((tx) => sys.app.get(AttributionService).pooledUnallocated(tx));
    const pool = await sys.app.get(LedgerRepository).balance('cash_pool', {}, 'USD');
    return { unallocated, pool, sum: unallocated.reduce((s, u) => s + u.amount, 0n) };
  };

  it('attributes concurrent approvals exactly, never the same dollars twice', async () => {
    const before = new Date();
    // three pooled contributions with awkward amounts (net of the 1 % fee: 3,333,333.33 / 2,000,000.01 / 1,234,567.89 USD)
    await fund(sys, fm, { contributorId: swe, amount: 336700336 });
    await fund(sys, fm, { contributorId: deu, amount: 202020213 });
    await fund(sys, fm, { contributorId: nor, amount: 124703827 });
    const start = await exact();
    expect(start.sum).toBe(start.pool);
    // 20 proposals of 330,000.01 USD each: 6,600,000.20 asked, about 6,568,000 in the pool
    const proposals: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = requests.add({ countryCode: 'KEN' });
      const app = await sys
        .http()
        .post('/api/v1/fund/applications')
        .set(bearer(hub))
        .send({ requestId: r.id, amount: usd(33000001), justification: 'seed funding for a pilot' });
      const p = await sys
        .http()
        .post('/api/v1/fund/allocations')
        .set(bearer(fm))
        .send({
          applicationId: app.body.id,
          amount: usd(33000001),
          tranches: [{ amount: usd(33000001), condition: 'on_approval' }],
        });
      expect(p.status).toBe(201);
      proposals.push(p.body.id);
    }
    const approve = (id: string) =>
      sys.http().post(`/api/v1/fund/allocations/${id}/approve`).set(bearer(sc)).send({ decisionRef: 'SC-RACE' });
    // all at once on a server (20 connections); the embedded database has one connection, so there they queue
    const answers = server ? await Promise.all(proposals.map(approve)) : [];
    if (!server) for (const id of proposals) answers.push(await approve(id));
    expect(answers.filter((a) => a.status !== 200 && a.status !== 422).map((a) => [a.status, a.body])).toEqual([]);
    const ok = proposals.filter((_, i) => answers[i].status === 200);
    const refused = answers.filter((a) => a.status === 422);
    expect(ok.length + refused.length).toBe(20);
    expect(ok.length).toBe(Math.floor(Number(start.pool) / 33000001));
    for (const a of refused) expect(a.body.code).toBe('FUND_INSUFFICIENT_FUNDS');
    approved.push(...ok);

    const rows: { allocation_id: string; contribution_id: string; amount: string }[] = await sys.db.dataSource.query(
      `SELECT "allocation_id", "contribution_id", "amount"::text AS "amount" FROM "fund_allocation_attribution" WHERE "recorded_at" >= $1`,
      [before],
    );
    // each approved allocation: its rows add up to its pool draw, to the cent; refused ones have none
    for (const id of ok)
      expect(rows.filter((r) => r.allocation_id === id).reduce((s, r) => s + BigInt(r.amount), 0n)).toBe(33000001n);
    expect(rows.filter((r) => !ok.includes(r.allocation_id))).toEqual([]);
    // no contribution gave more than it had: what is left is never negative and adds up to the pool
    const end = await exact();
    expect(end.unallocated.filter((u) => u.amount < 0n)).toEqual([]);
    expect(end.sum).toBe(end.pool);
    expect(end.pool).toBe(start.pool - BigInt(ok.length) * 33000001n);
    for (const u of start.unallocated) {
      const given = rows
        .filter((r) => r.contribution_id === u.contributionId)
        .reduce((s, r) => s + BigInt(r.amount), 0n);
      expect(end.unallocated.find((e) => e.contributionId === u.contributionId)!.amount).toBe(u.amount - given);
    }
    if (server) expect(refused.length).toBeGreaterThan(0);
  }, 300_000);

  it('refunds a pooled contribution only up to its own unallocated money, whatever else is in the pool', async () => {
    const start = await exact();
    const [mine, ...others] = start.unallocated.filter((u) => u.amount > 0n);
    expect(others.length).toBeGreaterThan(0); // the pool holds other contributions' money too
    const refund = (amount: bigint) =>
      sys
        .http()
        .post(`/api/v1/fund/contributions/${mine.contributionId}/refunds`)
        .set(bearer(fm))
        .set('Idempotency-Key', `refund-${amount}-${Date.now()}`)
        .send({ amount: usd(String(amount)), reason: 'closing the contribution', reference: 'REF-1' });
    const tooMuch = await refund(mine.amount + 1n);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'FUND_INSUFFICIENT_FUNDS', available: mine.amount.toString() });
    expect((await exact()).pool).toBe(start.pool); // nothing written
    expect((await refund(mine.amount)).status).toBe(201);
    const end = await exact();
    expect(end.unallocated.find((u) => u.contributionId === mine.contributionId)!.amount).toBe(0n);
    expect(end.sum).toBe(end.pool);
  });

  it("reverses a pooled deposit only while the contribution's money is unallocated, even with the pool full of others'", async () => {
    const pledge = await sys
      .http()
      .post('/api/v1/fund/contributions')
      .set(bearer(fm))
      .send({ contributorId: deu, pledgedAt: '2026-01-15', amount: usd(100000), earmark: { type: 'none' } });
    const deposit = await sys
      .http()
      .post(`/api/v1/fund/contributions/${pledge.body.id}/deposits`)
      .set(bearer(fm))
      .set('Idempotency-Key', `dep-${Date.now()}`)
      .send({ receivedAt: '2026-02-01', amount: usd(100000), usdAmount: usd(100000) });
    expect(deposit.status).toBe(201);
    const r = requests.add({ countryCode: 'KEN' });
    const app = await sys
      .http()
      .post('/api/v1/fund/applications')
      .set(bearer(hub))
      .send({ requestId: r.id, amount: usd(50000), justification: 'seed funding for a pilot' });
    const p = await sys
      .http()
      .post('/api/v1/fund/allocations')
      .set(bearer(fm))
      .send({
        applicationId: app.body.id,
        amount: usd(50000),
        tranches: [{ amount: usd(50000), condition: 'on_approval' }],
      });
    expect(
      (
        await sys
          .http()
          .post(`/api/v1/fund/allocations/${p.body.id}/approve`)
          .set(bearer(sc))
          .send({ decisionRef: 'SC-9' })
      ).status,
    ).toBe(200);
    // much more pooled money arrives from another donor: the pool could pay the reversal, the contribution cannot
    await fund(sys, fm, { contributorId: nor, amount: 10000000 });
    const before = await exact();
    const reverse = await sys
      .http()
      .post(`/api/v1/fund/journal/${deposit.body.entryId}/reverse`)
      .set(bearer(fm))
      .set('Idempotency-Key', `rev-${Date.now()}`)
      .send({ reference: 'COR-1', reason: 'deposit booked twice' });
    expect(reverse.status).toBe(422);
    expect(reverse.body.code).toBe('FUND_INSUFFICIENT_FUNDS');
    const after = await exact();
    expect(after.pool).toBe(before.pool);
    expect(after.unallocated).toEqual(before.unallocated);
  });

  it('is what the migration replays from the journal', async () => {
    const stored: { allocation_id: string; contribution_id: string; kind: string; amount: string; entry_id: string }[] =
      await sys.db.dataSource.query(
        `SELECT "allocation_id", "contribution_id", "kind", "amount"::text AS "amount", "entry_id" FROM "fund_allocation_attribution"`,
      );
    const replayed = await replayAttribution({
      query: (sql: string, p?: unknown[]) => sys.db.dataSource.query(sql, p),
    });
    const key = (r: { a: string; c: string; k: string; m: string; e: string }) => `${r.e}|${r.a}|${r.c}|${r.k}|${r.m}`;
    expect(
      replayed
        .map((r) => key({ a: r.allocation, c: r.contribution, k: r.kind, m: r.amount.toString(), e: r.entry }))
        .sort(),
    ).toEqual(
      stored
        .map((r) => key({ a: r.allocation_id, c: r.contribution_id, k: r.kind, m: r.amount, e: r.entry_id }))
        .sort(),
    );
    expect(stored.length).toBeGreaterThan(0);
  });

  it('refuses to change an attribution in the database', async () => {
    await expect(
      sys.db.dataSource.query(`UPDATE "fund_allocation_attribution" SET "amount" = "amount" + 1`),
    ).rejects.toThrow(/append-only/);
    await expect(sys.db.dataSource.query(`DELETE FROM "fund_allocation_attribution"`)).rejects.toThrow(/append-only/);
  });

  it('states as of a moment over HTTP, with its hash, and refuses what is no past moment', async () => {
    const url = `/api/v1/fund/statements/donors/${swe}`;
    const now = await sys.http().get(url).set(bearer(donor));
    expect(now.status).toBe(200);
    expect(now.headers['x-content-sha256']).toBe(now.body.sha256);
    expect(now.body.reached.length).toBe(approved.length);
    expect(now.body.reached[0]).toMatchObject({ status: null, reports: [], indicatorResults: [] });
    expect(now.body.outstandingPledges).toEqual([usd(0)]);
    // the same moment again: the same statement and hash
    const asOf = now.body.asOf as string;
    const again = await sys.http().get(url).query({ asOf }).set(bearer(donor));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(now.body);
    expect(again.headers['x-content-sha256']).toBe(now.body.sha256);
    // before anything was recorded: nothing
    const early = await sys.http().get(url).query({ asOf: '2020-01-01' }).set(bearer(donor));
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ asOf: '2020-01-01', contributions: [], reached: [], lines: [] });
    for (const bad of ['tomorrow', '2020-13-01', '2999-01-01', new Date(Date.now() + 3_600_000).toISOString()]) {
      const res = await sys.http().get(url).query({ asOf: bad }).set(bearer(donor));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // what the money reached, as of then: the request's status from its timeline, the reports submitted by then
    const requestId = now.body.reached[0].requestId as string;
    await new Promise((r) => setTimeout(r, 5));
    await sys.db.dataSource.query(
      `INSERT INTO "request_timeline_entry" ("id", "request_id", "at", "actor_id", "actor_role", "kind", "action", "from_status", "to_status", "internal")
       VALUES (uuid_v7(), $1, now(), $2, 'hub_officer', 'transition', 'start', 'setup', 'in_implementation', false)`,
      [requestId, hub.id],
    );
    await sys.db.dataSource.query(
      `INSERT INTO "request_report" ("id", "request_id", "organisation_id", "kind", "period", "narrative", "milestone_updates", "submitted_by_id", "submitted_at")
       VALUES (uuid_v7(), $1, $2, 'progress', '2026-Q1', 'first quarter', '[]', $3, now())`,
      [requestId, swe, hub.id],
    );
    await new Promise((r) => setTimeout(r, 5));
    const later = await sys.http().get(url).set(bearer(donor));
    expect(later.body.reached.find((p: { requestId: string }) => p.requestId === requestId)).toMatchObject({
      status: 'in_implementation',
      reports: [expect.objectContaining({ kind: 'progress', period: '2026-Q1', organisationId: swe })],
    });
    expect(later.body.sha256).not.toBe(now.body.sha256);
    const unchanged = await sys.http().get(url).query({ asOf }).set(bearer(donor));
    expect(unchanged.body).toEqual(now.body);
    const contribution = now.body.contributions[0].id as string;
    const tracing = await sys
      .http()
      .get(`/api/v1/fund/contributions/${contribution}/tracing`)
      .query({ asOf })
      .set(bearer(donor));
    expect(tracing.status).toBe(200);
    expect(tracing.body.method).toBe('attributed');
    expect(tracing.headers['x-content-sha256']).toBe(tracing.body.sha256);
    expect(
      (
        await sys
          .http()
          .get(`/api/v1/fund/contributions/${contribution}/tracing`)
          .query({ asOf: '2020-01-01' })
          .set(bearer(donor))
      ).status,
    ).toBe(404);
    const csv = await sys.http().get(url).query({ asOf }).set(bearer(donor)).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['x-content-sha256']).toBe(now.body.sha256);
    expect(csv.text).toContain(',3367003.36,USD,3367003.36'); // the deposit, in dollars and cents
    expect(csv.text).not.toMatch(/,336700336,/);
  });
});
