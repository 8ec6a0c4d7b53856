import { ASSESSMENT_CRITERIA } from './data/assessment-criteria';
import { NON_MONETARY_CODES } from './data/currencies';
import { ReferenceService } from './reference.service';

describe('ReferenceService', () => {
  const ref = new ReferenceService();

  describe('GCM', () => {
    // Draft Rev 2 (28 May 2018), the text shipped in data/gcm.json: 189 lettered
    // actions, checked letter by letter against the seed text (not the 184 the brief assumed).
    const ACTIONS_PER_OBJECTIVE = [11, 12, 5, 7, 10, 12, 12, 6, 7, 10, 6, 5, 8, 6, 7, 9, 7, 12, 10, 9, 9, 4, 5];

    it('has the 23 objectives numbered 1 to 23 with their 189 actions', () => {
      expect(ref.objectives().map((o) => o.number)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
      expect(ref.objectives().map((o) => o.actions.length)).toEqual(ACTIONS_PER_OBJECTIVE);
      expect(ref.objectives().reduce((n, o) => n + o.actions.length, 0)).toBe(189);
    });

    it("letters each objective's actions a, b, c... without gaps", () => {
      for (const o of ref.objectives()) {
        expect(o.actions.map((a) => a.letter).join('')).toBe('abcdefghijklmnopqrstuvwxyz'.slice(0, o.actions.length));
        expect(o.actions.every((a) => a.text.length > 20)).toBe(true);
      }
    });

    it('serves action codes as "<objective>.<letter>"', () => {
      const first = ref.objective(1)!;
      expect(first.actions[2]).toMatchObject({ code: '1.c', letter: 'c' });
      expect(ref.objective(24)).toBeUndefined();
    });

    it.each([
      ['1.c', true],
      ['23.e', true],
      ['22.d', true],
      ['22.e', false],
      ['24.a', false],
      ['1.C', false],
      ['1c', false],
      [' 1.c', false],
      [7, false],
    ])('isAction(%p) is %p', (code, expected) => {
      expect(ref.isAction(code)).toBe(expected);
    });

    it('has the 10 guiding principles', () => {
      expect(ref.principles()).toHaveLength(10);
      expect(ref.isPrinciple('human_rights')).toBe(true);
      expect(ref.isPrinciple('child_sensitive')).toBe(true);
      expect(ref.isPrinciple('nope')).toBe(false);
    });

    it('cannot be changed by a caller', () => {
      expect(() => {
        (ref.objectives()[0] as { title: string }).title = 'x';
      }).toThrow(TypeError);
    });
  });

  describe('countries', () => {
    it('puts Kenya in Africa / Eastern Africa', () => {
      expect(ref.country('KEN')).toEqual({ code: 'KEN', name: 'Kenya', region: 'Africa', subregion: 'Eastern Africa' });
      expect(ref.regionOf('KEN')).toBe('Africa');
      expect(ref.subregionOf('KEN')).toBe('Eastern Africa');
    });

    it.each([
      ['MEX', 'Americas', 'Central America'],
      ['USA', 'Americas', 'Northern America'],
      ['POL', 'Europe', 'Eastern Europe'],
      ['AUT', 'Europe', 'Western Europe'],
      ['SRB', 'Europe', 'Southern Europe'],
      ['CYP', 'Asia', 'Western Asia'],
      ['SSD', 'Africa', 'Eastern Africa'],
      ['PHL', 'Asia', 'South-eastern Asia'],
    ])('%s follows UN M49: %s / %s', (code, region, subregion) => {
      expect(ref.country(code)).toMatchObject({ region, subregion });
    });

    it('has every ISO alpha-3 code once, with M49 regions only', () => {
      const codes = ref.countries().map((c) => c.code);
      expect(codes.length).toBeGreaterThanOrEqual(240);
      expect(new Set(codes).size).toBe(codes.length);
      expect(codes.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
      expect(ref.regions()).toEqual(['Africa', 'Americas', 'Asia', 'Europe', 'Oceania']);
      expect(ref.subregions()).not.toEqual(expect.arrayContaining(['Central Europe']));
      expect(ref.subregions()).not.toContain('Southeast Europe');
      expect(ref.subregions()).not.toContain('North America');
      expect(ref.countries().every((c) => c.subregion !== '')).toBe(true);
    });

    it('leaves out codes that are not officially assigned', () => {
      expect(ref.isCountry('UNK')).toBe(false);
      expect(ref.isCountry('XKX')).toBe(false);
      expect(ref.isCountry('ken')).toBe(false);
      expect(ref.isCountry('DEU')).toBe(true);
    });

    it('knows regions and sub-regions by name', () => {
      expect(ref.isRegion('Africa')).toBe(true);
      expect(ref.isRegion('Eastern Africa')).toBe(true);
      expect(ref.isRegion('Narnia')).toBe(false);
      expect(ref.countriesIn('Eastern Africa').map((c) => c.code)).toContain('KEN');
    });
  });

  describe('currencies', () => {
    it.each([
      ['USD', 2],
      ['EUR', 2],
      ['JPY', 0],
      ['KWD', 3],
      ['CLF', 4],
      ['XOF', 0],
    ])('%s has %i minor units', (code, minorUnits) => {
      expect(ref.currency(code)?.minorUnits).toBe(minorUnits);
    });

    it('leaves out codes that cannot hold money', () => {
      for (const code of NON_MONETARY_CODES) expect(ref.isCurrency(code)).toBe(false);
      expect(ref.currencies().every((c) => /^[A-Z]{3}$/.test(c.code) && Number.isInteger(c.minorUnits))).toBe(true);
    });
  });

  describe('assessment criteria', () => {
    it('has the eight criteria of DESIGN.md with integer weights summing to 100', () => {
      expect(ref.assessmentCriteria()).toBe(ASSESSMENT_CRITERIA);
      expect(ASSESSMENT_CRITERIA).toHaveLength(8);
      expect(ASSESSMENT_CRITERIA.every((c) => Number.isInteger(c.weight) && c.weight > 0)).toBe(true);
      expect(ASSESSMENT_CRITERIA.reduce((s, c) => s + c.weight, 0)).toBe(100);
      expect(new Set(ASSESSMENT_CRITERIA.map((c) => c.code)).size).toBe(8);
    });
  });
});
