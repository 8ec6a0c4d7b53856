import { iatiResults, ResultsProject, rollUp, scaled, unitTotals, unscaled } from './results';

const fig = (value: string, female: string | null = null, male: string | null = null) => ({
  value,
  female,
  male,
  other: null,
});
type Ind = ResultsProject['indicators'][number];
const indicator = (code: string, o: Partial<Ind> = {}): Ind => ({
  code,
  title: code,
  unit: 'people',
  measure: 'unit',
  level: 'outcome',
  outcomeCode: 'OC1',
  outputCode: null,
  resultTitle: 'outcome',
  objectives: [21],
  sexDisaggregated: false,
  baseline: { year: 2026, ...fig('0') },
  target: fig('100'),
  actuals: [],
  ...o,
});
const actual = (period: string, value: string, female: string | null = null, male: string | null = null) => ({
  reportId: period,
  kind: 'progress',
  period,
  periodStart: `${period}-01`,
  periodEnd: `${period}-28`,
  ...fig(value, female, male),
});
const project = (ref: string, o: Partial<ResultsProject> = {}): ResultsProject => ({
  requestId: `r-${ref}`,
  reference: ref,
  title: ref,
  countryCode: 'KEN',
  organisationIds: ['iom'],
  indicators: [],
  ...o,
});

describe('results roll-up', () => {
  const projects = [
    project('B', {
      countryCode: 'MEX',
      organisationIds: ['ilo'],
      indicators: [indicator('X', { objectives: [6], actuals: [actual('2026-03', '10'), actual('2026-06', '40')] })],
    }),
    project('A', {
      organisationIds: ['iom', 'ilo'],
      indicators: [
        indicator('Y', { objectives: [6, 21], sexDisaggregated: true, actuals: [actual('2026-06', '50', '30', '20')] }),
        indicator('P', { measure: 'percentage', unit: '%', target: fig('80'), actuals: [actual('2026-06', '40')] }),
      ],
    }),
  ];

  it('groups by objective: an indicator counts under each of its objectives, the latest actual only', () => {
    const g = rollUp(projects, 'objective', {});
    expect(g.map((x) => [x.key, x.projects, x.indicators, x.indicatorsReported])).toEqual([
      ['6', 2, 2, 2],
      ['21', 1, 2, 2],
    ]);
    expect(g[0].items.map((p) => p.reference)).toEqual(['A', 'B']);
    expect(g[0].totals).toEqual([
      { unit: 'people', indicators: 2, target: '200', actual: '90', female: '30', male: '20' },
    ]);
    expect(g[0].items[1].indicators[0]).toMatchObject({ latestActual: { value: '40' }, achievement: '0.4000' });
  });

  it('groups by country and organisation, and filters', () => {
    expect(rollUp(projects, 'country', {}).map((x) => x.key)).toEqual(['KEN', 'MEX']);
    expect(rollUp(projects, 'organisation', {}).map((x) => [x.key, x.projects])).toEqual([
      ['ilo', 2],
      ['iom', 1],
    ]);
    expect(rollUp(projects, 'organisation', { countryCode: 'MEX' }).map((x) => x.key)).toEqual(['ilo']);
    expect(rollUp(projects, 'objective', { objective: 6 }).map((x) => [x.key, x.indicators])).toEqual([['6', 2]]);
    expect(rollUp(projects, 'country', { organisationId: 'nobody' })).toEqual([]);
  });

  it('leaves percentages out of the totals and adds decimals exactly', () => {
    const ind = (unit: string, value: string, measure: 'unit' | 'percentage' = 'unit') => ({
      ...rollUp(
        [project('Z', { indicators: [indicator('I', { unit, measure, target: fig(value) })] })],
        'country',
        {},
      )[0].items[0].indicators[0],
    });
    expect(unitTotals([ind('People ', '0.1'), ind('people', '0.2'), ind('%', '50', 'percentage')])).toEqual([
      { unit: 'People', indicators: 2, target: '0.3', actual: '0', female: '0', male: '0' },
    ]);
    expect(unscaled(scaled('12.3400'))).toBe('12.34');
  });
});

describe('IATI results', () => {
  it('publishes outcomes as type 2 and outputs as type 1, a period per dated accepted actual', () => {
    const out = iatiResults(
      [
        indicator('Y', {
          sexDisaggregated: true,
          target: fig('100', '60', '40'),
          actuals: [actual('2026-06', '50', '30', '20')],
        }),
        indicator('P', { level: 'output', outputCode: 'OP1', resultTitle: 'output', measure: 'percentage' }),
      ],
      '2026-01-01',
      '2026-12-31',
    );
    expect(out.map((r) => [r.type, r.title, r.indicators[0].measure])).toEqual([
      ['2', 'outcome', '1'],
      ['1', 'output', '2'],
    ]);
    expect(out[0].indicators[0].periods).toEqual([
      {
        start: '2026-06-01',
        end: '2026-06-28',
        target: {
          value: '100',
          bySex: [
            { sex: 'female', value: '60' },
            { sex: 'male', value: '40' },
          ],
        },
        actual: {
          value: '50',
          bySex: [
            { sex: 'female', value: '30' },
            { sex: 'male', value: '20' },
          ],
        },
      },
    ]);
    // nothing reported yet: one period over the project with the target alone
    expect(out[1].indicators[0].periods).toEqual([
      { start: '2026-01-01', end: '2026-12-31', target: { value: '100', bySex: [] } },
    ]);
  });

  it('never publishes overlapping periods: one overlapping starts the day after the previous, one ending with it replaces its figure', () => {
    const span = (reportId: string, periodStart: string, periodEnd: string, value: string) => ({
      ...actual('x', value),
      reportId,
      periodStart,
      periodEnd,
    });
    const [r] = iatiResults(
      [
        indicator('Y', {
          actuals: [
            span('q1', '2026-01-01', '2026-03-31', '10'),
            span('again', '2026-02-01', '2026-03-31', '11'),
            span('final', '2026-01-01', '2026-12-31', '90'),
          ],
        }),
      ],
      '2026-01-01',
      '2026-12-31',
    );
    expect(r.indicators[0].periods.map((p) => [p.start, p.end, p.actual?.value])).toEqual([
      ['2026-01-01', '2026-03-31', '11'],
      ['2026-04-01', '2026-12-31', '90'],
    ]);
  });
});
