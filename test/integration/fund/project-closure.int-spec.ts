import request from 'supertest';
import { bearer, startTestSystem, TestSystem, TestUser } from '../../support/test-system';
import { fund, key, usd } from './fund-fixtures';

/**
 * A funded request taken through the API from approval to closure: transfers, partial expenditure, a
 * partial return of unspent funds, a progress report returned and a final report accepted by the hub, the
 * operational closure, the final financial statement, the financial closure (statements accepted, the
 * balance released to the pool and the earmarked contribution in the proportions the approval drew them)
 * and the request's close. Then a suspended and cancelled project, and the races: 20 returns at once whose
 * sum passes the balance, 20 financial closures at once. The books are checked to the cent throughout.
 */
const SERVER = !!process.env.DATABASE_URL;
const N = 20;
type Res = request.Response;
const tally = (rs: Res[]) =>
  rs.reduce<Record<number, number>>((t, r) => ({ ...t, [r.status]: (t[r.status] ?? 0) + 1 }), {});

describe('refunds and closure (fund and hub, through the API)', () => {
  let sys: TestSystem;
  let kenya: TestUser, hub: TestUser, fm: TestUser, sc: TestUser, iomOfficer: TestUser, donor: TestUser;
  let iom: string;
  let earmarked: string;
  let requestA: string, allocationA: string;

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    sys.db.dataSource.query(sql, params);
  const act = (u: TestUser, id: string, action: string, body: Record<string, unknown> = {}) =>
    sys.http().post(`/api/v1/requests/${id}/actions/${action}`).set(bearer(u)).send(body);
  const post = (u: TestUser, path: string, body: object, idempotencyKey?: string) => {
    const r = sys.http().post(`/api/v1${path}`).set(bearer(u));
    return (idempotencyKey ? r.set('Idempotency-Key', idempotencyKey) : r).send(body);
  };
  const ok = async (p: Promise<Res> | request.Test, status = 201) => {
    const r = await p;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  /** Balance of one account, in cents. */
  const balance = async (accountKey: string) =>
    BigInt(
      (
        await q<{ b: string }>(
          `SELECT balance::text AS b FROM fund_balance WHERE account_key = $1 AND currency = 'USD'`,
          [accountKey],
        )
      )[0]?.b ?? '0',
    );
  const cashPool = () => balance('cash_pool');
  const earmark = () => balance(`cash_earmarked:${earmarked}`);
  const count = async (table: string) =>
    Number((await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const reconciliation = async () => ok(sys.http().get('/api/v1/fund/ledger/reconciliation').set(bearer(fm)), 200);
  const closure = (allocationId: string) =>
    ok(sys.http().get(`/api/v1/fund/allocations/${allocationId}/closure`).set(bearer(fm)), 200);

  /** A request of Kenya's, filed, assessed, approved, IOM confirmed as lead: in set-up. */
  const requestInSetup = async (title: string) => {
    const r = await ok(
      post(kenya, '/requests', {
        title,
        summary: 'Returning workers lack referral pathways for psychosocial, economic and legal support.',
        expectedResults: 'A referral mechanism piloted in three counties.',
        objectives: [21, 6],
        supportTypes: ['technical_assistance', 'seed_funding'],
        estimatedBudget: { amount: '5000000', currency: 'USD' },
      }),
    );
    await ok(act(kenya, r.id, 'submit'), 200);
    await ok(act(hub, r.id, 'start_triage'), 200);
    await ok(act(hub, r.id, 'start_assessment'), 200);
    const scores = Object.fromEntries(
      (await ok(sys.http().get('/api/v1/reference/assessment-criteria'), 200)).map((c: { code: string }) => [
        c.code,
        3,
      ]),
    );
    await ok(
      sys.http().put(`/api/v1/requests/${r.id}/assessment`).set(bearer(hub)).send({
        scores,
        genderMarker: 2,
        humanRightsMarker: 2,
        recommendation: 'proceed',
        rationale: 'Feasible with IOM in the lead.',
        conflictOfInterest: false,
      }),
      200,
    );
    await ok(act(hub, r.id, 'approve'), 200);
    const inv = await ok(post(hub, `/requests/${r.id}/invitations`, { organisationId: iom, role: 'lead' }));
    await ok(post(iomOfficer, `/invitations/${inv.id}/accept`, {}), 200);
    await ok(act(hub, r.id, 'confirm_partners'), 200);
    return r.id as string;
  };

  /** The fund's application, proposal and approval for a request in set-up. */
  const allocate = async (requestId: string, amount: number) => {
    const app = await ok(post(hub, '/fund/applications', { requestId, amount: usd(amount), justification: 'seed' }));
    const a = await ok(
      post(fm, '/fund/allocations', {
        applicationId: app.id,
        amount: usd(amount),
        tranches: [{ amount: usd(amount), condition: 'on_approval' }],
      }),
    );
    await ok(post(sc, `/fund/allocations/${a.id}/approve`, { decisionRef: 'SC-2027-01' }), 200);
    return a.id as string;
  };

  const startImplementation = async (requestId: string) => {
    await ok(
      sys
        .http()
        .put(`/api/v1/requests/${requestId}/implementation-plan`)
        .set(bearer(hub))
        .send({
          organisations: [{ organisationId: iom, role: 'lead', responsibilities: 'Referral mechanism' }],
          stakeholders: [],
          milestones: [{ code: 'M1', title: 'Referral protocol adopted', dueDate: '2027-06-30' }],
          currency: 'USD',
          budget: [{ organisationId: iom, amount: '5000000' }],
          funding: [{ source: 'start_up_fund', amount: '5000000', status: 'requested' }],
          reportDueDates: [],
        }),
      200,
    );
    await ok(act(hub, requestId, 'start_implementation'), 200);
  };

  const transfer = (allocationId: string, amount: number) =>
    ok(post(fm, '/fund/transfers', { allocationId, organisationId: iom, amount: usd(amount) }, key()));
  const spend = (allocationId: string, amount: number, periodEnd = '2027-06-30') =>
    ok(post(iomOfficer, '/fund/expenditures', { allocationId, periodEnd, amount: usd(amount) }, key()));
  const giveBack = (u: TestUser, allocationId: string, amount: number, k = key()) =>
    post(
      u,
      `/fund/allocations/${allocationId}/returns`,
      { organisationId: iom, amount: usd(amount), reason: 'unspent balance', receivedAt: '2026-11-30' },
      k,
    );
  const report = (requestId: string, kind: 'progress' | 'final', period: string) =>
    ok(
      post(iomOfficer, `/requests/${requestId}/reports`, {
        kind,
        period,
        narrative: `${kind} report`,
        milestoneUpdates: [],
        ...(kind === 'final' ? { lessonsLearned: 'County desks need their own budget line.' } : {}),
      }),
    );

  beforeAll(async () => {
    sys = await startTestSystem();
    iom = await sys.organisationId('IOM');
    [kenya, hub, fm, sc, iomOfficer, donor] = await Promise.all([
      sys.user('focal_point', { countryCode: 'KEN' }),
      sys.user('hub_officer'),
      sys.user('fund_manager'),
      sys.user('steering_committee'),
      sys.user('partner_officer', { organisationId: iom }),
      sys.user('donor', { organisation: 'SWE' }),
    ]);
    const contributor = await sys.organisationId('SWE');
    // 30,000.00 earmarked for objective 21 and 100,000.00 unearmarked; 1 % fee each: 29,700.00 and 99,000.00 in cash
    earmarked = await fund(sys, fm, {
      contributorId: contributor,
      amount: 3_000_000,
      earmark: { type: 'objectives', objectives: [21] },
    });
    await fund(sys, fm, { contributorId: contributor, amount: 10_000_000 });
    expect([await earmark(), await cashPool()]).toEqual([2_970_000n, 9_900_000n]);
  });
  afterAll(() => sys?.close());

  it('funds a request: the approval draws the earmark first (29,700.00), then the pool (20,300.00)', async () => {
    requestA = await requestInSetup('Reintegration support for returning migrant workers');
    allocationA = await allocate(requestA, 5_000_000);
    await startImplementation(requestA);
    expect([await earmark(), await cashPool()]).toEqual([0n, 9_900_000n - 2_030_000n]);
    await transfer(allocationA, 3_000_000);
    await spend(allocationA, 2_000_000);
    expect(await balance(`transfer::${allocationA}:${iom}`)).toBe(1_000_000n);
  });

  it('refuses a return from a partner or a donor (403), beyond what is held (422), and writes nothing', async () => {
    const before = [
      await count('journal_entry'),
      await count('fund_unspent_return'),
      await count('fund_idempotency_key'),
    ];
    expect((await giveBack(iomOfficer, allocationA, 1)).status).toBe(403);
    expect((await giveBack(donor, allocationA, 1)).status).toBe(403);
    const over = await giveBack(fm, allocationA, 1_000_001);
    expect(over.status).toBe(422);
    expect(over.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(over.body).toMatchObject({ code: 'FUND_RETURN_EXCEEDED', unspent: '1000000' });
    const future = await post(
      fm,
      `/fund/allocations/${allocationA}/returns`,
      { organisationId: iom, amount: usd(1), reason: 'x', receivedAt: '2999-01-01' },
      key(),
    );
    expect([future.status, future.body.code]).toEqual([400, 'FUND_INVALID_FIELD']);
    expect((await giveBack(fm, allocationA, 100)).status).toBe(201 /* control */);
    const after = [
      await count('journal_entry'),
      await count('fund_unspent_return'),
      await count('fund_idempotency_key'),
    ];
    expect(after).toEqual([before[0] + 1, before[1] + 1, before[2] + 1]); // the control's, nothing of the refused
  });

  it('records a partial return once per Idempotency-Key: back on the allocation, not yet at the source', async () => {
    const k = key();
    const first = await giveBack(fm, allocationA, 399_900, k);
    const again = await giveBack(fm, allocationA, 399_900, k);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ amount: usd(399_900), organisationId: iom, receivedAt: '2026-11-30' });
    expect(await q(`SELECT id FROM fund_unspent_return WHERE allocation_id = $1`, [allocationA])).toHaveLength(2);
    const lines = await q<{ account_key: string; amount: string }>(
      `SELECT account_key, amount::text FROM journal_line WHERE entry_id = $1 ORDER BY line_no`,
      [first.body.entryId],
    );
    expect(lines).toEqual([
      { account_key: `transfer::${allocationA}:${iom}`, amount: '-399900' },
      { account_key: `allocation::${allocationA}`, amount: '399900' },
    ]);
    expect((await q(`SELECT kind FROM journal_entry WHERE id = $1`, [first.body.entryId]))[0]).toEqual({
      kind: 'unspent_return',
    });
    // held 1,000,000 - 400,000 returned: 600,000 still at IOM; the allocation holds the 2,000,000 never transferred + 400,000
    expect(await balance(`transfer::${allocationA}:${iom}`)).toBe(600_000n);
    expect(await balance(`allocation::${allocationA}`)).toBe(2_400_000n);
    expect([await earmark(), await cashPool()]).toEqual([0n, 7_870_000n]);
    // returned money is not transferred again
    const a = await ok(sys.http().get(`/api/v1/fund/allocations/${allocationA}`).set(bearer(fm)), 200);
    expect(a.availableToTransfer).toEqual(usd(2_000_000));
    // a reversal of a partly spent transfer stays refused: the return is the way
    const t = await q<{ entry_id: string }>(`SELECT entry_id FROM fund_transfer WHERE allocation_id = $1`, [
      allocationA,
    ]);
    const rev = await post(fm, `/fund/journal/${t[0].entry_id}/reverse`, { reference: 'x', reason: 'y' }, key());
    expect(rev.body.code).toBe('FUND_INSUFFICIENT_FUNDS');
  });

  it('lets the hub return a progress report and accept the final one, with reasons; the partner is told', async () => {
    const progress = await report(requestA, 'progress', '2027-Q2');
    expect(progress.status).toBe('submitted');
    await ok(post(iomOfficer, `/requests/${requestA}/reports/${progress.id}/accept`, { reason: 'x' }), 403);
    const returned = await ok(
      post(hub, `/requests/${requestA}/reports/${progress.id}/return`, { reason: 'Add the county figures' }),
      200,
    );
    expect(returned).toMatchObject({ status: 'returned', reviewReason: 'Add the county figures' });
    await ok(post(hub, `/requests/${requestA}/reports/${progress.id}/accept`, { reason: 'late' }), 409);
    const told = await ok(sys.http().get('/api/v1/notifications').set(bearer(iomOfficer)), 200);
    expect(told.items.map((n: { kind: string }) => n.kind)).toContain('request.report.returned');

    // operational closure waits for an accepted final report
    const early = await post(fm, `/fund/allocations/${allocationA}/operational-closure`, { reason: 'done' });
    expect([early.status, early.body.code]).toEqual([422, 'FUND_FINAL_REPORT_PENDING']);
    const final = await report(requestA, 'final', '2027');
    // 20 hub officers' reviews at once: one is written
    const reviews = await Promise.all(
      Array.from({ length: SERVER ? N : 3 }, () =>
        post(hub, `/requests/${requestA}/reports/${final.id}/accept`, { reason: 'Complete and verified' }),
      ),
    );
    expect(tally(reviews)).toEqual({ 200: 1, 409: reviews.length - 1 });
    expect(
      await q(`SELECT action FROM audit_event WHERE action = 'request.report.accepted' AND entity_id = $1`, [requestA]),
    ).toHaveLength(1);
    const fmTold = await ok(sys.http().get('/api/v1/notifications').set(bearer(fm)), 200);
    expect(fmTold.items.map((n: { kind: string }) => n.kind)).toContain('request.report.final_accepted');
    await ok(act(iomOfficer, requestA, 'complete'), 200);
  });

  it('closes operationally (fund manager only), then refuses financial closure until every transfer is reconciled', async () => {
    await ok(post(iomOfficer, `/fund/allocations/${allocationA}/operational-closure`, { reason: 'x' }), 403);
    const blocked = await act(hub, requestA, 'close');
    expect([blocked.status, blocked.body.missing]).toEqual([422, 'operationalClosure']);
    const op = await ok(
      post(fm, `/fund/allocations/${allocationA}/operational-closure`, { reason: 'final report accepted' }),
      200,
    );
    expect(op).toMatchObject({ stage: 'operationally_closed', allowedActions: ['close_financially'] });
    expect(op.operationallyClosedAt).not.toBeNull();
    expect((await act(hub, requestA, 'close')).body.missing).toBe('financialClosure');

    // no statement yet, and 600,000 unspent: both named
    const notYet = await post(fm, `/fund/allocations/${allocationA}/financial-closure`, { reason: 'x' });
    expect(notYet.status).toBe(422);
    expect(notYet.body.code).toBe('FUND_NOT_RECONCILED');
    expect(notYet.body.problems.map((p: { message: string }) => p.message)).toEqual([
      'no final financial statement',
      '600000 transferred is neither reported spent nor returned',
    ]);
    // a statement whose categories do not add up is refused; one that does is taken (and replaced until accepted)
    const statement = (spent: number, categories: [string, number][]) =>
      post(iomOfficer, `/fund/allocations/${allocationA}/financial-statements`, {
        spent: usd(spent),
        costCategories: categories.map(([category, amount]) => ({ category, amount: usd(amount) })),
      });
    expect((await statement(2_000_000, [['staff', 1_000_000]])).status).toBe(400);
    await ok(statement(1_900_000, [['staff', 1_900_000]]));
    await ok(
      statement(2_000_000, [
        ['staff', 1_200_000],
        ['training', 800_000],
      ]),
    );
    await ok(post(donor, `/fund/allocations/${allocationA}/financial-statements`, { spent: usd(1) }), 403);
    await ok(post(iomOfficer, `/fund/allocations/${allocationA}/financial-closure`, { reason: 'x' }), 403);
    const stillHeld = await post(fm, `/fund/allocations/${allocationA}/financial-closure`, { reason: 'x' });
    expect(stillHeld.body.problems).toEqual([
      { organisationId: iom, message: '600000 transferred is neither reported spent nor returned' },
    ]);
  });

  it('closes financially once: the balance goes back to the earmark and the pool in the approval proportions', async () => {
    await ok(giveBack(fm, allocationA, 600_000));
    expect(await balance(`allocation::${allocationA}`)).toBe(3_000_000n);
    const decisionsBefore = await count('fund_decision');
    const closures = await Promise.all(
      Array.from({ length: SERVER ? N : 3 }, () =>
        post(fm, `/fund/allocations/${allocationA}/financial-closure`, { reason: 'statement certified' }),
      ),
    );
    expect(tally(closures)).toEqual({ 200: 1, 409: closures.length - 1 });
    const closed = closures.find((r) => r.status === 200)!.body;
    expect(closed).toMatchObject({
      stage: 'closed',
      allocationBalance: usd(0),
      releasedToSource: usd(3_000_000),
      organisations: [
        {
          organisationId: iom,
          transferred: usd(3_000_000),
          spent: usd(2_000_000),
          returned: usd(1_000_000),
          unspent: usd(0),
          reconciled: true,
          statement: { status: 'accepted', spent: usd(2_000_000) },
        },
      ],
      allowedActions: [],
    });
    expect(await count('fund_decision')).toBe(decisionsBefore + 1);
    // one allocation_return: Dr cash_earmarked 17,820.00 (29,700 of 50,000) and Dr cash_pool 12,180.00, Cr allocation
    const releases = await q<{ id: string }>(
      `SELECT id FROM journal_entry WHERE kind = 'allocation_return' AND subject_id = $1`,
      [allocationA],
    );
    expect(releases).toHaveLength(1);
    const lines = await q<{ kind: string; contribution_id: string | null; amount: string }>(
      `SELECT kind, contribution_id, amount::text FROM journal_line WHERE entry_id = $1 ORDER BY kind`,
      [releases[0].id],
    );
    expect(lines).toEqual([
      { kind: 'allocation', contribution_id: null, amount: '-3000000' },
      { kind: 'cash_earmarked', contribution_id: earmarked, amount: '1782000' },
      { kind: 'cash_pool', contribution_id: null, amount: '1218000' },
    ]);
    // the pool and the earmark got exactly the unspent 30,000.00 back; the money spent stays spent
    expect([await earmark(), await cashPool()]).toEqual([1_782_000n, 9_088_000n]);
    expect(await balance(`expenditure::${allocationA}:${iom}`)).toBe(2_000_000n);
    expect(await balance(`transfer::${allocationA}:${iom}`)).toBe(0n);
    expect(await balance(`allocation::${allocationA}`)).toBe(0n);
    expect(await reconciliation()).toMatchObject({ ok: true, mismatches: [], unbalancedEntries: [] });
    // nothing moves on a closed project
    const late = await post(
      fm,
      '/fund/transfers',
      { allocationId: allocationA, organisationId: iom, amount: usd(1) },
      key(),
    );
    expect([late.status, late.body.code]).toEqual([409, 'FUND_INVALID_STATE']);
  });

  it('closes the request once both closures are in; the register shows both', async () => {
    await ok(act(kenya, requestA, 'close'), 403);
    const closed = await ok(act(hub, requestA, 'close'), 200);
    expect(closed.status).toBe('closed');
    const register = await ok(sys.http().get('/api/v1/fund/decisions?limit=100').set(bearer(fm)), 200);
    const mine = register.items.filter((d: { allocationId: string }) => d.allocationId === allocationA);
    expect(mine.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'approved',
      'financially_closed',
      'operationally_closed',
    ]);
    expect(
      (
        await q<{ action: string }>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [allocationA])
      ).map((e) => e.action),
    ).toEqual(
      expect.arrayContaining([
        'fund.return.recorded',
        'fund.financial_statement.submitted',
        'fund.project.operationally_closed',
        'fund.project.financially_closed',
      ]),
    );
  });

  it('suspends (no transfers), cancels by a steering-committee decision, and sends back what was not transferred and later what was not spent', async () => {
    const requestB = await requestInSetup('Labour migration data pilot');
    const sourcesBefore = (await earmark()) + (await cashPool());
    const b = await allocate(requestB, 2_000_000);
    await transfer(b, 1_000_000);
    await spend(b, 300_000);
    await ok(post(sc, `/fund/allocations/${b}/suspend`, { reason: 'x' }), 403);
    const suspended = await ok(post(fm, `/fund/allocations/${b}/suspend`, { reason: 'audit finding' }), 200);
    expect(suspended).toMatchObject({ stage: 'suspended', allowedActions: ['resume'] });
    const held = await post(fm, '/fund/transfers', { allocationId: b, organisationId: iom, amount: usd(1) }, key());
    expect([held.status, held.body.code]).toEqual([409, 'FUND_INVALID_STATE']);
    await ok(post(fm, `/fund/allocations/${b}/cancel`, { reason: 'x', decisionRef: 'SC-1' }), 403);
    const noRef = await post(sc, `/fund/allocations/${b}/cancel`, { reason: 'audit confirmed' });
    expect(noRef.status).toBe(400);
    const cancelled = await ok(
      post(sc, `/fund/allocations/${b}/cancel`, { reason: 'audit confirmed', decisionRef: 'SC-2027-07' }),
      200,
    );
    // the 1,000,000 never transferred is back at its sources at once
    expect(cancelled).toMatchObject({
      stage: 'cancelled',
      allocationBalance: usd(0),
      releasedToSource: usd(1_000_000),
    });
    expect((await earmark()) + (await cashPool())).toBe(sourcesBefore - 1_000_000n);
    // the partner returns what it did not spend: it goes straight on to the sources
    await ok(giveBack(fm, b, 700_000));
    expect(await balance(`allocation::${b}`)).toBe(0n);
    expect((await earmark()) + (await cashPool())).toBe(sourcesBefore - 300_000n);
    expect(await closure(b)).toMatchObject({
      stage: 'cancelled',
      releasedToSource: usd(1_700_000),
      returns: [{ amount: usd(700_000), organisationId: iom }],
      organisations: [{ transferred: usd(1_000_000), spent: usd(300_000), returned: usd(700_000), reconciled: false }],
      allowedActions: ['close_financially'],
    });
    await ok(
      post(iomOfficer, `/fund/allocations/${b}/financial-statements`, {
        spent: usd(300_000),
        costCategories: [{ category: 'equipment', amount: usd(300_000) }],
      }),
    );
    const closed = await ok(
      post(fm, `/fund/allocations/${b}/financial-closure`, { reason: 'closed after cancellation' }),
      200,
    );
    expect(closed).toMatchObject({ stage: 'closed', releasedToSource: usd(1_700_000) });
    const register = await ok(sys.http().get('/api/v1/fund/decisions?limit=100').set(bearer(sc)), 200);
    expect(
      register.items
        .filter((d: { allocationId: string }) => d.allocationId === b)
        .map((d: { kind: string }) => d.kind)
        .sort(),
    ).toEqual(['approved', 'cancelled', 'financially_closed', 'suspended']);
    expect(await reconciliation()).toMatchObject({ ok: true });
  });

  it('20 returns at once with different keys whose sum passes the balance: never over-returned', async () => {
    const requestC = await requestInSetup('Consular protection training');
    const c = await allocate(requestC, 1_000_000);
    await transfer(c, 1_000_000);
    const entriesBefore = await count('journal_entry');
    const rs = await Promise.all(Array.from({ length: N }, () => giveBack(fm, c, 100_001)));
    // 9 fit in 1,000,000 (900,009); the 10th and the rest find less than 100,001 left
    expect(tally(rs)).toEqual({ 201: 9, 422: N - 9 });
    expect(new Set(rs.filter((r) => r.status === 422).map((r) => r.body.code))).toEqual(
      new Set(['FUND_RETURN_EXCEEDED']),
    );
    expect(await balance(`transfer::${c}:${iom}`)).toBe(1_000_000n - 9n * 100_001n);
    const [{ s }] = await q<{ s: string }>(
      `SELECT sum(amount)::text AS s FROM fund_unspent_return WHERE allocation_id = $1`,
      [c],
    );
    expect(s).toBe(String(9 * 100_001));
    expect(await count('journal_entry')).toBe(entriesBefore + 9);
    expect(await reconciliation()).toMatchObject({ ok: true });

    // the same key 20 times at once: one return (the others answer it, or 409 while it is in flight)
    const k = key();
    const same = await Promise.all(Array.from({ length: N }, () => giveBack(fm, c, 1, k)));
    expect(same.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(same.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(1);
    expect(await balance(`transfer::${c}:${iom}`)).toBe(1_000_000n - 9n * 100_001n - 1n);
  });
});
