import { addWorkingDays, workingDaysBetween } from './clock';

describe('working days', () => {
  it.each([
    ['2026-11-27T10:00:00Z', 1, '2026-11-30T10:00:00.000Z'], // Friday + 1 → Monday
    ['2026-11-23T10:00:00Z', 5, '2026-11-30T10:00:00.000Z'], // Monday + 5 → next Monday
    ['2026-11-28T10:00:00Z', 1, '2026-11-30T10:00:00.000Z'], // Saturday + 1 → Monday
  ])('%s + %d working days = %s', (from, days, expected) => {
    expect(addWorkingDays(new Date(from), days).toISOString()).toBe(expected);
  });

  it('counts working days between two instants', () => {
    expect(workingDaysBetween(new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))).toBe(5);
    expect(workingDaysBetween(new Date('2026-11-30T00:00:00Z'), new Date('2026-11-23T00:00:00Z'))).toBe(0);
  });
});
