import fc from 'fast-check';
import { DomainError } from '@cbm/core';
import { accountKey, assertBalanced, balancesOf, compact, netByCurrency, Posting, reversal } from './ledger';

const line = (kind: Posting['kind'], amount: bigint, currency = 'USD', dims: Partial<Posting> = {}): Posting => ({
  kind,
  amount,
  currency,
  ...dims,
});

describe('ledger', () => {
  it('names accounts by kind and dimensions', () => {
    expect(accountKey({ kind: 'cash_pool' })).toBe('cash_pool');
    expect(accountKey({ kind: 'transfer', allocationId: 'a', organisationId: 'o' })).toBe('transfer::a:o');
    expect(accountKey({ kind: 'receivable', contributionId: 'c' })).toBe('receivable:c');
  });

  it.each([
    ['one line', [line('cash_pool', 5n)]],
    ['a zero line', [line('cash_pool', 0n), line('allocation', 0n)]],
    ['unbalanced', [line('cash_pool', -5n), line('allocation', 4n)]],
    ['balanced overall but not per currency', [line('receivable', -5n, 'EUR'), line('cash_pool', 5n, 'USD')]],
    ['not a currency code', [line('cash_pool', -5n, 'usd'), line('allocation', 5n, 'usd')]],
  ])('refuses %s', (_, lines) => {
    expect(() => assertBalanced(lines)).toThrow(DomainError);
  });

  it('accepts a multi-currency deposit that balances per currency', () => {
    expect(() =>
      assertBalanced([
        line('receivable', -1000n, 'SEK', { contributionId: 'c' }),
        line('deposit_clearing', 1000n, 'SEK', { contributionId: 'c' }),
        line('deposit_clearing', -95n, 'USD', { contributionId: 'c' }),
        line('cash_pool', 94n),
        line('admin_fee', 1n, 'USD', { contributionId: 'c' }),
      ]),
    ).not.toThrow();
  });

  const posting = fc.record({
    kind: fc.constantFrom<Posting['kind']>('cash_pool', 'allocation', 'transfer', 'expenditure', 'receivable'),
    allocationId: fc.constantFrom('a1', 'a2', null),
    amount: fc.bigInt({ min: 1n, max: 10n ** 15n }),
    currency: fc.constantFrom('USD', 'EUR'),
  });
  /** A balanced entry: each posting paired with its opposite on another account. */
  const entry = fc
    .array(fc.tuple(posting, posting), { minLength: 1, maxLength: 6 })
    .map((pairs) =>
      pairs.flatMap(([a, b]) => [a as Posting, { ...b, amount: -a.amount, currency: a.currency } as Posting]),
    );

  it('a reversal cancels its entry on every account (property)', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 10 }), (entries) => {
        for (const e of entries) assertBalanced(e);
        const all = entries.flatMap((e) => [...e, ...reversal(e)]);
        expect([...balancesOf(all).values()].every((v) => v === 0n)).toBe(true);
        expect([...netByCurrency(entries.flat()).values()].every((v) => v === 0n)).toBe(true);
      }),
    );
  });

  it('compacting keeps each account balance (property)', () => {
    fc.assert(
      fc.property(entry, (e) => {
        const before = balancesOf(e);
        const after = balancesOf(compact(e));
        for (const [k, v] of before) expect(after.get(k) ?? 0n).toBe(v);
      }),
    );
  });
});
