import type { ResultIndicatorFact } from '../ports';

/**
 * The indicators of a plan's results framework, for the fund's marker checks (a gender marker that claims a
 * principal objective needs a sex-disaggregated indicator). The framework is built in parallel (issue 12,
 * item 3); until its `results` field exists on the plan this answers an empty list. It reads the field
 * structurally, whatever its nesting (outcomes → outputs → indicators): every object of an `indicators` array
 * found under `results` is an indicator; `sexDisaggregated` is true only when the indicator says so.
 * One file, so reconciling with the framework's typed shape is one change here.
 */
export function resultIndicatorsOf(plan: object | null): ResultIndicatorFact[] {
  if (!plan || !('results' in plan)) return [];
  const found: ResultIndicatorFact[] = [];
  const walk = (node: unknown, inIndicators: boolean): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, inIndicators);
      return;
    }
    if (!isRecord(node)) return;
    if (inIndicators)
      found.push({
        code: typeof node.code === 'string' ? node.code : null,
        title: typeof node.title === 'string' ? node.title : null,
        sexDisaggregated: node.sexDisaggregated === true,
      });
    for (const [key, value] of Object.entries(node)) walk(value, key === 'indicators');
  };
  walk(plan.results, false);
  return found;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
