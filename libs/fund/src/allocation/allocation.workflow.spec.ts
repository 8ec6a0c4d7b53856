import fc from 'fast-check';
import { Actor, DomainError, ROLES } from '@cbm/core';
import { FundAllocationEntity } from './allocation.entity';
import {
  checkReportEvidence,
  ALLOCATION_ACTIONS,
  ALLOCATION_STATUSES,
  AllocationAction,
  AllocationReads,
  allocationStep,
  AllocationStatus,
  Cash,
  checkGuards,
  checkProposal,
  checkTransfer,
  decideAllocation,
  drawPlan,
  fundFrom,
  planSources,
  releasableTranche,
  releasedOnApproval,
} from './allocation.workflow';
import { FundApplicationEntity } from './application.entity';
import { FundTrancheEntity } from './tranche.entity';
import type { ReportFact } from '../ports';

/** DESIGN.md's allocation, written out again by hand: the code must agree with it. */
const TABLE: [AllocationStatus, AllocationAction, AllocationStatus, string][] = [
  ['proposed', 'approve', 'approved', 'steering_committee'],
  ['proposed', 'reject', 'rejected', 'steering_committee'],
  ['proposed', 'recuse', 'proposed', 'steering_committee'],
  ['approved', 'release_tranche', 'approved', 'fund_manager'],
];
const ROLES_AND_SYSTEM = [...ROLES, 'system'] as const;

const allocation = (o: Partial<FundAllocationEntity> = {}): FundAllocationEntity =>
  Object.assign(new FundAllocationEntity(), {
    id: 'al',
    applicationId: 'ap',
    amount: '1000',
    status: 'proposed' as const,
    proposedById: 'proposer',
    recusedIds: [],
    transferredAmount: '0',
    stage: 'open' as const,
    version: 1,
    ...o,
  });
const application = Object.assign(new FundApplicationEntity(), {
  id: 'ap',
  countryCode: 'KEN',
  objectives: [21],
  organisationIds: ['iom'],
});
const tranche = (seq: number, released: boolean, amount = '100', condition = 'on_approval') =>
  Object.assign(new FundTrancheEntity(), {
    id: `t${seq}`,
    seq,
    amount,
    condition,
    releasedAt: released ? new Date(0) : null,
  });

interface World {
  implementers?: string[];
  cash?: Cash;
  tranches?: FundTrancheEntity[];
  figures?: { transferred: bigint; spent: bigint };
  reports?: ReportFact[];
}
const reads = (w: World, locks: boolean[] = []): AllocationReads => ({
  implementers: async () => w.implementers ?? [],
  cash: async (lock) => {
    locks.push(lock);
    return w.cash ?? { pool: 1_000_000n, earmarked: [] };
  },
  tranches: async () => w.tranches ?? [],
  figures: async () => w.figures ?? { transferred: 0n, spent: 0n },
  report: async (id) => w.reports?.find((r) => r.id === id) ?? null,
});
const member = (id = 'member', organisationId: string | null = 'ngo'): Actor => ({
  id,
  role: 'steering_committee',
  organisationId,
});

/** The step's checks in full, as the service runs them: state and role, then the guards. */
async function attempt(
  a: FundAllocationEntity,
  action: AllocationAction,
  actor: Actor,
  w: World = {},
  input: { seq?: number } = {},
) {
  const step = allocationStep(a, action, actor);
  return checkGuards(step, {
    allocation: a,
    application,
    actor,
    input,
    reads: reads(w),
    rules: { nextTrancheSpentShareBps: 7000 },
  });
}
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: DomainError) => err.code,
  );

describe('allocation workflow', () => {
  it('allows exactly the transitions of the table, for exactly its roles', () => {
    for (const status of ALLOCATION_STATUSES)
      for (const action of ALLOCATION_ACTIONS)
        for (const role of ROLES_AND_SYSTEM) {
          const row = TABLE.find(([s, a, , r]) => s === status && a === action && r === role);
          const d = decideAllocation(status, action, role);
          expect({ status, action, role, ok: d.ok, to: d.ok ? d.to : undefined }).toEqual({
            status,
            action,
            role,
            ok: !!row,
            to: row?.[2],
          });
        }
  });

  it('is decided at most once: approved and rejected allow no decision, whoever asks (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ action: fc.constantFrom(...ALLOCATION_ACTIONS), role: fc.constantFrom(...ROLES_AND_SYSTEM) }),
          { maxLength: 40 },
        ),
        (steps) => {
          let status: AllocationStatus = 'proposed';
          let decisions = 0;
          for (const { action, role } of steps) {
            const d = decideAllocation(status, action, role);
            if (!d.ok) continue;
            if (d.to !== status) decisions++;
            if (status !== 'proposed') expect(action).toBe('release_tranche');
            status = d.to;
          }
          expect(decisions).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('answers 403 for a role that never decides, 409 for a decision already taken', async () => {
    expect(await codeOf(attempt(allocation(), 'approve', { id: 'fm', role: 'fund_manager' }))).toBe('FUND_FORBIDDEN');
    expect(await codeOf(attempt(allocation({ status: 'approved' }), 'approve', member()))).toBe('FUND_INVALID_STATE');
    expect(await codeOf(attempt(allocation({ status: 'rejected' }), 'approve', member()))).toBe('FUND_INVALID_STATE');
    expect(await codeOf(attempt(allocation({ status: 'approved' }), 'reject', member()))).toBe('FUND_INVALID_STATE');
    expect(await codeOf(attempt(allocation({ status: 'approved' }), 'recuse', member()))).toBe('FUND_INVALID_STATE');
    expect(
      await codeOf(attempt(allocation(), 'release_tranche', { id: 'fm', role: 'fund_manager' }, {}, { seq: 1 })),
    ).toBe('FUND_INVALID_STATE');
  });

  it('four eyes and recusal: a member decides exactly when not the proposer, not recused, not implementing (property)', async () => {
    const ids = fc.constantFrom('m1', 'm2', 'm3');
    const orgs = fc.constantFrom('iom', 'ilo', 'ngo', null);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          action: fc.constantFrom('approve' as const, 'reject' as const),
          actorId: ids,
          actorOrg: orgs,
          proposer: ids,
          recused: fc.uniqueArray(ids),
          implementers: fc.uniqueArray(fc.constantFrom('iom', 'ilo', 'ngo')),
        }),
        async (c) => {
          const a = allocation({ proposedById: c.proposer, recusedIds: c.recused });
          const code = await codeOf(
            attempt(a, c.action, member(c.actorId, c.actorOrg), { implementers: c.implementers }),
          );
          const expected =
            c.actorId === c.proposer
              ? 'FUND_SELF_APPROVAL'
              : (c.actorOrg && c.implementers.includes(c.actorOrg)) || c.recused.includes(c.actorId)
                ? 'FUND_RECUSAL_REQUIRED'
                : null;
          expect(code).toBe(expected);
        },
      ),
    );
  });

  it('approval locks the unallocated money and draws it from matching earmarks first, then the pool', async () => {
    const locks: boolean[] = [];
    const cash: Cash = {
      pool: 5000n,
      earmarked: [
        {
          contributionId: 'c2',
          earmark: { earmarkType: 'country', earmarkObjectives: [], earmarkCountry: 'KEN' },
          available: 300n,
        },
        {
          contributionId: 'c1',
          earmark: { earmarkType: 'country', earmarkObjectives: [], earmarkCountry: 'PHL' },
          available: 900n,
        },
        {
          contributionId: 'c3',
          earmark: { earmarkType: 'objectives', earmarkObjectives: [21], earmarkCountry: null },
          available: 200n,
        },
      ],
    };
    // the approval's draw (AllocationFunding.draw, a top-up's too): the cash locked, then planned
    const sources = await drawPlan(reads({ cash }, locks), application, 1000n);
    expect(locks).toEqual([true]);
    expect(sources).toEqual([
      { kind: 'cash_earmarked', contributionId: 'c2', amount: -300n, currency: 'USD' },
      { kind: 'cash_earmarked', contributionId: 'c3', amount: -200n, currency: 'USD' },
      { kind: 'cash_pool', amount: -500n, currency: 'USD' },
    ]);
    expect(await codeOf(drawPlan(reads({ cash }), application, 6000n))).toBe('FUND_INSUFFICIENT_FUNDS');
    // the approval's guards (four eyes, conflicts) read no money: the draw comes after them
    const unread: boolean[] = [];
    await checkGuards(allocationStep(allocation({ amount: '6000' }), 'approve', member()), {
      allocation: allocation({ amount: '6000' }),
      application,
      actor: member(),
      input: {},
      reads: reads({ cash }, unread),
      rules: { nextTrancheSpentShareBps: 7000 },
    });
    expect(unread).toEqual([]);
    // rejecting needs no money
    expect(await codeOf(attempt(allocation({ amount: '6000' }), 'reject', member(), { cash }))).toBeNull();
  });

  it('draws exactly the amount or says by how much it falls short, never more than each source holds (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000n }),
        fc.uniqueArray(fc.record({ contributionId: fc.uuid(), available: fc.bigInt({ min: 0n, max: 3_000n }) }), {
          maxLength: 6,
          selector: (e) => e.contributionId,
        }),
        fc.bigInt({ min: 0n, max: 5_000n }),
        (amount, earmarked, pool) => {
          const { sources, shortBy } = planSources(amount, earmarked, pool);
          const drawn = sources.reduce((s, p) => s - p.amount, 0n);
          expect(drawn + shortBy).toBe(amount);
          const total = earmarked.reduce((s, e) => s + e.available, 0n) + pool;
          expect(shortBy).toBe(amount > total ? amount - total : 0n);
          for (const p of sources) {
            expect(p.amount < 0n).toBe(true);
            const from =
              p.kind === 'cash_pool' ? pool : earmarked.find((e) => e.contributionId === p.contributionId)!.available;
            expect(-p.amount <= from).toBe(true);
          }
          // the pool only when the earmarks are used up
          const poolDraw = sources.find((p) => p.kind === 'cash_pool');
          if (poolDraw) expect(drawn - -poolDraw.amount).toBe(earmarked.reduce((s, e) => s + e.available, 0n));
        },
      ),
    );
  });

  it('leaves earmarked money that does not match the request where it is', () => {
    const cash: Cash = {
      pool: 0n,
      earmarked: [
        {
          contributionId: 'c1',
          earmark: { earmarkType: 'country', earmarkObjectives: [], earmarkCountry: 'PHL' },
          available: 900n,
        },
      ],
    };
    expect(() => fundFrom(cash, application, 1n)).toThrow(expect.objectContaining({ code: 'FUND_INSUFFICIENT_FUNDS' }));
  });

  it('a recusal already made changes nothing', async () => {
    expect(await attempt(allocation({ recusedIds: ['member'] }), 'recuse', member())).toEqual({ unchanged: true });
    expect(await attempt(allocation(), 'recuse', member())).toEqual({});
  });

  it('releases tranches in order, a later one once the spent share is reached (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 7 }),
        fc.bigInt({ min: 0n, max: 1000n }),
        fc.bigInt({ min: 0n, max: 1000n }),
        fc.integer({ min: 0, max: 10000 }),
        (releasedFlags, seq, transferred, spentRaw, shareBps) => {
          const spent = spentRaw > transferred ? transferred : spentRaw;
          const tranches = releasedFlags.map((r, i) => tranche(i + 1, r));
          let code: string | null = null;
          try {
            expect(releasableTranche(tranches, seq, { transferred, spent }, shareBps).seq).toBe(seq);
          } catch (err) {
            code = (err as DomainError).code;
          }
          const t = tranches.find((x) => x.seq === seq);
          const expected = !t
            ? 'FUND_NOT_FOUND'
            : t.releasedAt
              ? 'FUND_INVALID_STATE'
              : tranches.some((x) => x.seq < seq && !x.releasedAt)
                ? 'FUND_TRANCHE_HELD'
                : seq > 1 && (transferred === 0n || spent * 10000n < BigInt(shareBps) * transferred)
                  ? 'FUND_TRANCHE_HELD'
                  : null;
          expect(code).toBe(expected);
        },
      ),
    );
  });

  it.each([
    // transferred, spent, share: 70 % of 1000 is 700
    [1000n, 700n, null],
    [1000n, 699n, 'FUND_TRANCHE_HELD'],
    [0n, 0n, 'FUND_TRANCHE_HELD'],
  ])('the second tranche with %s transferred and %s spent: %s', async (transferred, spent, code) => {
    const w = {
      tranches: [tranche(1, true), tranche(2, false, '100', 'progress_report_approved')],
      figures: { transferred, spent },
    };
    const fm: Actor = { id: 'fm', role: 'fund_manager' };
    expect(await codeOf(attempt(allocation({ status: 'approved' }), 'release_tranche', fm, w, { seq: 2 }))).toBe(code);
  });

  it.each(['suspended', 'cancelled', 'closed'] as const)(
    'releases no tranche while the project is %s',
    async (stage) => {
      const w = { tranches: [tranche(1, true), tranche(2, false)], figures: { transferred: 1000n, spent: 1000n } };
      const fm: Actor = { id: 'fm', role: 'fund_manager' };
      const a = allocation({ status: 'approved', stage });
      expect(await codeOf(attempt(a, 'release_tranche', fm, w, { seq: 2 }))).toBe('FUND_INVALID_STATE');
    },
  );

  describe('a tranche released on an accepted report', () => {
    const fm: Actor = { id: 'fm', role: 'fund_manager' };
    const rid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    const report = (n: number, status: string): ReportFact => ({
      id: rid(n),
      requestId: 'rq',
      kind: 'progress',
      status,
    });
    const world = (used: string | null = null) => ({
      tranches: [
        Object.assign(tranche(1, true, '100', 'progress_report_accepted'), { evidenceRef: used }),
        tranche(2, false, '100', 'progress_report_accepted'),
      ],
      figures: { transferred: 100n, spent: 100n },
      reports: [report(1, 'accepted'), report(2, 'returned'), report(3, 'submitted')],
    });
    const release = (w: World, evidenceRef: string) =>
      codeOf(
        checkGuards(allocationStep(allocation({ status: 'approved' }), 'release_tranche', fm), {
          allocation: allocation({ status: 'approved' }),
          application,
          actor: fm,
          input: { seq: 2, evidenceRef },
          reads: reads(w),
          rules: { nextTrancheSpentShareBps: 7000 },
        }),
      );
    it.each([
      ['an accepted report', rid(1), null, null],
      ['a returned report', rid(2), null, 'FUND_REPORT_NOT_ACCEPTED'],
      ['a report still submitted', rid(3), null, 'FUND_REPORT_NOT_ACCEPTED'],
      ['no report of the request', rid(4), null, 'FUND_REPORT_NOT_ACCEPTED'],
      ['free text', 'minutes of the site visit', null, 'FUND_REPORT_NOT_ACCEPTED'],
      ['the report that released tranche 1', rid(1), rid(1), 'FUND_REPORT_ALREADY_USED'],
      ['another accepted report than the one used', rid(1), rid(5), null],
    ])('on %s: %s', async (_what, evidence, used, code) => {
      expect(await release(world(used), evidence)).toBe(code);
    });
    it('other conditions keep taking any evidence', async () => {
      const w = { ...world(), tranches: [tranche(1, true), tranche(2, false, '100', 'site_visit_done')] };
      expect(await release(w, 'free text')).toBeNull();
    });
    it('names the tranche the report already released (pure rule)', () => {
      const ts = [{ seq: 3, releasedAt: new Date(0), evidenceRef: rid(1) }];
      expect(() => checkReportEvidence(ts, rid(1), report(1, 'accepted'))).toThrow(/already released tranche 3/);
      expect(() => checkReportEvidence(ts, rid(2), report(2, 'accepted'))).not.toThrow();
    });
  });

  it('releases on approval exactly the on_approval tranches', () => {
    const ts = [tranche(1, false), tranche(2, false, '5', 'progress_report_approved'), tranche(3, false)];
    expect(releasedOnApproval(ts).map((t) => t.seq)).toEqual([1, 3]);
  });

  it('never lets a transfer past the allocation or the released tranches (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.bigInt({ min: 1n, max: 10_000n }),
        (amount, transferredRaw, releasedRaw, ask) => {
          const released = releasedRaw > amount ? amount : releasedRaw;
          const transferred = transferredRaw > released ? released : transferredRaw;
          const a = allocation({ amount: String(amount), transferredAmount: String(transferred) });
          let ok = true;
          try {
            checkTransfer(a, released, ask);
          } catch {
            ok = false;
          }
          expect(ok).toBe(transferred + ask <= released);
        },
      ),
    );
  });

  it.each([
    [
      {
        amount: '100',
        tranches: [
          ['60', 'on_approval'],
          ['40', 'x'],
        ],
      },
      null,
    ],
    [
      {
        amount: '100',
        tranches: [
          ['60', 'on_approval'],
          ['39', 'x'],
        ],
      },
      'FUND_INVALID_FIELD',
    ],
    [{ amount: '1001', tranches: [['1001', 'on_approval']] }, 'FUND_CEILING_EXCEEDED'],
    [{ amount: '100', tranches: [['100', 'on_approval']], durationMonths: 25 }, 'FUND_DURATION_EXCEEDED'],
    [{ amount: '100', currency: 'EUR', tranches: [['100', 'on_approval']] }, 'FUND_INVALID_FIELD'],
  ] as const)('a proposal %j: %s', (p, code) => {
    const input = {
      amount: { amount: p.amount, currency: 'currency' in p ? p.currency : 'USD' },
      tranches: p.tranches.map(([amount, condition]) => ({ amount: { amount, currency: 'USD' }, condition })),
      durationMonths: 'durationMonths' in p ? p.durationMonths : undefined,
    };
    const limits = { ceilingUsdMinor: 1000n, maxDurationMonths: 24 };
    if (!code) expect(checkProposal(input, limits)).toMatchObject({ amount: 100n, durationMonths: 24 });
    else expect(() => checkProposal(input, limits)).toThrow(expect.objectContaining({ code }));
  });
});
