import { dashboardCsvRows, partnerDelivery, regionTable, share } from './mechanism-dashboard';

describe('mechanism dashboard (pure part)', () => {
  it.each([
    [0, 0, null],
    [1, 3, 0.333],
    [2, 3, 0.667],
    [3, 3, 1],
    [1n, 8n, 0.125],
    [1n, 2000n, 0.001],
    [1n, 2001n, 0],
    [9_007_199_254_740_993n, 18_014_398_509_481_986n, 0.5],
  ])('share(%p, %p) = %p', (part, whole, expected) => {
    expect(share(part, whole)).toBe(expected);
  });

  it('works out each organisation’s rates and sorts them by acronym', () => {
    const rows = partnerDelivery([
      {
        organisationId: 'b',
        name: 'World Organisation',
        acronym: 'WO',
        reportsDue: 2,
        reportsOnTime: 1,
        milestonesDue: 0,
        milestonesDone: 0,
        transferred: '0',
        spent: '0',
      },
      {
        organisationId: 'a',
        name: 'International Organization for Migration',
        acronym: 'IOM',
        reportsDue: 0,
        reportsOnTime: 0,
        milestonesDue: 4,
        milestonesDone: 3,
        transferred: '1000000',
        spent: '250000',
      },
    ]);
    expect(rows.map((r) => [r.acronym, r.reportRate, r.milestoneRate, r.expenditureRate])).toEqual([
      ['IOM', null, 0.75, 0.25],
      ['WO', 0.5, null, null],
    ]);
  });

  it('gives the SQL a country → region table', () => {
    expect(
      regionTable([
        { code: 'KEN', region: 'Africa' },
        { code: 'MEX', region: 'Americas' },
      ]),
    ).toEqual([
      ['KEN', 'MEX'],
      ['Africa', 'Americas'],
    ]);
  });

  it('flattens the dashboard into one measure a row, blank for "all"', () => {
    const rows = dashboardCsvRows({
      requests: [{ quarter: '2026-Q1', status: 'declined', region: 'Africa', objective: null, count: 2 }],
      durations: [{ quarter: '2026-Q1', region: null, step: 'triage', count: 2, medianDays: 1.5 }],
      serviceLevels: [{ quarter: '2026-Q1', step: 'triage', done: 2, withinLevel: 1, share: 0.5 }],
      partners: [],
    });
    expect(rows.map((r) => [r.table, r.quarter, r.region, r.objective, r.step, r.measure, r.value])).toEqual([
      ['requests', '2026-Q1', 'Africa', '', '', 'count', '2'],
      ['durations', '2026-Q1', '', '', 'triage', 'count', '2'],
      ['durations', '2026-Q1', '', '', 'triage', 'median_days', '1.5'],
      ['service_levels', '2026-Q1', '', '', 'triage', 'done', '2'],
      ['service_levels', '2026-Q1', '', '', 'triage', 'within_level', '1'],
      ['service_levels', '2026-Q1', '', '', 'triage', 'share', '0.5'],
    ]);
  });
});
