import type { RequestResultsFacts, ResultFigure } from '../ports';

/*
 * The public roll-up of results (GET /fund/results): each funded project's indicators with their target
 * and latest accepted actual, grouped by GCM objective, country or implementing organisation. Pure:
 * the service gathers the projects. Figures only: no narrative, no person.
 */

export const RESULTS_GROUPINGS = ['objective', 'country', 'organisation'] as const;
export type ResultsGrouping = (typeof RESULTS_GROUPINGS)[number];

/** A funded project (a request with an approved allocation) and its results framework. */
export interface ResultsProject {
  requestId: string;
  reference: string;
  title: string;
  countryCode: string;
  organisationIds: string[];
  indicators: RequestResultsFacts['indicators'];
}

export interface ResultsFilters {
  objective?: number;
  countryCode?: string;
  organisationId?: string;
}

export interface IndicatorRollUp {
  code: string;
  title: string;
  unit: string;
  measure: 'unit' | 'percentage';
  level: 'outcome' | 'output';
  objectives: number[];
  sexDisaggregated: boolean;
  baseline: ResultFigure & { year: number };
  target: ResultFigure;
  /** The actual of the accepted report with the latest period (actuals are cumulative), or null. */
  latestActual: (ResultFigure & { period: string; periodEnd: string | null }) | null;
  /** latest actual / target, a decimal string; null without an actual or with a zero target. */
  achievement: string | null;
}

export interface ProjectRollUp {
  requestId: string;
  reference: string;
  title: string;
  countryCode: string;
  indicators: IndicatorRollUp[];
}

/** Indicators counting the same unit, summed (counts only: percentages do not add up). */
export interface UnitTotal {
  unit: string;
  indicators: number;
  target: string;
  /** Sum of the latest accepted actuals of those indicators (none reported counts as nothing). */
  actual: string;
  female: string;
  male: string;
}

export interface ResultsGroup {
  key: string;
  projects: number;
  indicators: number;
  /** Indicators with at least one accepted actual. */
  indicatorsReported: number;
  totals: UnitTotal[];
  items: ProjectRollUp[];
}

/** A decimal figure in ten-thousandths (exact; no float). */
export function scaled(figure: string): bigint {
  const [int, frac = ''] = figure.split('.');
  return BigInt(int) * 10000n + BigInt(frac.padEnd(4, '0').slice(0, 4));
}

/** Ten-thousandths back to a decimal figure, without trailing zeros. */
export function unscaled(v: bigint): string {
  const int = v / 10000n;
  const frac = (v % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}

function achievement(actual: string, target: string): string | null {
  const t = scaled(target);
  if (t === 0n) return null;
  const r = (scaled(actual) * 10000n + t / 2n) / t;
  return `${r / 10000n}.${(r % 10000n).toString().padStart(4, '0')}`;
}

export function indicatorRollUp(i: ResultsProject['indicators'][number]): IndicatorRollUp {
  const last = i.actuals.length ? i.actuals[i.actuals.length - 1] : null;
  return {
    code: i.code,
    title: i.title,
    unit: i.unit,
    measure: i.measure,
    level: i.level,
    objectives: i.objectives,
    sexDisaggregated: i.sexDisaggregated,
    baseline: i.baseline,
    target: i.target,
    latestActual: last
      ? {
          value: last.value,
          female: last.female,
          male: last.male,
          other: last.other,
          period: last.period,
          periodEnd: last.periodEnd,
        }
      : null,
    achievement: last ? achievement(last.value, i.target.value) : null,
  };
}

/** The keys a project's indicator counts under in a grouping. */
function keysOf(by: ResultsGrouping, p: ResultsProject, i: ResultsProject['indicators'][number]): string[] {
  if (by === 'objective') return i.objectives.map(String);
  if (by === 'country') return [p.countryCode];
  return p.organisationIds.length ? p.organisationIds : ['none'];
}

/**
 * The projects' indicators grouped: a project counts in every group one of its indicators falls in
 * (by objective, only the indicators linked to that objective). Filters narrow the projects (country,
 * organisation) and the indicators (objective). Groups in key order, projects in reference order.
 */
export function rollUp(projects: readonly ResultsProject[], by: ResultsGrouping, f: ResultsFilters): ResultsGroup[] {
  const groups = new Map<string, Map<string, { p: ResultsProject; indicators: IndicatorRollUp[] }>>();
  const chosen = projects
    .filter((p) => !f.countryCode || p.countryCode === f.countryCode)
    .filter((p) => !f.organisationId || p.organisationIds.includes(f.organisationId))
    .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
  for (const p of chosen)
    for (const i of p.indicators) {
      if (f.objective !== undefined && !i.objectives.includes(f.objective)) continue;
      // filtered by an objective, grouped by objective: that objective's group alone
      const keys = by === 'objective' && f.objective !== undefined ? [String(f.objective)] : keysOf(by, p, i);
      for (const key of keys) {
        const g = groups.get(key) ?? new Map();
        const entry = g.get(p.requestId) ?? { p, indicators: [] };
        entry.indicators.push(indicatorRollUp(i));
        g.set(p.requestId, entry);
        groups.set(key, g);
      }
    }
  const order = (a: string, b: string) => (by === 'objective' ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0);
  return [...groups.keys()].sort(order).map((key) => {
    const items = [...groups.get(key)!.values()];
    const indicators = items.flatMap((e) => e.indicators);
    return {
      key,
      projects: items.length,
      indicators: indicators.length,
      indicatorsReported: indicators.filter((i) => i.latestActual).length,
      totals: unitTotals(indicators),
      items: items.map((e) => ({
        requestId: e.p.requestId,
        reference: e.p.reference,
        title: e.p.title,
        countryCode: e.p.countryCode,
        indicators: e.indicators,
      })),
    };
  });
}

/** Count indicators summed by unit (case and spaces aside); percentages are left out. */
export function unitTotals(indicators: readonly IndicatorRollUp[]): UnitTotal[] {
  const m = new Map<
    string,
    { unit: string; n: number; target: bigint; actual: bigint; female: bigint; male: bigint }
  >();
  for (const i of indicators) {
    if (i.measure !== 'unit') continue;
    const k = i.unit.trim().toLowerCase().replace(/\s+/g, ' ');
    const t = m.get(k) ?? { unit: i.unit.trim(), n: 0, target: 0n, actual: 0n, female: 0n, male: 0n };
    t.n += 1;
    t.target += scaled(i.target.value);
    if (i.latestActual) {
      t.actual += scaled(i.latestActual.value);
      t.female += i.latestActual.female ? scaled(i.latestActual.female) : 0n;
      t.male += i.latestActual.male ? scaled(i.latestActual.male) : 0n;
    }
    m.set(k, t);
  }
  return [...m.keys()].sort().map((k) => {
    const t = m.get(k)!;
    return {
      unit: t.unit,
      indicators: t.n,
      target: unscaled(t.target),
      actual: unscaled(t.actual),
      female: unscaled(t.female),
      male: unscaled(t.male),
    };
  });
}

/** A figure as IATI publishes it: the value, and one more per sex given (dimension sex). */
export interface IatiFigure {
  value: string;
  bySex: { sex: 'female' | 'male' | 'other'; value: string }[];
}

/** One result of the activity's results framework, as IATI `result` carries it. */
export interface IatiResult {
  /** ResultType: 1 output, 2 outcome, 3 impact. */
  type: '1' | '2' | '3';
  title: string;
  indicators: {
    /** IndicatorMeasure: 1 unit, 2 percentage, 5 qualitative. */
    measure: '1' | '2' | '5';
    title: string;
    baseline?: { year: number; isoDate?: string } & IatiFigure;
    periods: { start: string; end: string; target?: IatiFigure; actual?: IatiFigure }[];
  }[];
}

const iatiFigure = (f: ResultFigure): IatiFigure => ({
  value: f.value,
  bySex: (['female', 'male', 'other'] as const).flatMap((sex) => (f[sex] !== null ? [{ sex, value: f[sex]! }] : [])),
});

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Dated actuals as periods that do not overlap (IATI periods of an indicator must not): in order of
 * their end (then of submission, as given); one starting on or before the previous end starts the day
 * after it (actuals are cumulative, so the figure stands for its end); one ending on the same day
 * replaces the previous figure in its period (e.g. a final report over the whole project after the
 * last quarter's: the newer figure).
 */
function sequential<A extends { periodStart: string | null; periodEnd: string | null }>(actuals: readonly A[]) {
  const dated = actuals
    .filter((a): a is A & { periodStart: string; periodEnd: string } => !!a.periodStart && !!a.periodEnd)
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0));
  const out: (A & { periodStart: string; periodEnd: string })[] = [];
  for (const a of dated) {
    const prev = out[out.length - 1];
    if (!prev || a.periodStart > prev.periodEnd) out.push(a);
    else if (a.periodEnd > prev.periodEnd) out.push({ ...a, periodStart: nextDay(prev.periodEnd) });
    else out[out.length - 1] = { ...a, periodStart: prev.periodStart };
  }
  return out;
}

/**
 * A project's framework as IATI results: each outcome (type 2) and output (type 1) with its indicators;
 * a period per accepted report with its dates, carrying the target and the (cumulative) actual; before
 * any, one period over the project's span (`start` to `end`) with the target alone.
 */
export function iatiResults(indicators: ResultsProject['indicators'], start: string, end: string): IatiResult[] {
  const results = new Map<string, IatiResult>();
  for (const i of indicators) {
    const key = `${i.outcomeCode}/${i.outputCode ?? ''}`;
    const r = results.get(key) ?? { type: i.level === 'outcome' ? '2' : '1', title: i.resultTitle, indicators: [] };
    const dated = sequential(i.actuals);
    r.indicators.push({
      measure: i.measure === 'percentage' ? '2' : '1',
      title: `${i.title} (${i.unit})`,
      baseline: { year: i.baseline.year, ...iatiFigure(i.baseline) },
      periods: dated.length
        ? dated.map((a) => ({
            start: a.periodStart,
            end: a.periodEnd,
            target: iatiFigure(i.target),
            actual: iatiFigure(a),
          }))
        : [{ start, end, target: iatiFigure(i.target) }],
    });
    results.set(key, r);
  }
  return [...results.values()];
}
