import { addWorkingDays, workingDaysBetween } from './clock';

describe('working days', () => {
  it.each([
    ['2026-11-27T10:00:00Z', 1, '2026-11-30T10:00:00.000Z'], // Friday + 1 → Monday
    ['2026-11-23T10:00:00Z', 5, '2026-11-30T10:00:00.000Z'], // Monday + 5 → next Monday
    ['2026-11-28T10:00:00Z', 1, '2026-11-30T10:00:00.000Z'], // Saturday + 1 → Monday
    ['2026-11-28T10:00:00Z', 5, '2026-12-04T10:00:00.000Z'], // Saturday + 5 → Friday
    ['2026-11-29T10:00:00Z', 10, '2026-12-11T10:00:00.000Z'], // Sunday + 10 → Friday after next
    ['2026-11-25T23:30:00Z', 2, '2026-11-27T23:30:00.000Z'], // late Wednesday (UTC) + 2 → Friday, same time
    ['2026-11-25T10:00:00Z', 0, '2026-11-25T10:00:00.000Z'],
  ])('%s + %d working days = %s', (from, days, expected) => {
    expect(addWorkingDays(new Date(from), days).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z', 5], // a whole week
    ['2026-11-30T00:00:00Z', '2026-11-23T00:00:00Z', 0], // backwards
    ['2026-11-27T17:00:00Z', '2026-11-30T09:00:00Z', 0], // Friday evening to Monday morning: two whole days, a weekend
    ['2026-11-28T10:00:00Z', '2026-11-30T10:00:00Z', 1], // Saturday to Monday: the day ending on Monday
    ['2026-11-27T10:00:00Z', '2026-11-28T10:00:00Z', 0], // Friday to Saturday
    ['2026-11-30T17:00:00Z', '2026-12-01T09:00:00Z', 0], // less than a day
    ['2026-12-02T10:00:00Z', '2026-12-09T10:00:00Z', 5],
  ])('between %s and %s: %d working days', (from, to, expected) => {
    expect(workingDaysBetween(new Date(from), new Date(to))).toBe(expected);
  });
});
