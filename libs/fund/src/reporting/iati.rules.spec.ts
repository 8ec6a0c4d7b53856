import { budgetPeriods, plannedEnd, policySignificance } from './iati.rules';

const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000 + 1;

describe('IATI rules', () => {
  it('ends an activity the day before its duration is up', () => {
    expect(plannedEnd('2026-03-15', 18)).toBe('2027-09-14');
    expect(plannedEnd('2026-01-31', 1)).toBe('2026-02-27'); // the month is clamped, then the day before
    expect(plannedEnd('2026-12-07', 24)).toBe('2028-12-06');
  });

  it('splits a budget into calendar-year periods of at most a year that follow each other and add up', () => {
    const p = budgetPeriods('2026-12-07', '2028-06-06', 15_000_000n);
    expect(p.map((x) => [x.start, x.end])).toEqual([
      ['2026-12-07', '2026-12-31'],
      ['2027-01-01', '2027-12-31'],
      ['2028-01-01', '2028-06-06'],
    ]);
    expect(p.reduce((s, x) => s + x.value, 0n)).toBe(15_000_000n);
    // in proportion to the days: 25, 365 and 158 days of 548
    expect(p.map((x) => x.value)).toEqual([684_307n, 9_990_876n, 4_324_817n]);
    for (const x of p) expect(days(x.start, x.end)).toBeLessThanOrEqual(366);
  });

  it('keeps exact sums for any start, duration and amount (largest remainder)', () => {
    for (const [start, months, amount] of [
      ['2024-02-29', 24, 1n],
      ['2026-01-01', 12, 999_999_999n],
      ['2026-07-19', 7, 12_345n],
      ['2025-12-31', 36, 100_000_000n],
    ] as const) {
      const end = plannedEnd(start, months);
      const p = budgetPeriods(start, end, amount);
      expect(p[0].start).toBe(start);
      expect(p[p.length - 1].end).toBe(end);
      expect(p.reduce((s, x) => s + x.value, 0n)).toBe(amount);
      for (let i = 1; i < p.length; i++) expect(days(p[i - 1].end, p[i].start)).toBe(2); // the next day
      for (const x of p) expect(x.start.slice(0, 4)).toBe(x.end.slice(0, 4));
    }
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => budgetPeriods('2026-05-01', '2026-04-30', 1n)).toThrow(/before it starts/);
  });

  it('maps the UN 0-3 markers to OECD DAC significance (0 not targeted, 1 significant, 2 principal)', () => {
    expect([0, 1, 2, 3].map(policySignificance)).toEqual(['0', '0', '1', '2']);
  });
});
