import {
  actualsProblems,
  expenditureProblems,
  frameworkProblems,
  indicatorsOf,
  PlanIndicator,
  PlanOutcome,
  progressOf,
  scaled,
} from './results-framework';

const figure = (
  value: string,
  female: string | null = null,
  male: string | null = null,
  other: string | null = null,
) => ({
  value,
  female,
  male,
  other,
});
const indicator = (code: string, o: Partial<PlanIndicator> = {}): PlanIndicator => ({
  code,
  title: `indicator ${code}`,
  unit: 'people',
  measure: 'unit',
  baseline: { year: 2026, ...figure('0') },
  target: figure('100'),
  meansOfVerification: 'registers',
  sexDisaggregated: false,
  objectives: [21],
  ...o,
});
const framework = (...outcomes: Partial<PlanOutcome>[]): PlanOutcome[] =>
  outcomes.map((o, n) => ({ code: `OC${n + 1}`, title: `outcome ${n + 1}`, indicators: [], outputs: [], ...o }));
const fields = (ps: { field: string }[]) => ps.map((p) => p.field);

describe('results framework', () => {
  it('places indicators: the outcome first, then its outputs', () => {
    const f = framework({
      indicators: [indicator('A')],
      outputs: [{ code: 'OP1', title: 'output', indicators: [indicator('B')] }],
    });
    expect(indicatorsOf(f).map((i) => [i.code, i.level, i.outcomeCode, i.outputCode])).toEqual([
      ['A', 'outcome', 'OC1', null],
      ['B', 'output', 'OC1', 'OP1'],
    ]);
  });

  it('accepts a consistent framework', () => {
    const f = framework({
      indicators: [
        indicator('A', { sexDisaggregated: true, target: figure('100', '60', '39.5', '0.5') }),
        indicator('P', { measure: 'percentage', target: figure('75') }),
      ],
      outputs: [{ code: 'OP1', title: 'o', indicators: [indicator('B', { objectives: [5, 21] })] }],
    });
    expect(frameworkProblems(f, [5, 21])).toEqual([]);
  });

  it.each([
    ['an objective the request does not have', indicator('A', { objectives: [3] }), 'results.indicators.A.objectives'],
    ['no objective', indicator('A', { objectives: [] }), 'results.indicators.A.objectives'],
    [
      'a breakdown on an indicator not disaggregated',
      indicator('A', { target: figure('10', '5', '5') }),
      'results.indicators.A.target',
    ],
    [
      'a breakdown not adding up',
      indicator('A', { sexDisaggregated: true, baseline: { year: 2026, ...figure('10', '5', '4') } }),
      'results.indicators.A.baseline',
    ],
    [
      'a percentage over 100',
      indicator('A', { measure: 'percentage', target: figure('100.5') }),
      'results.indicators.A.target',
    ],
  ])('refuses %s', (_what, i, field) => {
    expect(fields(frameworkProblems(framework({ indicators: [i] }), [21]))).toEqual([field]);
  });

  it('refuses duplicate codes of results and of indicators', () => {
    const f = framework(
      { indicators: [indicator('A')], outputs: [{ code: 'OC2', title: 'dup', indicators: [indicator('A')] }] },
      {},
    );
    expect(frameworkProblems(f, [21]).map((p) => p.message)).toEqual([
      'outcome and output codes must be unique: OC2',
      'indicator codes must be unique: A',
    ]);
  });
});

describe("a report's actuals", () => {
  const f = framework({
    indicators: [indicator('A', { sexDisaggregated: true }), indicator('B')],
  });
  const actual = (code: string, value: string, female: string | null = null, male: string | null = null) => ({
    code,
    ...figure(value, female, male),
  });

  it('accepts actuals of known indicators, with a breakdown adding up', () => {
    expect(actualsProblems(f, [actual('A', '30', '20', '10'), actual('B', '7')])).toEqual([]);
  });
  it('accepts a disaggregated indicator given as a total alone', () => {
    expect(actualsProblems(f, [actual('A', '30')])).toEqual([]);
  });
  it.each([
    ['an unknown indicator', [actual('Z', '1')], ['indicatorActuals.Z']],
    ['a breakdown not adding up', [actual('A', '30', '20', '9')], ['indicatorActuals.A']],
    ['a breakdown of an indicator not disaggregated', [actual('B', '3', '3')], ['indicatorActuals.B']],
    ['the same indicator twice', [actual('B', '3'), actual('B', '4')], ['indicatorActuals.B']],
  ])('refuses %s', (_what, actuals, expected) => {
    expect(fields(actualsProblems(f, actuals))).toEqual(expected);
  });
  it('refuses any actual when the plan has no framework', () => {
    expect(fields(actualsProblems([], [actual('A', '1')]))).toEqual(['indicatorActuals.A']);
  });
  it('adds decimals exactly', () => {
    expect(scaled('0.1') + scaled('0.2')).toBe(scaled('0.3'));
    expect(actualsProblems(f, [actual('A', '0.3', '0.1', '0.2')])).toEqual([]);
  });
  it('takes one expenditure line per cost category', () => {
    expect(
      expenditureProblems([
        { category: 'staff', amount: '1' },
        { category: 'travel', amount: '2' },
      ]),
    ).toEqual([]);
    expect(
      fields(
        expenditureProblems([
          { category: 'staff', amount: '1' },
          { category: 'staff', amount: '2' },
        ]),
      ),
    ).toEqual(['expenditure']);
  });
});

describe('progress', () => {
  it('gives actuals in period order and the latest accepted one', () => {
    const f = framework({ indicators: [indicator('A')] });
    const report = (id: string, status: string, value: string) => ({
      id,
      kind: 'progress',
      status,
      period: id,
      periodStart: null,
      periodEnd: null,
      indicatorActuals: [{ code: 'A', ...figure(value) }],
    });
    const [a] = progressOf(f, [
      report('q1', 'accepted', '10'),
      report('q2', 'accepted', '25'),
      report('q3', 'submitted', '40'),
    ]);
    expect(a.actuals.map((x) => x.value)).toEqual(['10', '25', '40']);
    expect(a.latestAccepted).toMatchObject({ reportId: 'q2', value: '25' });
  });
});
