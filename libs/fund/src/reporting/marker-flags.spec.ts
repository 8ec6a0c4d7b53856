import { markerFlags } from './marker-flags';

const ind = (sexDisaggregated: boolean, code = 'I1') => ({ code, title: `indicator ${code}`, sexDisaggregated });
const CODE = 'GENDER_PRINCIPAL_WITHOUT_SEX_DISAGGREGATED_INDICATOR';

describe('markerFlags', () => {
  it.each([
    // gender marker, indicators, flagged
    [3, [], true],
    [3, [ind(false, 'A'), ind(false, 'B')], true],
    [3, [ind(false, 'A'), ind(true, 'B')], false],
    [3, [ind(true)], false],
    [2, [], false],
    [2, [ind(false)], false],
    [1, [], false],
    [0, [], false],
    [null, [], false],
  ])('gender marker %p with %p indicators: flagged %p', (genderMarker, indicators, flagged) => {
    const flags = markerFlags({ genderMarker }, indicators);
    expect(flags.map((f) => f.code)).toEqual(flagged ? [CODE] : []);
  });

  it('says how many indicators the framework has', () => {
    expect(markerFlags({ genderMarker: 3 }, [ind(false, 'A'), ind(false, 'B')])[0].message).toContain('2 indicator');
    expect(markerFlags({ genderMarker: 3 }, [])[0].message).toContain('no indicator yet');
  });
});
