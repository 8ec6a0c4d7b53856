import { facetsFromCounts, snippetHtml } from './facets';

describe('facets', () => {
  it('orders each facet most frequent first, objectives and years as numbers', () => {
    const f = facetsFromCounts([
      ['kind', 'tool', 1],
      ['kind', 'practice', 2],
      ['objective', '1', 1],
      ['objective', '2', 3],
      ['country', 'UGA', 1],
      ['country', 'KEN', 2],
      ['year', '2024', 3],
    ]);
    expect(f.kind).toEqual([
      { value: 'practice', count: 2 },
      { value: 'tool', count: 1 },
    ]);
    expect(f.objective).toEqual([
      { value: 2, count: 3 },
      { value: 1, count: 1 },
    ]);
    expect(f.country).toEqual([
      { value: 'KEN', count: 2 },
      { value: 'UGA', count: 1 },
    ]);
    expect(f.year).toEqual([{ value: 2024, count: 3 }]);
    expect(f.region).toEqual([]);
  });

  it('scales a sample to the estimated total', () => {
    expect(
      facetsFromCounts(
        [
          ['kind', 'practice', 1],
          ['kind', 'tool', 1],
        ],
        10,
      ).kind,
    ).toEqual([
      { value: 'practice', count: 10 },
      { value: 'tool', count: 10 },
    ]);
  });

  it('escapes snippet text and turns only the markers into <mark>', () => {
    expect(snippetHtml('a <b> \u0002fee\u0003 & "c"')).toBe('a &lt;b&gt; <mark>fee</mark> &amp; &quot;c&quot;');
    expect(snippetHtml(null)).toBeNull();
  });
});
