/**
 * The mechanism's dashboard, the pure part: the shapes the repository's SQL answers, the rates worked out
 * from its counts, and the open-data CSV (one long table). The SQL (mechanism-dashboard.repository.ts)
 * does the counting, the grouping and the medians.
 */

/** Requests filed, by the quarter of their first submission; `objective` null: all objectives (each request once). */
export interface RequestCountRow {
  quarter: string;
  status: string;
  region: string;
  objective: number | null;
  count: number;
}

export const DURATION_STEPS = ['triage', 'decision', 'first_transfer'] as const;
export type DurationStep = (typeof DURATION_STEPS)[number];

/**
 * Median calendar days of a step, for the requests filed in `quarter` that took it: submission → triage start,
 * submission → decision (approve or decline), approval → first transfer. `region` null: all regions.
 */
export interface DurationRow {
  quarter: string;
  region: string | null;
  step: DurationStep;
  count: number;
  medianDays: number;
}

export const SERVICE_LEVEL_STEPS = ['triage', 'information', 'assessment'] as const;
export type ServiceLevelStep = (typeof SERVICE_LEVEL_STEPS)[number];

/** Clocks that ended in `quarter` (service-level clocks, sla/sla-clocks.ts) and how many ended by their due date. */
export interface ServiceLevelRow {
  quarter: string;
  step: ServiceLevelStep;
  done: number;
  withinLevel: number;
  share: number | null;
}

/** What one lead organisation owed and delivered by today, and what it spent of what the fund transferred to it. */
export interface PartnerCounts {
  organisationId: string;
  name: string | null;
  acronym: string | null;
  reportsDue: number;
  reportsOnTime: number;
  milestonesDue: number;
  milestonesDone: number;
  /** USD minor units. */
  transferred: string;
  spent: string;
}
export interface PartnerDeliveryRow extends PartnerCounts {
  reportRate: number | null;
  milestoneRate: number | null;
  expenditureRate: number | null;
}

/** part / whole to three decimals, null when there is nothing to divide. */
export function share(part: number | bigint, whole: number | bigint): number | null {
  if (Number(whole) === 0) return null;
  if (typeof part === 'bigint' || typeof whole === 'bigint') {
    const p = BigInt(part);
    const w = BigInt(whole);
    // rounded half up on the thousandths, in integers (amounts may pass 2^53)
    return Number((p * 2000n + w) / (2n * w)) / 1000;
  }
  return Math.round((part / whole) * 1000) / 1000;
}

/** The rates of each organisation, sorted by name (acronym, then id) so the table and the file read the same. */
export function partnerDelivery(rows: PartnerCounts[]): PartnerDeliveryRow[] {
  return rows
    .map((r) => ({
      ...r,
      reportRate: share(r.reportsOnTime, r.reportsDue),
      milestoneRate: share(r.milestonesDone, r.milestonesDue),
      expenditureRate: share(BigInt(r.spent), BigInt(r.transferred)),
    }))
    .sort(
      (a, b) =>
        (a.acronym ?? '').localeCompare(b.acronym ?? '') ||
        (a.name ?? '').localeCompare(b.name ?? '') ||
        a.organisationId.localeCompare(b.organisationId),
    );
}

/** The country → M49 region table the SQL joins on (two parallel arrays for `unnest`). */
export function regionTable(countries: readonly { code: string; region: string }[]): [string[], string[]] {
  return [countries.map((c) => c.code), countries.map((c) => c.region)];
}

export const DASHBOARD_CSV_COLUMNS = [
  'table',
  'quarter',
  'status',
  'region',
  'objective',
  'step',
  'organisation',
  'measure',
  'value',
] as const;
type CsvRow = Record<(typeof DASHBOARD_CSV_COLUMNS)[number], string>;

export interface DashboardFigures {
  requests: RequestCountRow[];
  durations: DurationRow[];
  serviceLevels: ServiceLevelRow[];
  partners: PartnerDeliveryRow[];
}

/**
 * The dashboard as one long CSV table (tidy data: one measure a row), `table` naming the part; an empty
 * cell is "all" for region and objective, as in the JSON's null.
 */
export function dashboardCsvRows(d: DashboardFigures): CsvRow[] {
  const blank: CsvRow = {
    table: '',
    quarter: '',
    status: '',
    region: '',
    objective: '',
    step: '',
    organisation: '',
    measure: '',
    value: '',
  };
  const num = (v: number | null) => (v === null ? '' : String(v));
  const rows: CsvRow[] = [];
  for (const r of d.requests)
    rows.push({
      ...blank,
      table: 'requests',
      quarter: r.quarter,
      status: r.status,
      region: r.region,
      objective: num(r.objective),
      measure: 'count',
      value: String(r.count),
    });
  for (const r of d.durations) {
    const base = { ...blank, table: 'durations', quarter: r.quarter, region: r.region ?? '', step: r.step };
    rows.push({ ...base, measure: 'count', value: String(r.count) });
    rows.push({ ...base, measure: 'median_days', value: String(r.medianDays) });
  }
  for (const r of d.serviceLevels) {
    const base = { ...blank, table: 'service_levels', quarter: r.quarter, step: r.step };
    rows.push({ ...base, measure: 'done', value: String(r.done) });
    rows.push({ ...base, measure: 'within_level', value: String(r.withinLevel) });
    rows.push({ ...base, measure: 'share', value: num(r.share) });
  }
  for (const p of d.partners) {
    const base = { ...blank, table: 'partners', organisation: p.acronym ?? p.name ?? p.organisationId };
    for (const [measure, value] of [
      ['reports_due', String(p.reportsDue)],
      ['reports_on_time', String(p.reportsOnTime)],
      ['report_rate', num(p.reportRate)],
      ['milestones_due', String(p.milestonesDue)],
      ['milestones_done', String(p.milestonesDone)],
      ['milestone_rate', num(p.milestoneRate)],
      ['transferred_usd_minor', p.transferred],
      ['spent_usd_minor', p.spent],
      ['expenditure_rate', num(p.expenditureRate)],
    ] as const)
      rows.push({ ...base, measure, value });
  }
  return rows;
}
