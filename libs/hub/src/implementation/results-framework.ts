/*
 * The results framework of an implementation plan (outcomes, their outputs, indicators) and the rules a
 * plan and a report's actuals must follow. Pure functions: the service turns their findings into 422s.
 */

/** IATI IndicatorMeasure 1 (unit: a count of something) and 2 (percentage). */
export const INDICATOR_MEASURES = ['unit', 'percentage'] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

/**
 * The UNDG harmonised cost categories (the Migration MPTF's budget and expenditure lines), in their
 * usual order. Expenditure in a report is broken down by these, in minor units of the plan's currency.
 */
export const COST_CATEGORIES = [
  'staff',
  'supplies',
  'equipment',
  'contractual_services',
  'travel',
  'transfers_and_grants',
  'general_operating',
  'indirect_support_costs',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** A decimal figure as text: up to 12 integer digits and 4 decimals, never negative. */
export const FIGURE = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;

/** A value with, when the indicator is disaggregated by sex, its breakdown (null when not given). */
export interface IndicatorFigure {
  value: string;
  female: string | null;
  male: string | null;
  other: string | null;
}

export interface PlanIndicator {
  code: string;
  title: string;
  /** What is counted ("people trained", "%"), free text. */
  unit: string;
  measure: IndicatorMeasure;
  baseline: IndicatorFigure & { year: number };
  /** End-of-project target; actuals are cumulative, so the latest accepted actual compares with it. */
  target: IndicatorFigure;
  meansOfVerification: string;
  sexDisaggregated: boolean;
  /** GCM objectives (1-23) of the request the indicator measures. */
  objectives: number[];
}

export interface PlanOutput {
  code: string;
  title: string;
  indicators: PlanIndicator[];
}

export interface PlanOutcome {
  code: string;
  title: string;
  indicators: PlanIndicator[];
  outputs: PlanOutput[];
}

/** An indicator of the framework with where it sits (an outcome's, or an output's of that outcome). */
export interface PlacedIndicator extends PlanIndicator {
  level: 'outcome' | 'output';
  outcomeCode: string;
  outputCode: string | null;
  resultTitle: string;
}

/** A report's actual for one indicator (cumulative to the end of the report's period). */
export interface IndicatorActual extends IndicatorFigure {
  code: string;
}

export interface ExpenditureLine {
  category: CostCategory;
  /** Minor units of the plan's currency. */
  amount: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Every indicator of the framework, outcomes' first, each outcome followed by its outputs'. */
export function indicatorsOf(outcomes: readonly PlanOutcome[]): PlacedIndicator[] {
  return outcomes.flatMap((o) => [
    ...o.indicators.map((i) => ({
      ...i,
      level: 'outcome' as const,
      outcomeCode: o.code,
      outputCode: null,
      resultTitle: o.title,
    })),
    ...o.outputs.flatMap((p) =>
      p.indicators.map((i) => ({
        ...i,
        level: 'output' as const,
        outcomeCode: o.code,
        outputCode: p.code,
        resultTitle: p.title,
      })),
    ),
  ]);
}

/** A figure in ten-thousandths, exactly (no floating point: sums must match to the last decimal). */
export function scaled(figure: string): bigint {
  const [int, frac = ''] = figure.split('.');
  return BigInt(int) * 10000n + BigInt(frac.padEnd(4, '0'));
}

/** The problems of one value against its indicator: breakdown only when disaggregated, and summing to the value. */
export function figureProblems(
  field: string,
  figure: IndicatorFigure,
  i: Pick<PlanIndicator, 'sexDisaggregated' | 'measure'>,
): FieldProblem[] {
  const parts = [figure.female, figure.male, figure.other];
  const given = parts.filter((p): p is string => p !== null);
  const problems: FieldProblem[] = [];
  if (i.measure === 'percentage' && scaled(figure.value) > 100n * 10000n)
    problems.push({ field, message: 'a percentage is at most 100' });
  if (!given.length) return problems;
  if (!i.sexDisaggregated)
    return [...problems, { field, message: 'the indicator is not disaggregated by sex: give the value alone' }];
  if (i.measure === 'unit') {
    const sum = given.reduce((s, p) => s + scaled(p), 0n);
    if (sum !== scaled(figure.value))
      problems.push({
        field,
        message: `female, male and other add up to ${given.join(' + ')}, not the value ${figure.value}`,
      });
  }
  return problems;
}

/**
 * The framework's problems: codes unique (results among results, indicators among indicators), each
 * indicator linked to at least one of the request's GCM objectives, baseline and target consistent
 * with the indicator's disaggregation and measure.
 */
export function frameworkProblems(
  outcomes: readonly PlanOutcome[],
  requestObjectives: readonly number[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const resultCodes = outcomes.flatMap((o) => [o.code, ...o.outputs.map((p) => p.code)]);
  const dupResults = [...new Set(resultCodes.filter((c, n) => resultCodes.indexOf(c) !== n))];
  if (dupResults.length)
    problems.push({ field: 'results', message: `outcome and output codes must be unique: ${dupResults.join(', ')}` });
  const all = indicatorsOf(outcomes);
  const codes = all.map((i) => i.code);
  const dupIndicators = [...new Set(codes.filter((c, n) => codes.indexOf(c) !== n))];
  if (dupIndicators.length)
    problems.push({ field: 'results', message: `indicator codes must be unique: ${dupIndicators.join(', ')}` });
  const allowed = new Set(requestObjectives);
  for (const i of all) {
    const field = `results.indicators.${i.code}`;
    const foreign = i.objectives.filter((o) => !allowed.has(o));
    if (!i.objectives.length)
      problems.push({ field: `${field}.objectives`, message: "link the indicator to one of the request's objectives" });
    if (foreign.length)
      problems.push({
        field: `${field}.objectives`,
        message: `objective(s) ${foreign.join(', ')} are not the request's (${[...allowed].join(', ')})`,
      });
    problems.push(...figureProblems(`${field}.baseline`, i.baseline, i));
    problems.push(...figureProblems(`${field}.target`, i.target, i));
  }
  return problems;
}

/** A report's actuals against the plan's framework: known indicators, each once, breakdowns consistent. */
export function actualsProblems(outcomes: readonly PlanOutcome[], actuals: readonly IndicatorActual[]): FieldProblem[] {
  const byCode = new Map(indicatorsOf(outcomes).map((i) => [i.code, i]));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const a of actuals) {
    const field = `indicatorActuals.${a.code}`;
    const i = byCode.get(a.code);
    if (!i) {
      problems.push({ field, message: `no indicator ${a.code} in the plan's results framework` });
      continue;
    }
    if (seen.has(a.code)) problems.push({ field, message: 'one actual per indicator' });
    seen.add(a.code);
    problems.push(...figureProblems(field, a, i));
  }
  return problems;
}

/** Expenditure lines: each category once. */
export function expenditureProblems(lines: readonly ExpenditureLine[]): FieldProblem[] {
  const cats = lines.map((l) => l.category);
  const dup = [...new Set(cats.filter((c, n) => cats.indexOf(c) !== n))];
  return dup.length ? [{ field: 'expenditure', message: `one line per cost category: ${dup.join(', ')}` }] : [];
}

/** What a report contributes to results: its period and actuals (never its narrative). */
export interface ReportActuals {
  id: string;
  kind: string;
  status: string;
  period: string;
  periodStart: string | null;
  periodEnd: string | null;
  indicatorActuals: IndicatorActual[];
}

export interface ActualInPeriod extends IndicatorFigure {
  reportId: string;
  kind: string;
  status: string;
  period: string;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface IndicatorProgress extends PlacedIndicator {
  /** Every actual reported, in period order. */
  actuals: ActualInPeriod[];
  /** The actual of the accepted report with the latest period (actuals are cumulative), or null. */
  latestAccepted: ActualInPeriod | null;
}

/**
 * Each indicator of the framework with its actuals over the reports' periods (in the order given:
 * period order), and the latest accepted one. Actuals of indicators no longer in the framework drop out.
 */
export function progressOf(outcomes: readonly PlanOutcome[], reports: readonly ReportActuals[]): IndicatorProgress[] {
  return indicatorsOf(outcomes).map((i) => {
    const actuals = reports.flatMap((r) =>
      r.indicatorActuals
        .filter((a) => a.code === i.code)
        .map((a): ActualInPeriod => ({
          reportId: r.id,
          kind: r.kind,
          status: r.status,
          period: r.period,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          value: a.value,
          female: a.female,
          male: a.male,
          other: a.other,
        })),
    );
    const accepted = actuals.filter((a) => a.status === 'accepted');
    return { ...i, actuals, latestAccepted: accepted.length ? accepted[accepted.length - 1] : null };
  });
}
