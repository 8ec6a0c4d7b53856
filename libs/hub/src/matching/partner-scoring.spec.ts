import { MatchCandidate, rankPartners, scoreCandidate } from './partner-scoring';

const org = (
  acronym: string,
  objectives: Record<number, number>,
  countries: string[] = [],
  regions: string[] = [],
  leading = 0,
  history: MatchCandidate['history'] = null,
): MatchCandidate => ({
  organisationId: `id-${acronym}`,
  acronym,
  name: acronym,
  objectives: Object.entries(objectives).map(([o, level]) => ({ objective: Number(o), level })),
  countries,
  regions,
  leading,
  history,
});

const kenya = { objectives: [21], countryCode: 'KEN', region: 'Africa', subregion: 'Eastern Africa' };

describe('partner scoring', () => {
  it('computes each component and the weighted score', () => {
    const s = scoreCandidate({ ...kenya, objectives: [21, 6] }, org('X', { 21: 3, 6: 1 }, [], ['Eastern Africa'], 3));
    expect(s.components).toEqual({ objectiveFit: 0.667, presence: 0.7, capacity: 0.5, trackRecord: 0.5 });
    expect(s.score).toBeCloseTo(0.5 * 0.667 + 0.2 * 0.7 + 0.15 * 0.5 + 0.15 * 0.5, 2);
    expect(s.reasons).toContain('objective 21: expertise level 3 of 3');
    expect(s.reasons).toContain('present in Eastern Africa');
  });

  it('ranks deterministically, excludes organisations with no fit and suggests one lead', () => {
    const cands = [
      org('B', { 21: 2 }, ['KEN']),
      org('A', { 21: 2 }, ['KEN']),
      org('C', { 1: 3 }, ['KEN']),
      org('D', { 21: 1 }),
    ];
    const ranked = rankPartners(kenya, cands);
    expect(ranked.map((r) => r.acronym)).toEqual(['A', 'B', 'D']);
    expect(ranked.map((r) => r.suggestedRole)).toEqual(['lead', 'participating', 'participating']);
    expect(rankPartners(kenya, [...cands].reverse())).toEqual(ranked);
  });

  it('lowers the score with current load and raises it with on-time delivery', () => {
    const free = scoreCandidate(kenya, org('F', { 21: 3 }, ['KEN']));
    const busy = scoreCandidate(kenya, org('F', { 21: 3 }, ['KEN'], [], 6));
    const proven = scoreCandidate(kenya, org('F', { 21: 3 }, ['KEN'], [], 0, { delivered: 3, onTime: 3 }));
    const late = scoreCandidate(kenya, org('F', { 21: 3 }, ['KEN'], [], 0, { delivered: 3, onTime: 0 }));
    expect(busy.score).toBeLessThan(free.score);
    expect(proven.components.trackRecord).toBe(1);
    expect(late.components.trackRecord).toBe(0.5);
    expect(proven.score).toBeGreaterThan(free.score);
  });

  it('suggests no lead when nobody has at least half the fit', () => {
    expect(
      rankPartners({ ...kenya, objectives: [21, 6, 1] }, [org('W', { 21: 1 })]).map((r) => r.suggestedRole),
    ).toEqual(['participating']);
  });
});
