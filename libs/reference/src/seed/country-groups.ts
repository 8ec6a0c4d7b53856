import worldCountries from 'world-countries';
import { buildCountries } from '../data/countries';

/**
 * Country sets used to describe where organisations work. Presence is indicative,
 * drawn from public mandates and office lists; partners correct their own profile.
 */
const COUNTRIES = buildCountries();
const UN_MEMBERS = new Set(worldCountries.filter((c) => c.unMember).map((c) => c.cca3));

/** UN Member States in the given M49 regions or sub-regions. */
export function membersIn(...regions: string[]): string[] {
  return COUNTRIES.filter(
    (c) => UN_MEMBERS.has(c.code) && (regions.includes(c.region) || regions.includes(c.subregion)),
  ).map((c) => c.code);
}

export const ALL_REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];

const LATIN_AMERICA_CARIBBEAN = ['Caribbean', 'Central America', 'South America'];

/** High-income members where development agencies usually have no country office. */
const NO_PROGRAMME_OFFICE = new Set([
  ...membersIn('Northern America', 'Northern Europe', 'Western Europe', 'Australia and New Zealand'),
  ...['AND', 'CYP', 'CZE', 'ESP', 'GRC', 'HRV', 'HUN', 'ITA', 'MLT', 'POL', 'PRT', 'ROU', 'SMR', 'SVK', 'SVN', 'BGR'],
  ...['JPN', 'KOR', 'SGP', 'ISR', 'BRN', 'MCO', 'LIE'],
]);

/** Countries where the UN development system runs country programmes. */
export const PROGRAMME_COUNTRIES = membersIn('Africa', 'Americas', 'Asia', 'Europe', 'Oceania').filter(
  (c) => !NO_PROGRAMME_OFFICE.has(c),
);

export const AFRICA = membersIn('Africa');
export const LATIN_AMERICA = membersIn(...LATIN_AMERICA_CARIBBEAN);
/** ECE members: Europe, Northern America, Central Asia, the Caucasus, Israel and Türkiye. */
export const ECE_MEMBERS = [
  ...membersIn('Europe', 'Northern America', 'Central Asia'),
  'ARM',
  'AZE',
  'CYP',
  'GEO',
  'ISR',
  'TUR',
];
/** ESCAP members in the region: East, South-East, South and Central Asia, the Pacific, Iran, Türkiye and Russia. */
export const ESCAP_MEMBERS = [
  ...membersIn('Eastern Asia', 'South-eastern Asia', 'Southern Asia', 'Central Asia', 'Oceania'),
  'ARM',
  'AZE',
  'GEO',
  'RUS',
  'TUR',
];
/** Arab States members of ESCWA. */
export const ESCWA_MEMBERS = [
  'ARE',
  'BHR',
  'DZA',
  'EGY',
  'IRQ',
  'JOR',
  'KWT',
  'LBN',
  'LBY',
  'MAR',
  'MRT',
  'OMN',
  'PSE',
  'QAT',
  'SAU',
  'SDN',
  'SOM',
  'SYR',
  'TUN',
  'YEM',
  'COM',
  'DJI',
];

/** Main refugee-hosting and displacement-affected countries. */
export const DISPLACEMENT_OPERATIONS = [
  'AFG',
  'BDI',
  'BFA',
  'BGD',
  'BRA',
  'CMR',
  'COD',
  'COL',
  'CRI',
  'DEU',
  'DZA',
  'ECU',
  'EGY',
  'ETH',
  'GRC',
  'GTM',
  'HND',
  'IRN',
  'IRQ',
  'ITA',
  'JOR',
  'KEN',
  'LBN',
  'LBY',
  'MDA',
  'MEX',
  'MLI',
  'MMR',
  'MOZ',
  'MWI',
  'MYS',
  'NER',
  'NGA',
  'PAK',
  'PAN',
  'PER',
  'POL',
  'ROU',
  'RWA',
  'SDN',
  'SLV',
  'SOM',
  'SSD',
  'SYR',
  'TCD',
  'THA',
  'TUN',
  'TUR',
  'TZA',
  'UGA',
  'UKR',
  'YEM',
  'ZMB',
  'IDN',
  'ESP',
  'CAF',
];

/** Origin, transit and destination countries of labour-migration corridors. */
export const LABOUR_CORRIDORS = [
  'ARE',
  'BGD',
  'EGY',
  'ETH',
  'GTM',
  'HND',
  'IDN',
  'IND',
  'JOR',
  'KEN',
  'KGZ',
  'KHM',
  'KWT',
  'LAO',
  'LBN',
  'LKA',
  'MAR',
  'MEX',
  'MMR',
  'MYS',
  'NGA',
  'NPL',
  'PAK',
  'PHL',
  'QAT',
  'SAU',
  'SEN',
  'SLV',
  'THA',
  'TJK',
  'TUN',
  'UGA',
  'UZB',
  'VNM',
  'ZAF',
  'ZWE',
  'COL',
  'PER',
];

/** Smuggling and trafficking routes where field programmes run. */
export const CRIME_ROUTES = [
  'AFG',
  'BGD',
  'BOL',
  'BRA',
  'COL',
  'EGY',
  'ETH',
  'GTM',
  'HND',
  'IDN',
  'IND',
  'IRN',
  'KEN',
  'KGZ',
  'LAO',
  'LBY',
  'LKA',
  'MAR',
  'MEX',
  'MLI',
  'MMR',
  'NER',
  'NGA',
  'NPL',
  'PAK',
  'PAN',
  'PER',
  'SEN',
  'SLV',
  'TCD',
  'THA',
  'TJK',
  'TUN',
  'UZB',
  'VNM',
  'ZAF',
];

/** OHCHR country and regional offices. */
export const OHCHR_OFFICES = [
  'CHL',
  'CMR',
  'COL',
  'ETH',
  'FJI',
  'GTM',
  'HND',
  'KGZ',
  'KHM',
  'LBN',
  'LBR',
  'MEX',
  'PAN',
  'PSE',
  'SEN',
  'THA',
  'TUN',
  'YEM',
  'ZAF',
  'BFA',
  'TCD',
  'NER',
  'SDN',
  'VEN',
];
