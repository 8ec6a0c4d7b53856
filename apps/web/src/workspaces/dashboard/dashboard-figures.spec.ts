import { durationLines, requestTotals, serviceLevelLines, splitQuarter } from './dashboard-figures';

const requests = [
  { quarter: '2026-Q1', status: 'declined', region: 'Americas', objective: null, count: 1 },
  { quarter: '2026-Q1', status: 'declined', region: 'Americas', objective: 6, count: 1 },
  { quarter: '2026-Q1', status: 'declined', region: 'Americas', objective: 21, count: 1 },
  { quarter: '2026-Q1', status: 'in_triage', region: 'Africa', objective: null, count: 2 },
  { quarter: '2026-Q1', status: 'in_triage', region: 'Africa', objective: 21, count: 2 },
  { quarter: '2026-Q2', status: 'submitted', region: 'Africa', objective: null, count: 1 },
  { quarter: '2026-Q2', status: 'submitted', region: 'Africa', objective: 1, count: 1 },
];

describe('dashboard figures', () => {
  it('splits a quarter', () => {
    expect(splitQuarter('2026-Q3')).toEqual({ year: '2026', q: '3' });
  });

  it('sums requests once each by status, region and quarter, and under each objective by objective', () => {
    expect(requestTotals(requests, 'status')).toEqual([
      { key: 'in_triage', count: 2 },
      { key: 'declined', count: 1 },
      { key: 'submitted', count: 1 },
    ]);
    expect(requestTotals(requests, 'region')).toEqual([
      { key: 'Africa', count: 3 },
      { key: 'Americas', count: 1 },
    ]);
    expect(requestTotals(requests, 'quarter')).toEqual([
      { key: '2026-Q1', count: 3 },
      { key: '2026-Q2', count: 1 },
    ]);
    expect(requestTotals(requests, 'objective')).toEqual([
      { key: '21', count: 3 },
      { key: '1', count: 1 },
      { key: '6', count: 1 },
    ]);
  });

  it('lays the medians out by quarter (newest first) and region (all regions first)', () => {
    const lines = durationLines([
      { quarter: '2026-Q1', region: null, step: 'triage', count: 3, medianDays: 6 },
      { quarter: '2026-Q1', region: 'Africa', step: 'triage', count: 2, medianDays: 7 },
      { quarter: '2026-Q1', region: 'Africa', step: 'decision', count: 1, medianDays: 10 },
      { quarter: '2026-Q2', region: null, step: 'triage', count: 1, medianDays: 1.5 },
    ]);
    expect(lines).toEqual([
      { quarter: '2026-Q2', region: null, triage: { median: 1.5, count: 1 }, decision: null, first_transfer: null },
      { quarter: '2026-Q1', region: null, triage: { median: 6, count: 3 }, decision: null, first_transfer: null },
      {
        quarter: '2026-Q1',
        region: 'Africa',
        triage: { median: 7, count: 2 },
        decision: { median: 10, count: 1 },
        first_transfer: null,
      },
    ]);
  });

  it('lays service levels out by quarter and step', () => {
    expect(
      serviceLevelLines([
        { quarter: '2026-Q1', step: 'triage', done: 3, withinLevel: 2, share: 0.667 },
        { quarter: '2026-Q1', step: 'assessment', done: 2, withinLevel: 2, share: 1 },
      ]),
    ).toEqual([
      {
        quarter: '2026-Q1',
        steps: {
          triage: { done: 3, withinLevel: 2, share: 0.667 },
          information: null,
          assessment: { done: 2, withinLevel: 2, share: 1 },
        },
      },
    ]);
  });
});
