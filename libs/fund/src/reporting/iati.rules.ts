import { utc } from '@date-fns/utc';
import { addDays, addMonths, differenceInCalendarDays } from 'date-fns';
import { allocateProRata } from '@cbm/core';

/** A budget period (ISO dates, both inclusive) and its share of the activity's budget, in minor units. */
export interface BudgetPeriod {
  start: string;
  end: string;
  value: bigint;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The last day of an activity that starts on `start` (ISO date) and lasts `months` months. */
export function plannedEnd(start: string, months: number): string {
  return iso(addDays(addMonths(day(start), months, { in: utc }), -1, { in: utc }));
}

/**
 * The activity's budget over its planned dates, split by calendar year (IATI ruleset 7.5.3: a budget
 * period is at most one year; calendar years also let the organisation file add activities up per
 * year). Each period gets its share of the amount in proportion to its days, by largest remainder, so
 * the periods add up to the amount exactly; they follow each other without a gap or an overlap.
 */
export function budgetPeriods(start: string, end: string, amount: bigint): BudgetPeriod[] {
  if (end < start) throw new Error(`budget period ends (${end}) before it starts (${start})`);
  const spans: { start: string; end: string }[] = [];
  for (let from = start; from <= end;) {
    const yearEnd = `${from.slice(0, 4)}-12-31`;
    const to = yearEnd < end ? yearEnd : end;
    spans.push({ start: from, end: to });
    from = iso(addDays(day(to), 1, { in: utc }));
  }
  const days = spans.map((s) => BigInt(differenceInCalendarDays(day(s.end), day(s.start), { in: utc }) + 1));
  const values = allocateProRata(amount, days);
  return spans.map((s, i) => ({ ...s, value: values[i] }));
}

/** The codes of the policy markers the fund publishes in its own vocabulary (99). */
export const OWN_POLICY_MARKERS = { humanRights: 'HRM', childSensitivity: 'CSM' } as const;

/**
 * The assessment's markers (0-3, the UN gender equality marker's scale: 0 no contribution, 1 limited,
 * 2 significant, 3 principal objective) as OECD DAC policy significance (PolicySignificance codelist:
 * 0 not targeted, 1 significant objective, 2 principal objective; 3 is reserved for the desertification
 * marker, 4 for the RMNCH marker). The mapping the UN system uses between the two: a limited contribution does not qualify.
 */
export function policySignificance(marker: number): '0' | '1' | '2' {
  if (marker >= 3) return '2';
  if (marker === 2) return '1';
  return '0';
}

/** Percentages that add up to exactly 100 with two decimals. */
export function splitPercent(n: number): string[] {
  if (n === 0) return [];
  const base = Math.floor(10000 / n);
  return Array.from({ length: n }, (_, i) => base + (i < 10000 - base * n ? 1 : 0)).map(
    (v) => `${Math.floor(v / 100)}${v % 100 ? `.${String(v % 100).padStart(2, '0')}` : ''}`,
  );
}
