import fc from 'fast-check';
import { allocateProRata, bps, parseMinor } from './money';

describe('money', () => {
  it.each([
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [10n, [1n, 0n], [10n, 0n]],
    [0n, [5n, 5n], [0n, 0n]],
    [7n, [0n, 0n], [0n, 0n]],
  ])('splits %s pro rata to %j', (total, weights, expected) => {
    expect(allocateProRata(total, weights)).toEqual(expected);
  });

  it('never loses or creates a minor unit when splitting', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const parts = allocateProRata(total, weights);
          const sumW = weights.reduce((a, b) => a + b, 0n);
          const sum = parts.reduce((a, b) => a + b, 0n);
          return sumW === 0n ? sum === 0n : sum === total && parts.every((p) => p >= 0n);
        },
      ),
    );
  });

  it('takes basis points rounding half up', () => {
    expect(bps(10_000n, 100)).toBe(100n);
    expect(bps(150n, 100)).toBe(2n);
    expect(bps(149n, 100)).toBe(1n);
  });

  it('refuses amounts that are not integer minor units', () => {
    expect(parseMinor('1250000')).toBe(1250000n);
    for (const bad of ['1.5', '1e3', '', ' 1', '0x10', '9999999999999999999'])
      expect(() => parseMinor(bad)).toThrow(/minor units/);
  });
});
