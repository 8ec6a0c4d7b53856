import type { components } from '../../api/schema';

type S = components['schemas'];
export type MechanismDashboard = S['MechanismDashboardView'];
type RequestCountRow = S['RequestCountRowView'];
type DurationRow = S['DurationRowView'];
type ServiceLevelRow = S['ServiceLevelRowView'];

/** "2026-Q1" → { year: '2026', q: '1' } (the API's quarters are UTC calendar quarters). */
export function splitQuarter(quarter: string): { year: string; q: string } {
  const [year, q] = quarter.split('-Q');
  return { year, q: q ?? '' };
}

/**
 * Requests filed, summed by one dimension. Status, region and quarter read the rows over all objectives
 * (each request once); objective reads the per-objective rows (a request counts under each of its objectives).
 * Largest first, then by key.
 */
export function requestTotals(
  rows: RequestCountRow[],
  by: 'quarter' | 'status' | 'region' | 'objective',
): { key: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const r of rows) {
    if ((by === 'objective') !== (r.objective !== null)) continue;
    const key = String(r[by]);
    totals.set(key, (totals.get(key) ?? 0) + r.count);
  }
  const list = [...totals].map(([key, count]) => ({ key, count }));
  return by === 'quarter'
    ? list.sort((a, b) => a.key.localeCompare(b.key))
    : list.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'en', { numeric: true }));
}

export interface DurationLine {
  quarter: string;
  /** null: all regions. */
  region: string | null;
  triage: { median: number; count: number } | null;
  decision: { median: number; count: number } | null;
  first_transfer: { median: number; count: number } | null;
}

/** One line per quarter and region (all regions first), a cell per step; newest quarter first. */
export function durationLines(rows: DurationRow[]): DurationLine[] {
  const lines = new Map<string, DurationLine>();
  for (const r of rows) {
    const key = `${r.quarter}|${r.region ?? ''}`;
    const line = lines.get(key) ?? {
      quarter: r.quarter,
      region: r.region,
      triage: null,
      decision: null,
      first_transfer: null,
    };
    line[r.step] = { median: r.medianDays, count: r.count };
    lines.set(key, line);
  }
  return [...lines.values()].sort(
    (a, b) =>
      b.quarter.localeCompare(a.quarter) ||
      (a.region === null ? -1 : b.region === null ? 1 : a.region.localeCompare(b.region)),
  );
}

export interface ServiceLevelLine {
  quarter: string;
  steps: Record<ServiceLevelRow['step'], { done: number; withinLevel: number; share: number | null } | null>;
}

/** One line per quarter (newest first), a cell per step. */
export function serviceLevelLines(rows: ServiceLevelRow[]): ServiceLevelLine[] {
  const lines = new Map<string, ServiceLevelLine>();
  for (const r of rows) {
    const line = lines.get(r.quarter) ?? {
      quarter: r.quarter,
      steps: { triage: null, information: null, assessment: null },
    };
    line.steps[r.step] = { done: r.done, withinLevel: r.withinLevel, share: r.share };
    lines.set(r.quarter, line);
  }
  return [...lines.values()].sort((a, b) => b.quarter.localeCompare(a.quarter));
}
