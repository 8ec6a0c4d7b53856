import { countryName, regionName } from './places';

describe('places in the interface language', () => {
  it('names countries from their alpha-3 codes', () => {
    expect(countryName('KEN', 'en')).toBe('Kenya');
    expect(countryName('MEX', 'es')).toBe('México');
    expect(countryName('DEU', 'fr')).toBe('Allemagne');
    expect(countryName('XXX', 'en')).toBe('XXX');
    expect(countryName(null, 'en')).toBe('—');
  });

  it('names UN M49 regions', () => {
    expect(regionName('Africa', 'fr')).toBe('Afrique');
    expect(regionName('Americas', 'es')).toBe('América');
    expect(regionName('Atlantis', 'en')).toBe('Atlantis');
  });
});
