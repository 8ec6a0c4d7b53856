import { countFacets, snippetHtml } from './facets';

const row = (kind: string, objectives: number[], countries: string[]) => ({ id: kind + countries.join(), rank: 0, kind, language: 'en', year: 2024, objectives, countries, regions: [], organisation_ids: [] });

describe('facets', () => {
  it('counts each value over the set, most frequent first', () => {
    const f = countFacets([row('practice', [1, 2], ['KEN']), row('practice', [2], ['UGA']), row('tool', [2], ['KEN'])]);
    expect(f.kind).toEqual([{ value: 'practice', count: 2 }, { value: 'tool', count: 1 }]);
    expect(f.objective).toEqual([{ value: 2, count: 3 }, { value: 1, count: 1 }]);
    expect(f.country).toEqual([{ value: 'KEN', count: 2 }, { value: 'UGA', count: 1 }]);
    expect(f.year).toEqual([{ value: 2024, count: 3 }]);
  });

  it('scales a sample to the estimated total', () => {
    expect(countFacets([row('practice', [1], []), row('tool', [1], [])], 10).kind).toEqual([{ value: 'practice', count: 10 }, { value: 'tool', count: 10 }]);
  });

  it('escapes snippet text and turns only the markers into <mark>', () => {
    expect(snippetHtml('a <b> \u0002fee\u0003 & "c"')).toBe('a &lt;b&gt; <mark>fee</mark> &amp; &quot;c&quot;');
    expect(snippetHtml(null)).toBeNull();
  });
});
