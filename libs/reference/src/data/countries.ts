import worldCountries from 'world-countries';

export interface Country {
  /** ISO 3166-1 alpha-3. */
  code: string;
  name: string;
  /** UN M49 region: Africa, Americas, Asia, Europe, Oceania. */
  region: string;
  /** UN M49 intermediate region where there is one (Eastern Africa, Caribbean...), else the sub-region. */
  subregion: string;
}

/**
 * `world-countries` follows M49 closely but not fully (it has "Central Europe",
 * "Southeast Europe", "North America" with Mexico, Cyprus in Europe, South Sudan
 * in Middle Africa and an "Antarctic" region). These rows put them where M49 does.
 */
export const M49_CORRECTIONS: Readonly<Record<string, { region: string; subregion: string }>> = {
  AUT: { region: 'Europe', subregion: 'Western Europe' },
  CZE: { region: 'Europe', subregion: 'Eastern Europe' },
  HUN: { region: 'Europe', subregion: 'Eastern Europe' },
  POL: { region: 'Europe', subregion: 'Eastern Europe' },
  SVK: { region: 'Europe', subregion: 'Eastern Europe' },
  BGR: { region: 'Europe', subregion: 'Eastern Europe' },
  ROU: { region: 'Europe', subregion: 'Eastern Europe' },
  SVN: { region: 'Europe', subregion: 'Southern Europe' },
  ALB: { region: 'Europe', subregion: 'Southern Europe' },
  BIH: { region: 'Europe', subregion: 'Southern Europe' },
  HRV: { region: 'Europe', subregion: 'Southern Europe' },
  MKD: { region: 'Europe', subregion: 'Southern Europe' },
  MNE: { region: 'Europe', subregion: 'Southern Europe' },
  SRB: { region: 'Europe', subregion: 'Southern Europe' },
  CYP: { region: 'Asia', subregion: 'Western Asia' },
  MEX: { region: 'Americas', subregion: 'Central America' },
  BMU: { region: 'Americas', subregion: 'Northern America' },
  CAN: { region: 'Americas', subregion: 'Northern America' },
  GRL: { region: 'Americas', subregion: 'Northern America' },
  SPM: { region: 'Americas', subregion: 'Northern America' },
  USA: { region: 'Americas', subregion: 'Northern America' },
  UMI: { region: 'Oceania', subregion: 'Micronesia' },
  SSD: { region: 'Africa', subregion: 'Eastern Africa' },
  ATF: { region: 'Africa', subregion: 'Eastern Africa' },
  BVT: { region: 'Americas', subregion: 'South America' },
  SGS: { region: 'Americas', subregion: 'South America' },
  HMD: { region: 'Oceania', subregion: 'Australia and New Zealand' },
};

/** M49 spelling where the package's differs. */
const SUBREGION_SPELLING: Readonly<Record<string, string>> = { 'South-Eastern Asia': 'South-eastern Asia' };

/**
 * Left out: codes that are not officially assigned (Kosovo's user-assigned XKX/UNK)
 * and Antarctica, which M49 places under no region.
 */
const EXCLUDED = new Set(['ATA']);

export function buildCountries(): Country[] {
  return worldCountries
    .filter((c) => c.status === 'officially-assigned' && /^[A-Z]{3}$/.test(c.cca3) && !EXCLUDED.has(c.cca3))
    .map((c) => {
      const fixed = M49_CORRECTIONS[c.cca3];
      const subregion = fixed?.subregion ?? c.subregion;
      return { code: c.cca3, name: c.name.common, region: fixed?.region ?? c.region, subregion: SUBREGION_SPELLING[subregion] ?? subregion };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
