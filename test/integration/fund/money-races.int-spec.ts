import request from 'supertest';
import { LedgerRepository } from '@cbm/fund';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { fund, key, stubRequests, usd } from './fund-fixtures';

/**
 * Every step that decides money, raced from outside: 20 identical or competing requests at once,
 * several rounds each, and after each race the money checked (journal balanced, balances equal to
 * their lines, nothing allocated, decided, released or reversed twice). The races are real on a
 * PostgreSQL server (DATABASE_URL), where the requests run on 20 connections; on the embedded
 * database (one connection) they queue and the suite checks the same outcomes once.
 */
const SERVER = !!process.env.DATABASE_URL;
const ROUNDS = SERVER ? 4 : 1;
const N = 20;

type Res = request.Response;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** How many answers of each status, e.g. `{ 201: 1, 409: 19 }`. */
const tally = (rs: Res[]) =>
  rs.reduce<Record<number, number>>((t, r) => ({ ...t, [r.status]: (t[r.status] ?? 0) + 1 }), {});
const codes = (rs: Res[], status: number) => [
  ...new Set(rs.filter((r) => r.status === status).map((r) => r.body.code)),
];

describe('money-deciding steps under concurrency', () => {
  let sys: TestSystem;
  let fm: TestUser;
  let hub: TestUser;
  let po: TestUser;
  let members: TestUser[];
  let iom: string;
  let swe: string;
  let requests: ReturnType<typeof stubRequests>;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    sys.db.dataSource.query(sql, params);

  const post = (u: TestUser, path: string, body: object, idempotencyKey?: string) => {
    const r = sys.http().post(`/api/v1/fund${path}`).set(bearer(u));
    return (idempotencyKey ? r.set('Idempotency-Key', idempotencyKey) : r).send(body);
  };
  const ok = async (p: Promise<Res>, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const application = async (amount: number) => {
    const r = requests.add({ organisationIds: [iom], leadOrganisationId: iom });
    return (await ok(post(hub, '/applications', { requestId: r.id, amount: usd(amount), justification: 'race' })))
      .id as string;
  };
  const proposeBody = (applicationId: string, tranches: number[]) => ({
    applicationId,
    amount: usd(tranches.reduce((s, t) => s + t, 0)),
    tranches: tranches.map((t, i) => ({ amount: usd(t), condition: i === 0 ? 'on_approval' : 'progress_report' })),
  });
  const proposal = async (tranches: number[]) =>
    (await ok(post(fm, '/allocations', proposeBody(await application(tranches.reduce((s, t) => s + t, 0)), tranches))))
      .id as string;
  const approved = async (tranches: number[]) => {
    const id = await proposal(tranches);
    await ok(post(members[0], `/allocations/${id}/approve`, { decisionRef: 'SC-RACE' }), 200);
    return id;
  };
  const transfer = (id: string, amount: number) =>
    ok(post(fm, '/transfers', { allocationId: id, organisationId: iom, amount: usd(amount) }, key()));

  /** The money after a race: nothing that must hold fails to. */
  async function moneyHolds() {
    const ledger = sys.app.get(LedgerRepository);
    expect(await ledger.unbalancedEntries()).toEqual([]);
    expect((await ledger.reconcile()).mismatches).toEqual([]);
    const none = async (what: string, sql: string) => expect({ what, rows: await q(sql) }).toEqual({ what, rows: [] });
    await none(
      'money-holding accounts below zero',
      `SELECT account_key FROM fund_balance WHERE balance < 0 AND kind IN ('cash_pool', 'cash_earmarked', 'allocation', 'transfer')`,
    );
    await none(
      'applications with two open or approved allocations',
      `SELECT application_id FROM fund_allocation WHERE status IN ('proposed', 'approved') GROUP BY application_id HAVING count(*) > 1`,
    );
    await none(
      'allocations funded twice, or approved without money, or funded without approval',
      `SELECT a.id FROM fund_allocation a
        WHERE (SELECT count(*) FROM journal_entry e WHERE e.kind = 'allocation' AND e.subject_id = a.id) <> (CASE WHEN a.status = 'approved' THEN 1 ELSE 0 END)`,
    );
    await none(
      'allocations decided twice',
      `SELECT allocation_id FROM fund_decision WHERE kind IN ('approved', 'rejected') GROUP BY allocation_id HAVING count(*) > 1`,
    );
    await none(
      'allocations whose running total differs from their transfer lines',
      `SELECT a.id FROM fund_allocation a WHERE a.transferred_amount <> COALESCE((SELECT SUM(l.amount) FROM journal_line l WHERE l.allocation_id = a.id AND l.kind IN ('transfer', 'expenditure')), 0)`,
    );
    await none(
      'applications whose status disagrees with their allocations',
      `SELECT p.id FROM fund_application p
        WHERE (p.status = 'approved') <> EXISTS (SELECT 1 FROM fund_allocation a WHERE a.application_id = p.id AND a.status = 'approved')
           OR (p.status = 'proposed') <> EXISTS (SELECT 1 FROM fund_allocation a WHERE a.application_id = p.id AND a.status = 'proposed')`,
    );
    await none(
      'transfers marked reversed without a reversal, or reversed without the mark',
      `SELECT t.id FROM fund_transfer t
        WHERE t.reversed <> EXISTS (SELECT 1 FROM journal_entry e WHERE e.reverses_entry_id = t.entry_id)`,
    );
  }

  beforeAll(async () => {
    sys = await startTestSystem({ dbPoolSize: N + 5 });
    requests = stubRequests(sys);
    [iom, swe] = await Promise.all([sys.organisationId('IOM'), sys.organisationId('SWE')]);
    fm = await sys.user('fund_manager');
    hub = await sys.user('hub_officer');
    po = await sys.user('partner_officer', { organisation: 'IOM' });
    members = [];
    for (const _ of range(N)) members.push(await sys.user('steering_committee'));
    await fund(sys, fm, { contributorId: swe, amount: 2_000_000_000 });
  }, 300_000);
  afterAll(() => sys?.close());

  it('20 proposals for one application give one allocation; the 19 others are refused whole (409)', async () => {
    for (const _ of range(ROUNDS)) {
      const applicationId = await application(1_000_000);
      const body = proposeBody(applicationId, [600_000, 400_000]);
      const rs = await Promise.all(range(N).map(() => post(fm, '/allocations', body)));
      expect(tally(rs)).toEqual({ 201: 1, 409: N - 1 });
      expect(codes(rs, 409)).toEqual(['FUND_INVALID_STATE']);
      const allocations = await q<{ id: string }>(`SELECT id FROM fund_allocation WHERE application_id = $1`, [
        applicationId,
      ]);
      expect(allocations.map((a) => a.id)).toEqual([rs.find((r) => r.status === 201)!.body.id]);
      // the losers' tranches rolled back with their allocations
      const [{ n }] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM fund_tranche t LEFT JOIN fund_allocation a ON a.id = t.allocation_id WHERE a.id IS NULL OR a.application_id = $1`,
        [applicationId],
      );
      expect(n).toBe(2);
      expect(await q(`SELECT status, version FROM fund_application WHERE id = $1`, [applicationId])).toEqual([
        { status: 'proposed', version: 2 },
      ]);
      await moneyHolds();
    }
  }, 300_000);

  it('20 members approving one allocation at once give one decision and one journal entry', async () => {
    for (const _ of range(ROUNDS)) {
      const id = await proposal([1_000_000]);
      const rs = await Promise.all(
        members.map((m) => post(m, `/allocations/${id}/approve`, { decisionRef: 'SC-RACE' })),
      );
      expect(tally(rs)).toEqual({ 200: 1, 409: N - 1 });
      expect(codes(rs, 409)).toEqual(['FUND_INVALID_STATE']);
      const winner = members[rs.findIndex((r) => r.status === 200)];
      expect(await q(`SELECT status, decided_by_id FROM fund_allocation WHERE id = $1`, [id])).toEqual([
        { status: 'approved', decided_by_id: winner.id },
      ]);
      expect(await q(`SELECT kind, member_id FROM fund_decision WHERE allocation_id = $1`, [id])).toEqual([
        { kind: 'approved', member_id: winner.id },
      ]);
      const [{ n }] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM journal_entry WHERE kind = 'allocation' AND subject_id = $1`,
        [id],
      );
      expect(n).toBe(1);
      await moneyHolds();
    }
  }, 300_000);

  it('approvals racing rejections: one of them decides, the ledger follows it', async () => {
    for (const round of range(ROUNDS)) {
      const id = await proposal([1_000_000]);
      // members alternate: even ones approve, odd ones reject (the first request changes with the round)
      const rs = await Promise.all(
        members.map((m, i) =>
          post(m, `/allocations/${id}/${(i + round) % 2 ? 'reject' : 'approve'}`, { decisionRef: 'SC-RACE' }),
        ),
      );
      expect(tally(rs)).toEqual({ 200: 1, 409: N - 1 });
      const i = rs.findIndex((r) => r.status === 200);
      const status = (i + round) % 2 ? 'rejected' : 'approved';
      expect(rs[i].body.status).toBe(status);
      expect(await q(`SELECT kind FROM fund_decision WHERE allocation_id = $1`, [id])).toEqual([{ kind: status }]);
      const [{ n }] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM journal_entry WHERE kind = 'allocation' AND subject_id = $1`,
        [id],
      );
      expect(n).toBe(status === 'approved' ? 1 : 0);
      await moneyHolds();
    }
  }, 300_000);

  it('a member recusing while approving: either the approval or the recusal, never both', async () => {
    for (const round of range(ROUNDS)) {
      const id = await proposal([1_000_000]);
      const m = members[round % N];
      const rs = await Promise.all(
        range(N).map((i) =>
          i % 2
            ? post(m, `/allocations/${id}/recuse`, { note: 'my organisation advises the ministry' })
            : post(m, `/allocations/${id}/approve`, { decisionRef: 'SC-RACE' }),
        ),
      );
      const approvals = rs.filter((_, i) => i % 2 === 0);
      const recusals = rs.filter((_, i) => i % 2 === 1);
      const [a] = await q<{ status: string; recused_ids: string[] }>(
        `SELECT status, recused_ids FROM fund_allocation WHERE id = $1`,
        [id],
      );
      const register = await q<{ kind: string }>(`SELECT kind FROM fund_decision WHERE allocation_id = $1`, [id]);
      if (a.status === 'approved') {
        // the approval came first: every recusal found the allocation decided
        expect(tally(approvals)).toEqual({ 200: 1, 409: N / 2 - 1 });
        expect(tally(recusals)).toEqual({ 409: N / 2 });
        expect(a.recused_ids).toEqual([]);
        expect(register).toEqual([{ kind: 'approved' }]);
      } else {
        // a recusal came first: it is recorded once, and the member decides nothing
        expect(a).toEqual({ status: 'proposed', recused_ids: [m.id] });
        expect(tally(recusals)).toEqual({ 200: N / 2 });
        expect(tally(approvals)).toEqual({ 403: N / 2 });
        expect(codes(approvals, 403)).toEqual(['FUND_RECUSAL_REQUIRED']);
        expect(register).toEqual([{ kind: 'recused' }]);
      }
      await moneyHolds();
    }
  }, 300_000);

  it('20 releases of one tranche release it once', async () => {
    for (const _ of range(ROUNDS)) {
      const id = await approved([600_000, 400_000]);
      await transfer(id, 600_000);
      await ok(post(po, '/expenditures', { allocationId: id, periodEnd: '2026-06-30', amount: usd(500_000) }, key()));
      const rs = await Promise.all(
        range(N).map((i) => post(fm, `/allocations/${id}/tranches/2/release`, { evidenceRef: `PR-${i}` })),
      );
      expect(tally(rs)).toEqual({ 200: 1, 409: N - 1 });
      expect(codes(rs, 409)).toEqual(['FUND_INVALID_STATE']);
      const winner = rs.findIndex((r) => r.status === 200);
      expect(await q(`SELECT evidence_ref FROM fund_tranche WHERE allocation_id = $1 AND seq = 2`, [id])).toEqual([
        { evidence_ref: `PR-${winner}` },
      ]);
      const [{ n }] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'fund.tranche.released' AND entity_id = $1`,
        [id],
      );
      expect(n).toBe(1);
      await moneyHolds();
    }
  }, 300_000);

  it('20 transfers asking for more than was released never overdraw the allocation', async () => {
    for (const round of range(ROUNDS)) {
      const id = await approved([1_000_000]);
      const amounts = range(N).map((i) => 40_000 + ((i * 7919 + round * 104_729) % 50_000)); // ~1.3 M asked
      const rs = await Promise.all(
        amounts.map((amount) =>
          post(fm, '/transfers', { allocationId: id, organisationId: iom, amount: usd(amount) }, key()),
        ),
      );
      expect(rs.every((r) => r.status === 201 || r.status === 422)).toBe(true);
      const sent = amounts.filter((_, i) => rs[i].status === 201).reduce((s, a) => s + a, 0);
      const [{ transferred }] = await q<{ transferred: string }>(
        `SELECT transferred_amount::text AS transferred FROM fund_allocation WHERE id = $1`,
        [id],
      );
      expect(Number(transferred)).toBe(sent);
      expect(sent).toBeLessThanOrEqual(1_000_000);
      // whatever was refused would not have fitted even at the end
      for (const [i, r] of rs.entries()) if (r.status === 422) expect(sent + amounts[i]).toBeGreaterThan(1_000_000);
      await moneyHolds();
    }
  }, 300_000);

  it('20 expenditure reports asking for more than was transferred never report more', async () => {
    for (const round of range(ROUNDS)) {
      const id = await approved([1_000_000]);
      await transfer(id, 600_000);
      const amounts = range(N).map((i) => 30_000 + ((i * 6007 + round * 7_777) % 20_000)); // ~0.8 M reported
      const rs = await Promise.all(
        amounts.map((amount, i) =>
          post(
            po,
            '/expenditures',
            { allocationId: id, periodEnd: `2026-${String(1 + (i % 12)).padStart(2, '0')}-28`, amount: usd(amount) },
            key(),
          ),
        ),
      );
      expect(rs.every((r) => r.status === 201 || r.status === 422)).toBe(true);
      expect(codes(rs, 422).every((c) => c === 'FUND_EXPENDITURE_EXCEEDED')).toBe(true);
      const spent = amounts.filter((_, i) => rs[i].status === 201).reduce((s, a) => s + a, 0);
      expect(spent).toBeLessThanOrEqual(600_000);
      const [{ reported }] = await q<{ reported: string }>(
        `SELECT COALESCE(SUM(amount), 0)::text AS reported FROM fund_expenditure WHERE allocation_id = $1`,
        [id],
      );
      expect(Number(reported)).toBe(spent);
      for (const [i, r] of rs.entries()) if (r.status === 422) expect(spent + amounts[i]).toBeGreaterThan(600_000);
      await moneyHolds();
    }
  }, 300_000);

  it('20 reversals of one transfer, and of one deposit, reverse each once', async () => {
    for (const _ of range(ROUNDS)) {
      const id = await approved([1_000_000]);
      const t = await transfer(id, 300_000);
      const deposit = await ok(
        post(
          fm,
          `/contributions/${(await ok(post(fm, '/contributions', { contributorId: swe, pledgedAt: '2026-01-15', amount: usd(50_000), earmark: { type: 'none' } }))).id}/deposits`,
          { receivedAt: '2026-02-01', amount: usd(50_000), usdAmount: usd(50_000) },
          key(),
        ),
      );
      for (const entryId of [t.entryId as string, deposit.entryId as string]) {
        const rs = await Promise.all(
          range(N).map(() => post(fm, `/journal/${entryId}/reverse`, { reference: 'COR-RACE', reason: 'race' }, key())),
        );
        expect(tally(rs)).toEqual({ 201: 1, 409: N - 1 });
        expect(codes(rs, 409)).toEqual(['FUND_ALREADY_REVERSED']);
        const [{ n }] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM journal_entry WHERE reverses_entry_id = $1`,
          [entryId],
        );
        expect(n).toBe(1);
      }
      expect(await q(`SELECT transferred_amount::text AS t FROM fund_allocation WHERE id = $1`, [id])).toEqual([
        { t: '0' },
      ]);
      await moneyHolds();
    }
  }, 300_000);

  it('20 refunds asking for more than the contribution holds never refund more', async () => {
    for (const _ of range(ROUNDS)) {
      // earmarked for a country no request here is in: nothing else draws on it
      const c = await fund(sys, fm, {
        contributorId: swe,
        amount: 1_000_000,
        earmark: { type: 'country', country: 'PER' },
      });
      const rs = await Promise.all(
        range(N).map(() =>
          post(fm, `/contributions/${c}/refunds`, { amount: usd(70_000), reason: 'race', reference: 'RF-RACE' }, key()),
        ),
      );
      // 1,000,000 less the 1 % fee is 990,000: 14 refunds of 70,000 fit
      expect(tally(rs)).toEqual({ 201: 14, 422: N - 14 });
      const [{ cash }] = await q<{ cash: string }>(
        `SELECT balance::text AS cash FROM fund_balance WHERE kind = 'cash_earmarked' AND contribution_id = $1`,
        [c],
      );
      expect(cash).toBe('10000');
      await moneyHolds();
    }
  }, 300_000);

  it('deposits: 20 with one Idempotency-Key record one; 20 with different keys record twenty', async () => {
    for (const _ of range(ROUNDS)) {
      const c = (
        await ok(
          post(fm, '/contributions', {
            contributorId: swe,
            pledgedAt: '2026-01-15',
            amount: usd(2_000_000),
            earmark: { type: 'none' },
          }),
        )
      ).id as string;
      const body = { receivedAt: '2026-02-01', amount: usd(10_000), usdAmount: usd(10_000) };
      const same = key();
      const once = await Promise.all(range(N).map(() => post(fm, `/contributions/${c}/deposits`, body, same)));
      // the first is recorded; the others find it in flight (409) or answered (the same 201)
      expect(once.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(new Set(once.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(1);
      expect(codes(once, 409)).toEqual(once.some((r) => r.status === 409) ? ['FUND_IDEMPOTENCY_IN_FLIGHT'] : []);
      const twenty = await Promise.all(range(N).map(() => post(fm, `/contributions/${c}/deposits`, body, key())));
      expect(tally(twenty)).toEqual({ 201: N });
      const got = await sys.http().get(`/api/v1/fund/contributions/${c}`).set(bearer(fm));
      expect(got.body.deposits).toHaveLength(N + 1);
      expect(got.body.deposited).toEqual(usd(10_000 * (N + 1)));
      await moneyHolds();
    }
  }, 300_000);
});

describe('approvals competing for the same money', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem({ dbPoolSize: N + 5 });
  }, 300_000);
  afterAll(() => sys?.close());

  it('20 approvals of different allocations never allocate more than the unallocated money', async () => {
    const requests = stubRequests(sys);
    const [swe, iom] = await Promise.all([sys.organisationId('SWE'), sys.organisationId('IOM')]);
    const fm = await sys.user('fund_manager');
    const hub = await sys.user('hub_officer');
    const members: TestUser[] = [];
    for (const _ of range(N)) members.push(await sys.user('steering_committee'));
    for (const _ of range(ROUNDS)) {
      // the pool before the round: whatever earlier rounds left, plus 1,000,000 less the 1 % fee
      await fund(sys, fm, { contributorId: swe, amount: 1_000_000 });
      const [{ pool }] = await sys.db.dataSource.query(
        `SELECT balance::text AS pool FROM fund_balance WHERE kind = 'cash_pool'`,
      );
      const ids: string[] = [];
      for (const _ of range(N)) {
        const r = requests.add({ organisationIds: [iom], leadOrganisationId: iom });
        const app = await sys
          .http()
          .post('/api/v1/fund/applications')
          .set(bearer(hub))
          .send({ requestId: r.id, amount: usd(100_000), justification: 'race' });
        const p = await sys
          .http()
          .post('/api/v1/fund/allocations')
          .set(bearer(fm))
          .send({
            applicationId: app.body.id,
            amount: usd(100_000),
            tranches: [{ amount: usd(100_000), condition: 'on_approval' }],
          });
        expect(p.status).toBe(201);
        ids.push(p.body.id);
      }
      const rs = await Promise.all(
        ids.map((id, i) =>
          sys
            .http()
            .post(`/api/v1/fund/allocations/${id}/approve`)
            .set(bearer(members[i]))
            .send({ decisionRef: 'SC-RACE' }),
        ),
      );
      const fits = Math.floor(Number(pool) / 100_000);
      expect(tally(rs)).toEqual({ 200: fits, 422: N - fits });
      const [{ left }] = await sys.db.dataSource.query(
        `SELECT balance::text AS left FROM fund_balance WHERE kind = 'cash_pool'`,
      );
      expect(Number(left)).toBe(Number(pool) - fits * 100_000);
      const ledger = sys.app.get(LedgerRepository);
      expect(await ledger.unbalancedEntries()).toEqual([]);
      expect((await ledger.reconcile()).mismatches).toEqual([]);
    }
  }, 300_000);
});
