import fc from 'fast-check';
import { attributePooled, returnPooled, splitPro } from './attribution';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('attribution of pooled money', () => {
  it('splits in proportion to what each contribution has unallocated, ties to the older contribution', () => {
    expect(
      attributePooled(100n, [
        { contributionId: id(2), amount: 50n },
        { contributionId: id(1), amount: 50n },
        { contributionId: id(3), amount: 50n },
      ]),
    ).toEqual([
      { contributionId: id(1), amount: 34n },
      { contributionId: id(2), amount: 33n },
      { contributionId: id(3), amount: 33n },
    ]);
    // nothing to those with nothing unallocated; parts of zero are left out
    expect(
      attributePooled(10n, [
        { contributionId: id(1), amount: 0n },
        { contributionId: id(2), amount: -5n },
        { contributionId: id(3), amount: 30n },
      ]),
    ).toEqual([{ contributionId: id(3), amount: 10n }]);
  });

  it('refuses to attribute more than the contributions hold', () => {
    expect(() => attributePooled(11n, [{ contributionId: id(1), amount: 10n }])).toThrow(RangeError);
    expect(() => returnPooled(1n, [])).toThrow(RangeError);
  });

  it('adds up exactly, never takes more than a holder has, and does not depend on the input order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -1000n, max: 10n ** 12n }), { minLength: 1, maxLength: 12 }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        (amounts, raw) => {
          const holders = amounts.map((amount, i) => ({ contributionId: id(i + 1), amount }));
          const total = holders.reduce((s, h) => s + (h.amount > 0n ? h.amount : 0n), 0n);
          const amount = total === 0n ? 0n : raw % (total + 1n);
          const parts = splitPro(amount, holders);
          expect(parts.reduce((s, p) => s + p.amount, 0n)).toBe(amount);
          for (const p of parts) {
            expect(p.amount).toBeGreaterThan(0n);
            expect(p.amount).toBeLessThanOrEqual(holders.find((h) => h.contributionId === p.contributionId)!.amount);
          }
          expect(splitPro(amount, [...holders].reverse())).toEqual(parts);
        },
      ),
    );
  });
});
