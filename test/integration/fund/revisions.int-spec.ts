import request from 'supertest';
import { LedgerRepository } from '@cbm/fund';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { allocate, fund, key, stubRequests, usd } from './fund-fixtures';

/**
 * Amendments through the API: an approved allocation gets a no-cost extension, then a budget revision
 * with a top-up drawn from cash as an approval draws it; the history shows each revision's plan before
 * and after; the decision register holds the revisions' decisions; bad proposals change nothing; and
 * decisions raced from outside (20 at a time, several rounds on a PostgreSQL server) decide once and
 * draw once. On the embedded database (one connection) the racers queue and the outcomes are the same.
 */
const SERVER = !!process.env.DATABASE_URL;
const ROUNDS = SERVER ? 3 : 1;
const N = 20;
const CEILING = 2_000_000n; // USD 20,000.00 (amounts here are in cents), so the ceiling is in reach

type Res = request.Response;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const tally = (rs: Res[]) =>
  rs.reduce<Record<number, number>>((t, r) => ({ ...t, [r.status]: (t[r.status] ?? 0) + 1 }), {});
const addMonths = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

describe('amendments: revisions of an allocation plan', () => {
  let sys: TestSystem;
  let fm: TestUser;
  let hub: TestUser;
  let members: TestUser[];
  let conflicted: TestUser;
  let iom: string;
  let swe: string;
  let donation: string;
  let requests: ReturnType<typeof stubRequests>;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    sys.db.dataSource.query(sql, params);
  const post = (u: TestUser, path: string, body: object) =>
    sys.http().post(`/api/v1/fund${path}`).set(bearer(u)).send(body);
  const get = (u: TestUser, path: string) => sys.http().get(`/api/v1/fund${path}`).set(bearer(u));
  const ok = async (p: Promise<Res>, status: number) => {
    const r = await p;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const unallocated = async () =>
    BigInt(
      (
        await q<{ s: string }>(
          `SELECT COALESCE(SUM(balance), 0)::text AS s FROM fund_balance WHERE kind IN ('cash_pool', 'cash_earmarked')`,
        )
      )[0].s,
    );
  const allocationEntries = (id: string) =>
    q<{ id: string; reference: string }>(
      `SELECT id, reference FROM journal_entry WHERE kind = 'allocation' AND subject_id = $1 ORDER BY recorded_at, id`,
      [id],
    );
  /** An approved allocation of USD 10,000 (6,000 released at approval, 4,000 on a progress report). */
  const approvedAllocation = () => {
    const r = requests.add({ organisationIds: [iom], leadOrganisationId: iom });
    return allocate(sys, { hub, fm, sc: members[0] }, r.id, 1_000_000, [
      { amount: 600_000, condition: 'on_approval' },
      { amount: 400_000, condition: 'progress_report_approved' },
    ]);
  };
  const topUpBody = (amount: number, next: number) => ({
    reason: 'a second district joins the training',
    amount: usd(amount),
    tranches: [{ amount: usd(next), condition: 'progress_report_approved' }],
  });

  /** The books after every test: balanced entries, balances equal to their lines, every draw cited by a decision. */
  async function booksHold() {
    const ledger = sys.app.get(LedgerRepository);
    expect(await ledger.unbalancedEntries()).toEqual([]);
    expect((await ledger.reconcile()).mismatches).toEqual([]);
    const recon = await get(fm, '/ledger/reconciliation');
    expect(recon.body).toMatchObject({ ok: true, mismatches: [], unbalancedEntries: [] });
    // an allocation's money is its approval's draw plus its approved top-ups' draws, exactly
    expect(
      await q(`SELECT a.id FROM fund_allocation a
        WHERE a.status = 'approved' AND a.amount <> COALESCE((SELECT SUM(l.amount) FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
                                         WHERE e.kind = 'allocation' AND e.subject_id = a.id AND l.kind = 'allocation'), 0)`),
    ).toEqual([]);
    expect(
      await q(`SELECT a.id FROM fund_allocation a
        WHERE (SELECT count(*) FROM journal_entry e WHERE e.kind = 'allocation' AND e.subject_id = a.id)
           <> (CASE WHEN a.status = 'approved' THEN 1 ELSE 0 END)
            + (SELECT count(*) FROM fund_revision v WHERE v.allocation_id = a.id AND v.status = 'approved' AND v.top_up > 0)`),
    ).toEqual([]);
    // each revision decided at most once, and each decision registered once
    expect(
      await q(
        `SELECT revision_id FROM fund_decision WHERE revision_id IS NOT NULL GROUP BY revision_id HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    expect(
      await q(`SELECT v.id FROM fund_revision v
        WHERE (v.status = 'proposed') = EXISTS (SELECT 1 FROM fund_decision d WHERE d.revision_id = v.id)`),
    ).toEqual([]);
    // the tranches always add up to the allocation
    expect(
      await q(`SELECT a.id FROM fund_allocation a
        WHERE a.amount <> (SELECT SUM(t.amount) FROM fund_tranche t WHERE t.allocation_id = a.id)`),
    ).toEqual([]);
  }

  beforeAll(async () => {
    sys = await startTestSystem({ dbPoolSize: N + 5, fundSeedCeilingUsdMinor: CEILING });
    requests = stubRequests(sys);
    [iom, swe] = await Promise.all([sys.organisationId('IOM'), sys.organisationId('SWE')]);
    fm = await sys.user('fund_manager');
    hub = await sys.user('hub_officer');
    members = [];
    for (const _ of range(N)) members.push(await sys.user('steering_committee'));
    conflicted = await sys.user('steering_committee', { organisation: 'IOM' });
    donation = await fund(sys, fm, { contributorId: swe, amount: 100_000_000 }); // USD 990,000.00 after the 1 % fee
  }, 300_000);
  afterAll(() => sys?.close());

  it('an approved allocation: no-cost extension, then a budget revision with a top-up; history, register, books', async () => {
    const id = await approvedAllocation();
    const approved = await ok(get(fm, `/allocations/${id}`), 200);
    const endsOn = approved.endsOn as string;
    expect(endsOn).toBe(addMonths(approved.decidedAt.slice(0, 10), approved.durationMonths));

    // 1. a no-cost extension: six months more
    const newEnd = addMonths(endsOn, 6);
    const ext = await ok(
      post(fm, `/allocations/${id}/revisions`, { reason: 'elections delayed the training', endsOn: newEnd }),
      201,
    );
    expect(ext).toMatchObject({
      seq: 1,
      kind: 'no_cost_extension',
      status: 'proposed',
      changes: ['endsOn', 'durationMonths'],
    });
    expect(ext.topUp).toEqual(usd(0));
    // the proposer is no steering-committee member (403); a member whose organisation implements the request must recuse (403)
    const byProposer = await post(fm, `/allocations/${id}/revisions/1/approve`, { decisionRef: 'SC-2026-07' });
    expect(byProposer.status).toBe(403);
    expect(byProposer.headers['content-type']).toMatch(/problem\+json/);
    const byImplementer = await post(conflicted, `/allocations/${id}/revisions/1/approve`, {
      decisionRef: 'SC-2026-07',
    });
    expect(byImplementer.status).toBe(403);
    expect(byImplementer.body.code).toBe('FUND_RECUSAL_REQUIRED');
    const cashBefore = await unallocated();
    const extApproved = await ok(
      post(members[1], `/allocations/${id}/revisions/1/approve`, { decisionRef: 'SC-2026-07', note: 'six months' }),
      200,
    );
    expect(extApproved).toMatchObject({
      status: 'approved',
      decidedById: members[1].id,
      decisionRef: 'SC-2026-07',
      entryId: null,
    });
    expect(extApproved.before.endsOn).toBe(endsOn);
    expect(extApproved.after.endsOn).toBe(newEnd);
    expect(extApproved.after.durationMonths).toBe(approved.durationMonths + 6);
    const extended = await ok(get(fm, `/allocations/${id}`), 200);
    expect(extended).toMatchObject({
      endsOn: newEnd,
      durationMonths: approved.durationMonths + 6,
      amount: usd(1_000_000),
    });
    expect(await unallocated()).toBe(cashBefore); // no money moved
    expect(await allocationEntries(id)).toHaveLength(1);
    // a second decision on it: 409
    expect(
      (await post(members[2], `/allocations/${id}/revisions/1/reject`, { decisionRef: 'SC-2026-07' })).status,
    ).toBe(409);

    // 2. a budget revision with a top-up of USD 2,500: the released 6,000 kept, 6,500 to come, budget lines
    const budget = await ok(
      post(fm, `/allocations/${id}/revisions`, {
        ...topUpBody(1_250_000, 650_000),
        budgetLines: [
          { category: 'training', organisationId: iom, amount: usd(900_000) },
          { category: 'travel', amount: usd(350_000) },
        ],
      }),
      201,
    );
    expect(budget).toMatchObject({ seq: 2, kind: 'budget_revision', status: 'proposed', topUp: usd(250_000) });
    expect(budget.changes).toEqual(['amount', 'tranches', 'budgetLines']);
    // a second proposal while this one is open: 409, nothing written
    const second = await post(fm, `/allocations/${id}/revisions`, { reason: 'another', endsOn: addMonths(newEnd, 1) });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('FUND_INVALID_STATE');
    expect(await q(`SELECT seq FROM fund_revision WHERE allocation_id = $1 ORDER BY seq`, [id])).toEqual([
      { seq: 1 },
      { seq: 2 },
    ]);

    const cash = await unallocated();
    const done = await ok(
      post(members[3], `/allocations/${id}/revisions/2/approve`, { decisionRef: 'SC-2026-08' }),
      200,
    );
    expect(done.status).toBe('approved');
    expect(await unallocated()).toBe(cash - 250_000n); // drawn exactly
    const after = await ok(get(fm, `/allocations/${id}`), 200);
    expect(after).toMatchObject({ amount: usd(1_250_000), released: usd(600_000), endsOn: newEnd });
    expect(after.tranches).toEqual([
      expect.objectContaining({ seq: 1, amount: usd(600_000), condition: 'on_approval' }),
      expect.objectContaining({
        seq: 2,
        amount: usd(650_000),
        condition: 'progress_report_approved',
        releasedAt: null,
      }),
    ]);
    expect(after.tranches[0].releasedAt).toBe(approved.tranches[0].releasedAt); // a released tranche never changes
    expect(after.budgetLines).toEqual([
      { category: 'training', organisationId: iom, amount: usd(900_000) },
      { category: 'travel', organisationId: null, amount: usd(350_000) },
    ]);
    // the top-up's journal entry: Cr cash_pool, Dr allocation, to the cent, citing the decision
    const entries = await allocationEntries(id);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toEqual({ id: done.entryId, reference: 'SC-2026-08' });
    const lines = await q(
      `SELECT kind, amount::text AS amount, currency FROM journal_line WHERE entry_id = $1 ORDER BY line_no`,
      [done.entryId],
    );
    expect(lines).toEqual([
      { kind: 'cash_pool', amount: '-250000', currency: 'USD' },
      { kind: 'allocation', amount: '250000', currency: 'USD' },
    ]);
    const [{ balance }] = await q<{ balance: string }>(
      `SELECT balance::text AS balance FROM fund_balance WHERE kind = 'allocation' AND allocation_id = $1`,
      [id],
    );
    expect(balance).toBe('1250000');

    // the history: both revisions, each with the plan before and after
    const history = await ok(get(members[5], `/allocations/${id}/revisions`), 200);
    expect(history.items.map((r: { seq: number; status: string }) => [r.seq, r.status])).toEqual([
      [1, 'approved'],
      [2, 'approved'],
    ]);
    expect(history.items[1].before).toMatchObject({ amount: usd(1_000_000), endsOn: newEnd, budgetLines: [] });
    expect(history.items[1].after).toMatchObject({ amount: usd(1_250_000), endsOn: newEnd });
    expect(history.items[1].before.tranches).toEqual([
      { seq: 1, amount: usd(600_000), condition: 'on_approval', released: true },
      { seq: 2, amount: usd(400_000), condition: 'progress_report_approved', released: false },
    ]);

    // the decision register: the allocation's approval and the two revisions'
    const register = await ok(get(fm, '/decisions?limit=100'), 200);
    const mine = register.items.filter((d: { allocationId: string }) => d.allocationId === id);
    expect(
      mine.map((d: { kind: string; revisionId: string | null; decisionRef: string }) => [
        d.kind,
        d.revisionId,
        d.decisionRef,
      ]),
    ).toEqual([
      ['approved', done.id, 'SC-2026-08'],
      ['approved', extApproved.id, 'SC-2026-07'],
      ['approved', null, 'SC-2026-01'],
    ]);

    // audit and notifications
    const actions = await q<{ action: string }>(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'fund.revision.%' ORDER BY seq`,
      [id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'fund.revision.proposed',
      'fund.revision.approved',
      'fund.revision.proposed',
      'fund.revision.approved',
    ]);
    const told = await q<{ kind: string }>(
      `SELECT kind FROM notification WHERE user_id = $1 AND kind LIKE 'fund.revision.%' AND entity_id = $2`,
      [fm.id, id],
    );
    expect(told.map((n) => n.kind).sort()).toEqual(['fund.revision.approved', 'fund.revision.approved']);
    const toMembers = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND kind = 'fund.revision.proposed' AND entity_id = $2`,
      [members[4].id, id],
    );
    expect(toMembers[0].n).toBe(2);
    await booksHold();
  }, 120_000);

  it('refuses what does not add up, a lower amount, the ceiling and missing money, and writes nothing', async () => {
    const id = await approvedAllocation();
    const proposed = await ok(get(fm, `/allocations/${id}`), 200);
    const refusals: [object, number, string][] = [
      [{ reason: 'nothing' }, 400, 'FUND_INVALID_FIELD'],
      [{ reason: 'earlier', endsOn: '2020-01-01' }, 400, 'FUND_INVALID_FIELD'],
      [topUpBody(1_250_000, 600_000), 400, 'FUND_INVALID_FIELD'], // 6,000 + 6,000 ≠ 12,500
      [{ reason: 'top-up', amount: usd(1_250_000) }, 400, 'FUND_INVALID_FIELD'], // no schedule
      [topUpBody(800_000, 200_000), 422, 'FUND_AMOUNT_LOWERING_REFUSED'],
      [topUpBody(2_000_001, 1_400_001), 422, 'FUND_CEILING_EXCEEDED'],
      [{ reason: 'x', endsOn: '2030-01-01', unknown: 1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of refusals) {
      const r = await post(fm, `/allocations/${id}/revisions`, body);
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status, code: expect.any(String) });
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      if (code !== 'VALIDATION_FAILED') expect(r.body.code).toBe(code);
    }
    expect(await q(`SELECT id FROM fund_revision WHERE allocation_id = $1`, [id])).toEqual([]);
    // only the fund manager proposes; 404 for no allocation
    expect((await post(members[0], `/allocations/${id}/revisions`, { reason: 'x', endsOn: '2030-01-01' })).status).toBe(
      403,
    );
    expect(
      (
        await post(fm, `/allocations/00000000-0000-7000-8000-000000000000/revisions`, {
          reason: 'x',
          endsOn: '2030-01-01',
        })
      ).status,
    ).toBe(404);
    expect((await post(members[0], `/allocations/${id}/revisions/1/approve`, { decisionRef: 'SC' })).status).toBe(404);

    // a top-up larger than the unallocated money: the donor is refunded all but USD 1,000 of the pool first
    const before = await allocationEntries(id);
    const cash = await unallocated();
    await ok(
      sys
        .http()
        .post(`/api/v1/fund/contributions/${donation}/refunds`)
        .set(bearer(fm))
        .set('Idempotency-Key', key())
        .send({ amount: usd(String(cash - 100_000n)), reason: 'returned to the donor', reference: 'DRAIN' }),
      201,
    );
    expect(await unallocated()).toBe(100_000n);
    const open = await ok(post(fm, `/allocations/${id}/revisions`, topUpBody(1_200_000, 600_000)), 201); // top-up 2,000 > 1,000
    const short = await post(members[1], `/allocations/${id}/revisions/${open.seq}/approve`, { decisionRef: 'SC-9' });
    expect(short.status).toBe(422);
    expect(short.body.code).toBe('FUND_INSUFFICIENT_FUNDS');
    expect(await unallocated()).toBe(100_000n);
    expect(await allocationEntries(id)).toEqual(before);
    expect(await ok(get(fm, `/allocations/${id}`), 200)).toMatchObject({
      amount: usd(1_000_000),
      tranches: proposed.tranches,
    });
    expect(await q(`SELECT status, version FROM fund_revision WHERE id = $1`, [open.id])).toEqual([
      { status: 'proposed', version: 1 },
    ]);
    // rejected instead: registered, the plan unchanged, and a new revision may be proposed
    const rejected = await ok(
      post(members[1], `/allocations/${id}/revisions/${open.seq}/reject`, { decisionRef: 'SC-9' }),
      200,
    );
    expect(rejected.status).toBe('rejected');
    expect(await q(`SELECT kind FROM fund_decision WHERE revision_id = $1`, [open.id])).toEqual([{ kind: 'rejected' }]);
    await ok(post(fm, `/allocations/${id}/revisions`, topUpBody(1_050_000, 450_000)), 201);
    await booksHold();
  }, 300_000);

  it('20 proposals at once: one revision opens, the others 409', async () => {
    // money for the rounds of this test and the next (the previous one drained the pool)
    await fund(sys, fm, { contributorId: swe, amount: 20_000_000 });
    for (const _ of range(ROUNDS)) {
      const id = await approvedAllocation();
      const rs = await Promise.all(
        range(N).map((i) => post(fm, `/allocations/${id}/revisions`, { reason: `race ${i}`, endsOn: '2040-01-01' })),
      );
      expect(tally(rs)).toEqual({ 201: 1, 409: N - 1 });
      expect(await q(`SELECT seq, status FROM fund_revision WHERE allocation_id = $1`, [id])).toEqual([
        { seq: 1, status: 'proposed' },
      ]);
    }
    await booksHold();
  }, 300_000);

  it('20 members approving one top-up at once: one decision, one draw', async () => {
    for (const _ of range(ROUNDS)) {
      const id = await approvedAllocation();
      const { seq } = await ok(post(fm, `/allocations/${id}/revisions`, topUpBody(1_250_000, 650_000)), 201);
      const cash = await unallocated();
      const rs = await Promise.all(
        members.map((m) => post(m, `/allocations/${id}/revisions/${seq}/approve`, { decisionRef: 'SC-RACE' })),
      );
      expect(tally(rs)).toEqual({ 200: 1, 409: N - 1 });
      expect([...new Set(rs.filter((r) => r.status === 409).map((r) => r.body.code))]).toEqual(['FUND_INVALID_STATE']);
      const winner = members[rs.findIndex((r) => r.status === 200)];
      expect(
        await q(`SELECT kind, member_id FROM fund_decision WHERE revision_id IS NOT NULL AND allocation_id = $1`, [id]),
      ).toEqual([{ kind: 'approved', member_id: winner.id }]);
      expect(await allocationEntries(id)).toHaveLength(2);
      expect(await unallocated()).toBe(cash - 250_000n);
      expect(await q(`SELECT amount::text AS amount FROM fund_allocation WHERE id = $1`, [id])).toEqual([
        { amount: '1250000' },
      ]);
    }
    await booksHold();
  }, 300_000);
});
