import { resultIndicatorsOf } from './result-indicators';

describe('resultIndicatorsOf', () => {
  it('answers an empty list for a plan without a results framework, or no plan', () => {
    expect(resultIndicatorsOf(null)).toEqual([]);
    expect(resultIndicatorsOf({ milestones: [] })).toEqual([]);
    expect(resultIndicatorsOf({ results: null })).toEqual([]);
  });

  it('collects the indicators of outcomes and outputs, whatever the nesting', () => {
    const plan = {
      results: {
        outcomes: [
          {
            code: 'OC1',
            indicators: [
              { code: 'OC1.1', title: 'Women trained', sexDisaggregated: true, periods: [{ indicators: 1 }] },
            ],
            outputs: [
              { code: 'OP1', indicators: [{ code: 'OP1.1', title: 'Laws drafted', sexDisaggregated: false }] },
              { code: 'OP2', indicators: [{ code: 'OP2.1' }] },
            ],
          },
        ],
      },
    };
    expect(resultIndicatorsOf(plan)).toEqual([
      { code: 'OC1.1', title: 'Women trained', sexDisaggregated: true },
      { code: 'OP1.1', title: 'Laws drafted', sexDisaggregated: false },
      { code: 'OP2.1', title: null, sexDisaggregated: false },
    ]);
  });

  it('reads a list of results as well, and counts only a boolean true as disaggregated', () => {
    const plan = {
      results: [
        {
          indicators: [
            { code: 'X', sexDisaggregated: 'yes' },
            { code: 'Y', sexDisaggregated: true },
          ],
        },
      ],
    };
    expect(resultIndicatorsOf(plan).map((i) => [i.code, i.sexDisaggregated])).toEqual([
      ['X', false],
      ['Y', true],
    ]);
  });
});
