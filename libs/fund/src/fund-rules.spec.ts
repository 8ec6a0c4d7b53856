import { bps, Clock } from '@cbm/core';
import { earmarkMatches, planSources } from './allocation/allocation.workflow';
import { canonicalJson } from './idempotency/idempotency.service';
import { allocationFigures, contributionFigures, decimal, ratio } from './reporting/figures';
import { splitPercent } from './reporting/iati.rules';
import { indirectCostIncluded } from './transfer/transfer.service';
import { csvSafe } from './fund.controller';
import type { BalanceRow } from './ledger/ledger.repository';

const row = (
  kind: BalanceRow['kind'],
  balance: bigint,
  currency = 'USD',
  dims: Partial<BalanceRow> = {},
): BalanceRow => ({
  accountKey: kind,
  kind,
  balance,
  currency,
  contributionId: null,
  allocationId: null,
  organisationId: null,
  ...dims,
});

describe('fund money rules (table-driven, frozen clock)', () => {
  const clock = new Clock();
  beforeAll(() => clock.freeze(new Date('2026-03-01T00:00:00Z')));

  it.each([
    // usd minor, fee bps, fee
    [100_000_00n, 100, 1_000_00n],
    [4_761_905n, 100, 47_619n],
    [49n, 100, 0n],
    [50n, 100, 1n],
    [1n, 0, 0n],
  ])('admin-agent fee of %s at %s bps is %s', (usd, rate, fee) => {
    expect(bps(usd, rate)).toBe(fee);
  });

  it.each([
    // amount, rate bps, included indirect cost (amount × r / (1 + r))
    [1_500_000n, 700, 98_131n],
    [107_00n, 700, 7_00n],
    [1n, 700, 0n],
    [1_000_000n, 0, 0n],
  ])('indirect cost included in %s at %s bps is %s', (amount, rate, cost) => {
    expect(indirectCostIncluded(amount, rate)).toBe(cost);
  });

  it.each([
    [1_500_000n, 2_000_000n, '0.7500'],
    [1n, 3n, '0.3333'],
    [2n, 3n, '0.6667'],
    [5n, 0n, null],
  ])('delivery rate %s / %s = %s', (n, d, r) => {
    expect(ratio(n, d)).toBe(r);
  });

  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [3_000_000n, '30000.00'],
    [-125n, '-1.25'],
  ])('%s minor units read %s', (v, s) => {
    expect(decimal(v)).toBe(s);
  });

  it('derives a SEK contribution from its balances', () => {
    const f = contributionFigures('SEK', [
      row('pledged', -100_000_000n, 'SEK'),
      row('receivable', 50_000_000n, 'SEK'),
      row('deposit_clearing', 50_000_000n, 'SEK'),
      row('deposit_clearing', -4_761_905n),
      row('admin_fee', 47_619n),
      row('refund', 1_000n),
    ]);
    expect(f).toMatchObject({
      pledged: 100_000_000n,
      deposited: 50_000_000n,
      depositedUsd: 4_761_905n,
      adminFeeUsd: 47_619n,
      refundedUsd: 1_000n,
      netUsd: 4_761_905n - 47_619n - 1_000n,
    });
  });

  it('derives allocated, transferred and spent per organisation', () => {
    const f = allocationFigures([
      row('allocation', 1_000n),
      row('transfer', 300n, 'USD', { organisationId: 'iom' }),
      row('expenditure', 700n, 'USD', { organisationId: 'iom' }),
      row('transfer', 500n, 'USD', { organisationId: 'ilo' }),
    ]);
    expect(f).toMatchObject({ allocated: 2_500n, transferred: 1_500n, spent: 700n });
    expect(f.byOrganisation.get('iom')).toEqual({ transferred: 1_000n, spent: 700n });
  });

  it.each([
    [{ earmarkType: 'none', earmarkObjectives: [], earmarkCountry: null }, true],
    [{ earmarkType: 'country', earmarkObjectives: [], earmarkCountry: 'KEN' }, true],
    [{ earmarkType: 'country', earmarkObjectives: [], earmarkCountry: 'PHL' }, false],
    [{ earmarkType: 'objectives', earmarkObjectives: [6, 7], earmarkCountry: null }, true],
    [{ earmarkType: 'objectives', earmarkObjectives: [1], earmarkCountry: null }, false],
  ] as const)('earmark %j matches a KEN request on objectives 6 and 21: %s', (c, ok) => {
    expect(
      earmarkMatches(
        { ...c, earmarkObjectives: [...c.earmarkObjectives] },
        { countryCode: 'KEN', objectives: [6, 21] },
      ),
    ).toBe(ok);
  });

  it('draws matching earmarked money first, oldest first, then the pool', () => {
    const { sources, shortBy } = planSources(
      1_000n,
      [
        { contributionId: 'b', available: 300n },
        { contributionId: 'a', available: 200n },
      ],
      10_000n,
    );
    expect(sources).toEqual([
      { kind: 'cash_earmarked', contributionId: 'a', amount: -200n, currency: 'USD' },
      { kind: 'cash_earmarked', contributionId: 'b', amount: -300n, currency: 'USD' },
      { kind: 'cash_pool', amount: -500n, currency: 'USD' },
    ]);
    expect(shortBy).toBe(0n);
    expect(planSources(1_000n, [], 400n).shortBy).toBe(600n);
  });

  it('splits sector percentages to exactly 100', () => {
    expect(splitPercent(3)).toEqual(['33.34', '33.33', '33.33']);
    expect(splitPercent(2)).toEqual(['50', '50']);
    for (let n = 1; n <= 23; n++)
      expect(splitPercent(n).reduce((s, p) => s + Math.round(Number(p) * 100), 0)).toBe(10000);
  });

  it('hashes bodies regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
  });

  it('defuses spreadsheet formulas in CSV cells but keeps negative numbers', () => {
    expect(csvSafe('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvSafe('-4761905')).toBe('-4761905');
    expect(csvSafe('@cmd')).toBe("'@cmd");
  });

  it('uses the frozen clock', () => {
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});
