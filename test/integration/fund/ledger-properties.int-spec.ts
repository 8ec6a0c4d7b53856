import fc from 'fast-check';
import { Actor, DomainError } from '@cbm/core';
import { AllocationService, ContributionService, FundUnitOfWork, LedgerRepository, TransferService } from '@cbm/fund';
import { startTestSystem, TestSystem } from '../../support/test-system';
import { stubRequests, usd } from './fund-fixtures';

type Cmd =
  | { t: 'contribute'; amount: number; earmark: 'none' | 'KEN' | 'PHL'; currency: 'USD' | 'EUR' }
  | { t: 'allocate'; amount: number; country: 'KEN' | 'PHL' }
  | { t: 'transfer'; pick: number; amount: number; org: 0 | 1 }
  | { t: 'spend'; pick: number; amount: number; org: 0 | 1 }
  | { t: 'refund'; pick: number; amount: number }
  | { t: 'reverse'; pick: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({
    t: fc.constant('contribute' as const),
    amount: fc.integer({ min: 1, max: 5_000_000 }),
    earmark: fc.constantFrom('none' as const, 'KEN' as const, 'PHL' as const),
    currency: fc.constantFrom('USD' as const, 'EUR' as const),
  }),
  fc.record({
    t: fc.constant('allocate' as const),
    amount: fc.integer({ min: 1, max: 4_000_000 }),
    country: fc.constantFrom('KEN' as const, 'PHL' as const),
  }),
  fc.record({
    t: fc.constant('transfer' as const),
    pick: fc.nat(),
    amount: fc.integer({ min: 1, max: 2_000_000 }),
    org: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({
    t: fc.constant('spend' as const),
    pick: fc.nat(),
    amount: fc.integer({ min: 1, max: 2_000_000 }),
    org: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({ t: fc.constant('refund' as const), pick: fc.nat(), amount: fc.integer({ min: 1, max: 1_000_000 }) }),
  fc.record({ t: fc.constant('reverse' as const), pick: fc.nat() }),
);

/**
 * Random sequences of pledges, deposits, allocations, transfers, expenditure, refunds and reversals
 * through the services against the real database; after each sequence the journal balances, every
 * balance equals the sum of its lines, and no money account is negative or over-used.
 */
describe('ledger invariants (property)', () => {
  let sys: TestSystem;
  let fm: Actor, sc: Actor, hub: Actor, partners: Actor[];
  let orgs: string[], contributor: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    const [f, s, h, p1, p2] = await Promise.all([
      sys.user('fund_manager'),
      sys.user('steering_committee'),
      sys.user('hub_officer'),
      sys.user('partner_officer', { organisation: 'IOM' }),
      sys.user('partner_officer', { organisation: 'ILO' }),
    ]);
    const actor = (u: typeof f): Actor => ({ id: u.id, role: u.role, organisationId: u.organisationId });
    [fm, sc, hub] = [actor(f), actor(s), actor(h)];
    partners = [actor(p1), actor(p2)];
    orgs = [p1.organisationId!, p2.organisationId!];
    contributor = await sys.organisationId('NOR').catch(() => sys.organisationId('SWE'));
  }, 180_000);
  afterAll(() => sys?.close());

  it('keeps the journal balanced and the balances equal to their lines', async () => {
    const requests = stubRequests(sys);
    const uow = sys.app.get(FundUnitOfWork);
    const contributions = sys.app.get(ContributionService);
    const allocations = sys.app.get(AllocationService);
    const transfers = sys.app.get(TransferService);
    const ledger = sys.app.get(LedgerRepository);
    const state = { contributions: [] as string[], allocations: [] as string[], entries: [] as string[] };
    let refused = 0;
    let done = 0;

    const run = async (c: Cmd) => {
      switch (c.t) {
        case 'contribute': {
          const earmark =
            c.earmark === 'none' ? { type: 'none' as const } : { type: 'country' as const, country: c.earmark };
          const v = await contributions.pledge(fm, {
            contributorId: contributor,
            pledgedAt: '2026-01-01',
            amount: { amount: String(c.amount), currency: c.currency },
            earmark,
          });
          state.contributions.push(v.id);
          const usdAmount = c.currency === 'USD' ? c.amount : Math.floor(c.amount * 1.08);
          const d = await uow.run((tx) =>
            contributions.deposit(tx, fm, v.id, {
              receivedAt: '2026-01-02',
              amount: { amount: String(c.amount), currency: c.currency },
              usdAmount: usd(usdAmount),
            }),
          );
          state.entries.push(d.entryId);
          break;
        }
        case 'allocate': {
          const r = requests.add({ countryCode: c.country, organisationIds: orgs, leadOrganisationId: orgs[0] });
          const app = await allocations.apply(hub, {
            requestId: r.id,
            amount: usd(c.amount),
            justification: 'property',
          });
          const p = await allocations.propose(fm, {
            applicationId: app.id,
            amount: usd(c.amount),
            tranches: [{ amount: usd(c.amount), condition: 'on_approval' }],
          });
          await allocations.approve(sc, p.id, { decisionRef: 'SC-P' });
          state.allocations.push(p.id);
          break;
        }
        case 'transfer': {
          if (!state.allocations.length) return;
          const allocationId = state.allocations[c.pick % state.allocations.length];
          const t = await uow.run((tx) =>
            transfers.transfer(tx, fm, { allocationId, organisationId: orgs[c.org], amount: usd(c.amount) }),
          );
          state.entries.push(t.entryId);
          break;
        }
        case 'spend': {
          if (!state.allocations.length) return;
          const allocationId = state.allocations[c.pick % state.allocations.length];
          const e = await uow.run((tx) =>
            transfers.expenditure(tx, partners[c.org], {
              allocationId,
              periodEnd: '2026-06-30',
              amount: usd(c.amount),
            }),
          );
          state.entries.push(e.entryId);
          break;
        }
        case 'refund': {
          if (!state.contributions.length) return;
          const id = state.contributions[c.pick % state.contributions.length];
          const r = await uow.run((tx) =>
            contributions.refund(tx, fm, id, { amount: usd(c.amount), reason: 'property', reference: 'R-P' }),
          );
          state.entries.push(r.entryId);
          break;
        }
        case 'reverse': {
          if (!state.entries.length) return;
          const id = state.entries[c.pick % state.entries.length];
          await uow.run((tx) => transfers.reverse(tx, fm, id, { reference: 'COR-P', reason: 'property' }));
          break;
        }
      }
    };

    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: 25 }), async (cmds) => {
        for (const c of cmds) {
          try {
            await run(c);
            done++;
          } catch (err) {
            // a refused command is fine (a rule said no); anything else is a bug
            if (!(err instanceof DomainError) || err.status >= 500) throw err;
            refused++;
          }
        }
        expect(await ledger.unbalancedEntries()).toEqual([]);
        const recon = await ledger.reconcile();
        expect(recon.mismatches).toEqual([]);
        const negatives = await sys.db.dataSource.query(
          `SELECT "account_key" FROM "fund_balance" WHERE "balance" < 0 AND "kind" IN ('cash_pool', 'cash_earmarked', 'allocation', 'transfer')`,
        );
        expect(negatives).toEqual([]);
        const over = await sys.db.dataSource.query(
          `SELECT a."id" FROM "fund_allocation" a WHERE a."transferred_amount" <> COALESCE((SELECT SUM(l."amount") FROM "journal_line" l WHERE l."allocation_id" = a."id" AND l."kind" IN ('transfer', 'expenditure')), 0)`,
        );
        expect(over).toEqual([]);
        // earmarked money only reached matching countries
        const wrong = await sys.db.dataSource.query(
          `SELECT l."id" FROM "journal_line" l JOIN "journal_entry" e ON e."id" = l."entry_id" AND e."kind" = 'allocation'
             JOIN "fund_contribution" c ON c."id" = l."contribution_id" JOIN "fund_allocation" a ON a."id" = e."subject_id" JOIN "fund_application" p ON p."id" = a."application_id"
            WHERE l."kind" = 'cash_earmarked' AND c."earmark_country" <> p."country_code"`,
        );
        expect(wrong).toEqual([]);
      }),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? Date.now() % 100000), verbose: true },
    );
    expect(refused).toBeGreaterThan(0);
    expect(done).toBeGreaterThan(refused / 4);
    expect(state.allocations.length).toBeGreaterThan(0);
  }, 600_000);
});
