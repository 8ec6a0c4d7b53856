import type { CapabilityLevel, OrganisationType } from '../organisation/organisation-types';
import {
  AFRICA,
  ALL_REGIONS,
  CRIME_ROUTES,
  DISPLACEMENT_OPERATIONS,
  ECE_MEMBERS,
  ESCAP_MEMBERS,
  ESCWA_MEMBERS,
  LABOUR_CORRIDORS,
  LATIN_AMERICA,
  OHCHR_OFFICES,
  PROGRAMME_COUNTRIES,
} from './country-groups';

export interface SeedProfile {
  /** objective number → expertise level (1 contributes, 2 substantial, 3 core mandate). */
  objectives: Record<number, CapabilityLevel>;
  countries: string[];
  regions: string[];
  thematicAreas: string[];
}

export interface SeedOrganisation {
  name: string;
  acronym: string;
  type: OrganisationType;
  countryCode?: string;
  website?: string;
  profile?: SeedProfile;
}

/**
 * The member entities of the UN Network on Migration, with a capability profile
 * drawn from each one's public mandate, plus IFIs and some donors. Levels: 3 where
 * the objective is the entity's mandate, 2 where it runs programmes, 1 where it
 * contributes.
 */
export const SEED_ORGANISATIONS: readonly SeedOrganisation[] = [
  {
    name: 'International Organization for Migration',
    acronym: 'IOM',
    type: 'un_entity',
    website: 'https://www.iom.int',
    profile: {
      objectives: { 1: 2, 2: 2, 3: 3, 4: 2, 5: 3, 6: 2, 7: 3, 8: 3, 9: 3, 10: 3, 11: 3, 12: 3, 13: 2, 14: 2, 15: 2, 16: 2, 17: 2, 18: 2, 19: 3, 20: 2, 21: 3, 22: 1, 23: 3 },
      countries: [...PROGRAMME_COUNTRIES, 'ESP', 'GRC', 'ITA', 'POL', 'ROU', 'BGR', 'HRV'],
      regions: ALL_REGIONS,
      thematicAreas: ['border_management', 'climate_mobility', 'counter_trafficking', 'diaspora', 'labour_migration', 'migrant_protection', 'migration_data', 'migration_health', 'missing_migrants', 'return_reintegration'],
    },
  },
  {
    name: 'International Labour Organization',
    acronym: 'ILO',
    type: 'un_entity',
    website: 'https://www.ilo.org',
    profile: {
      objectives: { 1: 2, 2: 2, 5: 2, 6: 3, 7: 2, 10: 2, 15: 1, 16: 1, 17: 2, 18: 3, 19: 1, 22: 3, 23: 2 },
      countries: LABOUR_CORRIDORS,
      regions: ALL_REGIONS,
      thematicAreas: ['decent_work', 'fair_recruitment', 'forced_labour', 'labour_migration', 'skills_recognition', 'social_protection'],
    },
  },
  {
    name: 'Office of the United Nations High Commissioner for Refugees',
    acronym: 'UNHCR',
    type: 'un_entity',
    website: 'https://www.unhcr.org',
    profile: {
      objectives: { 4: 2, 7: 2, 8: 2, 11: 1, 12: 3, 13: 2, 15: 2, 16: 2, 17: 2, 21: 2, 23: 2 },
      countries: DISPLACEMENT_OPERATIONS,
      regions: ALL_REGIONS,
      thematicAreas: ['asylum_systems', 'durable_solutions', 'mixed_movements', 'refugee_protection', 'statelessness'],
    },
  },
  {
    name: 'United Nations Development Programme',
    acronym: 'UNDP',
    type: 'un_entity',
    website: 'https://www.undp.org',
    profile: {
      objectives: { 1: 1, 2: 3, 16: 2, 17: 1, 19: 3, 20: 1, 21: 2, 23: 2 },
      countries: PROGRAMME_COUNTRIES,
      regions: ALL_REGIONS,
      thematicAreas: ['climate_resilience', 'diaspora', 'governance', 'local_development', 'sustainable_development'],
    },
  },
  {
    name: "United Nations Children's Fund",
    acronym: 'UNICEF',
    type: 'un_entity',
    website: 'https://www.unicef.org',
    profile: {
      objectives: { 1: 2, 4: 2, 7: 3, 8: 1, 10: 2, 12: 2, 13: 3, 15: 3, 16: 2, 21: 2 },
      countries: PROGRAMME_COUNTRIES,
      regions: ALL_REGIONS,
      thematicAreas: ['alternatives_to_detention', 'birth_registration', 'child_protection', 'education', 'unaccompanied_children'],
    },
  },
  {
    name: 'Office of the United Nations High Commissioner for Human Rights',
    acronym: 'OHCHR',
    type: 'un_entity',
    website: 'https://www.ohchr.org',
    profile: {
      objectives: { 7: 2, 8: 2, 10: 1, 11: 2, 12: 2, 13: 3, 15: 2, 17: 3, 21: 2, 23: 1 },
      countries: OHCHR_OFFICES,
      regions: ALL_REGIONS,
      thematicAreas: ['alternatives_to_detention', 'human_rights', 'human_rights_at_borders', 'non_discrimination', 'rule_of_law'],
    },
  },
  {
    name: 'United Nations Office on Drugs and Crime',
    acronym: 'UNODC',
    type: 'un_entity',
    website: 'https://www.unodc.org',
    profile: {
      objectives: { 1: 1, 4: 1, 9: 3, 10: 3, 11: 2, 14: 1, 23: 1 },
      countries: CRIME_ROUTES,
      regions: ALL_REGIONS,
      thematicAreas: ['border_management', 'criminal_justice', 'smuggling_of_migrants', 'trafficking_in_persons'],
    },
  },
  {
    name: 'World Health Organization',
    acronym: 'WHO',
    type: 'un_entity',
    website: 'https://www.who.int',
    profile: {
      objectives: { 1: 1, 7: 2, 8: 1, 15: 3, 16: 1, 22: 1 },
      countries: PROGRAMME_COUNTRIES,
      regions: ALL_REGIONS,
      thematicAreas: ['health_systems', 'migration_health', 'universal_health_coverage'],
    },
  },
  {
    name: 'United Nations Entity for Gender Equality and the Empowerment of Women',
    acronym: 'UN Women',
    type: 'un_entity',
    website: 'https://www.unwomen.org',
    profile: {
      objectives: { 1: 2, 6: 2, 7: 2, 10: 2, 15: 1, 16: 2, 17: 2, 20: 1 },
      countries: LABOUR_CORRIDORS,
      regions: ALL_REGIONS,
      thematicAreas: ['gender_based_violence', 'gender_equality', 'women_migrant_workers'],
    },
  },
  {
    name: 'United Nations Population Fund',
    acronym: 'UNFPA',
    type: 'un_entity',
    website: 'https://www.unfpa.org',
    profile: {
      objectives: { 1: 2, 7: 2, 10: 1, 15: 2 },
      countries: PROGRAMME_COUNTRIES,
      regions: ALL_REGIONS,
      thematicAreas: ['gender_based_violence', 'population_data', 'sexual_reproductive_health'],
    },
  },
  {
    name: 'Food and Agriculture Organization of the United Nations',
    acronym: 'FAO',
    type: 'un_entity',
    website: 'https://www.fao.org',
    profile: {
      objectives: { 2: 3, 18: 1, 19: 2, 20: 1, 21: 1 },
      countries: PROGRAMME_COUNTRIES,
      regions: ALL_REGIONS,
      thematicAreas: ['agriculture', 'climate_resilience', 'food_security', 'rural_development'],
    },
  },
  {
    name: 'United Nations Educational, Scientific and Cultural Organization',
    acronym: 'UNESCO',
    type: 'un_entity',
    website: 'https://www.unesco.org',
    profile: {
      objectives: { 1: 1, 3: 1, 15: 2, 16: 2, 17: 2, 18: 2 },
      countries: ['FRA', 'KEN', 'SEN', 'ZWE', 'NGA', 'EGY', 'LBN', 'JOR', 'IND', 'THA', 'IDN', 'CHN', 'UZB', 'CHL', 'URY', 'CRI', 'GTM', 'PER', 'ETH', 'MOZ', 'TZA', 'WSM'],
      regions: ALL_REGIONS,
      thematicAreas: ['education', 'media', 'qualifications_recognition', 'social_cohesion'],
    },
  },
  {
    name: 'United Nations Human Settlements Programme',
    acronym: 'UN-Habitat',
    type: 'un_entity',
    website: 'https://unhabitat.org',
    profile: {
      objectives: { 2: 2, 7: 1, 15: 2, 16: 3 },
      countries: ['KEN', 'SOM', 'ETH', 'SDN', 'EGY', 'IRQ', 'LBN', 'JOR', 'SYR', 'AFG', 'PAK', 'BGD', 'MMR', 'PHL', 'COL', 'MEX', 'BRA', 'ECU', 'MOZ', 'UGA', 'NGA'],
      regions: ALL_REGIONS,
      thematicAreas: ['displacement_in_cities', 'housing', 'local_governance', 'urban_migration'],
    },
  },
  {
    name: 'United Nations Environment Programme',
    acronym: 'UNEP',
    type: 'un_entity',
    website: 'https://www.unep.org',
    profile: {
      objectives: { 2: 3, 23: 1 },
      countries: ['KEN', 'CHE', 'THA', 'PAN', 'BHR', 'FRA'],
      regions: ALL_REGIONS,
      thematicAreas: ['climate_change', 'disaster_risk', 'environment'],
    },
  },
  {
    name: 'United Nations Conference on Trade and Development',
    acronym: 'UNCTAD',
    type: 'un_entity',
    website: 'https://unctad.org',
    profile: {
      objectives: { 2: 1, 5: 1, 18: 1, 19: 2, 20: 2 },
      countries: ['CHE', 'ETH', 'KEN', 'GMB', 'SEN', 'MAR', 'JOR', 'PHL', 'GTM'],
      regions: ALL_REGIONS,
      thematicAreas: ['migrant_entrepreneurship', 'remittances', 'trade'],
    },
  },
  {
    name: 'United Nations Department of Economic and Social Affairs',
    acronym: 'UN DESA',
    type: 'un_entity',
    website: 'https://www.un.org/en/desa',
    profile: {
      objectives: { 1: 3, 19: 1, 23: 2 },
      countries: ['USA'],
      regions: ALL_REGIONS,
      thematicAreas: ['migration_data', 'policy_analysis', 'population_statistics', 'sdg_monitoring'],
    },
  },
  {
    name: 'Economic Commission for Africa',
    acronym: 'ECA',
    type: 'un_entity',
    website: 'https://www.uneca.org',
    profile: {
      objectives: { 1: 2, 2: 1, 5: 2, 19: 1, 23: 2 },
      countries: AFRICA,
      regions: ['Africa'],
      thematicAreas: ['free_movement', 'migration_data', 'regional_integration'],
    },
  },
  {
    name: 'Economic Commission for Europe',
    acronym: 'ECE',
    type: 'un_entity',
    website: 'https://unece.org',
    profile: {
      objectives: { 1: 2, 22: 1, 23: 1 },
      countries: ECE_MEMBERS,
      regions: ['Europe', 'Northern America', 'Central Asia'],
      thematicAreas: ['migration_statistics', 'population_ageing'],
    },
  },
  {
    name: 'Economic Commission for Latin America and the Caribbean',
    acronym: 'ECLAC',
    type: 'un_entity',
    website: 'https://www.cepal.org',
    profile: {
      objectives: { 1: 2, 2: 2, 7: 1, 16: 1, 23: 2 },
      countries: LATIN_AMERICA,
      regions: ['Caribbean', 'Central America', 'South America'],
      thematicAreas: ['migration_data', 'social_protection', 'sustainable_development'],
    },
  },
  {
    name: 'Economic and Social Commission for Asia and the Pacific',
    acronym: 'ESCAP',
    type: 'un_entity',
    website: 'https://www.unescap.org',
    profile: {
      objectives: { 1: 2, 2: 1, 6: 1, 20: 1, 23: 2 },
      countries: ESCAP_MEMBERS,
      regions: ['Asia', 'Oceania'],
      thematicAreas: ['labour_migration', 'migration_data', 'regional_cooperation'],
    },
  },
  {
    name: 'Economic and Social Commission for Western Asia',
    acronym: 'ESCWA',
    type: 'un_entity',
    website: 'https://www.unescwa.org',
    profile: {
      objectives: { 1: 2, 2: 1, 5: 1, 7: 1, 23: 2 },
      countries: ESCWA_MEMBERS,
      regions: ['Western Asia', 'Northern Africa'],
      thematicAreas: ['forced_displacement', 'labour_migration', 'migration_data'],
    },
  },
  {
    name: 'World Food Programme',
    acronym: 'WFP',
    type: 'un_entity',
    website: 'https://www.wfp.org',
    profile: {
      objectives: { 1: 1, 2: 2, 7: 2, 15: 1 },
      countries: DISPLACEMENT_OPERATIONS.filter((c) => !['DEU', 'ESP', 'GRC', 'ITA', 'POL', 'ROU'].includes(c)),
      regions: ['Africa', 'Americas', 'Asia', 'Europe'],
      thematicAreas: ['cash_transfers', 'climate_resilience', 'emergency_response', 'food_security'],
    },
  },
  {
    name: 'International Telecommunication Union',
    acronym: 'ITU',
    type: 'un_entity',
    website: 'https://www.itu.int',
    profile: {
      objectives: { 3: 2, 4: 1, 20: 1 },
      countries: ['CHE', 'ETH', 'SEN', 'ZWE', 'EGY', 'THA', 'IDN', 'IND', 'BRB', 'CHL', 'HND'],
      regions: ALL_REGIONS,
      thematicAreas: ['connectivity', 'digital_inclusion'],
    },
  },
  {
    name: 'United Nations Institute for Training and Research',
    acronym: 'UNITAR',
    type: 'un_entity',
    website: 'https://unitar.org',
    profile: {
      objectives: { 3: 1, 14: 1, 23: 2 },
      countries: ['CHE', 'JPN', 'NGA', 'USA'],
      regions: ALL_REGIONS,
      thematicAreas: ['capacity_building', 'training'],
    },
  },
  {
    name: 'United Nations University',
    acronym: 'UNU',
    type: 'un_entity',
    website: 'https://unu.edu',
    profile: {
      objectives: { 1: 2, 2: 1, 17: 1 },
      countries: ['JPN', 'NLD', 'DEU', 'BEL', 'GHA', 'MYS', 'ESP', 'PRT'],
      regions: ALL_REGIONS,
      thematicAreas: ['migration_data', 'research'],
    },
  },
  {
    name: 'Office for the Coordination of Humanitarian Affairs',
    acronym: 'OCHA',
    type: 'un_entity',
    website: 'https://www.unocha.org',
    profile: {
      objectives: { 2: 1, 7: 2, 8: 1, 23: 1 },
      countries: DISPLACEMENT_OPERATIONS.filter((c) => !['DEU', 'ESP', 'GRC', 'ITA', 'POL', 'ROU', 'MYS', 'THA'].includes(c)),
      regions: ALL_REGIONS,
      thematicAreas: ['disaster_response', 'displacement', 'humanitarian_coordination'],
    },
  },
  {
    name: 'Joint United Nations Programme on HIV/AIDS',
    acronym: 'UNAIDS',
    type: 'un_entity',
    website: 'https://www.unaids.org',
    profile: {
      objectives: { 7: 1, 15: 2, 17: 1 },
      countries: ['ZAF', 'KEN', 'UGA', 'MOZ', 'NGA', 'THA', 'IND', 'UKR', 'BRA', 'HTI'],
      regions: ALL_REGIONS,
      thematicAreas: ['health_rights', 'hiv'],
    },
  },
  {
    name: 'United Nations Office for Disaster Risk Reduction',
    acronym: 'UNDRR',
    type: 'un_entity',
    website: 'https://www.undrr.org',
    profile: {
      objectives: { 2: 2, 23: 1 },
      countries: ['CHE', 'KEN', 'THA', 'PAN', 'BEL', 'FJI', 'EGY'],
      regions: ALL_REGIONS,
      thematicAreas: ['disaster_displacement', 'disaster_risk_reduction'],
    },
  },
  {
    name: 'United Nations Relief and Works Agency for Palestine Refugees in the Near East',
    acronym: 'UNRWA',
    type: 'un_entity',
    website: 'https://www.unrwa.org',
    profile: {
      objectives: { 7: 1, 15: 2 },
      countries: ['JOR', 'LBN', 'PSE', 'SYR'],
      regions: ['Western Asia'],
      thematicAreas: ['education', 'health', 'palestine_refugees'],
    },
  },
  {
    name: 'World Meteorological Organization',
    acronym: 'WMO',
    type: 'un_entity',
    website: 'https://wmo.int',
    profile: {
      objectives: { 1: 1, 2: 1 },
      countries: ['CHE'],
      regions: ALL_REGIONS,
      thematicAreas: ['climate_services', 'early_warning'],
    },
  },
  {
    name: 'United Nations Office for Project Services',
    acronym: 'UNOPS',
    type: 'un_entity',
    website: 'https://www.unops.org',
    profile: {
      objectives: { 11: 1, 15: 1, 23: 1 },
      countries: PROGRAMME_COUNTRIES.filter((c) => !['RUS', 'BLR', 'PRK'].includes(c)),
      regions: ALL_REGIONS,
      thematicAreas: ['infrastructure', 'procurement', 'project_management'],
    },
  },
  {
    name: 'United Nations Industrial Development Organization',
    acronym: 'UNIDO',
    type: 'un_entity',
    website: 'https://www.unido.org',
    profile: {
      objectives: { 2: 1, 18: 1, 19: 1 },
      countries: ['AUT', 'ETH', 'SEN', 'NGA', 'EGY', 'MAR', 'TUN', 'IND', 'VNM', 'MEX', 'URY'],
      regions: ALL_REGIONS,
      thematicAreas: ['diaspora_investment', 'industrial_development', 'youth_employment'],
    },
  },
  {
    name: 'World Bank Group',
    acronym: 'World Bank',
    type: 'ifi',
    website: 'https://www.worldbank.org',
    profile: {
      objectives: { 1: 2, 2: 2, 5: 1, 16: 1, 18: 1, 19: 2, 20: 3 },
      countries: PROGRAMME_COUNTRIES,
      regions: ALL_REGIONS,
      thematicAreas: ['development_finance', 'forced_displacement', 'migration_data', 'remittances'],
    },
  },
  {
    name: 'International Fund for Agricultural Development',
    acronym: 'IFAD',
    type: 'ifi',
    website: 'https://www.ifad.org',
    profile: {
      objectives: { 2: 2, 19: 2, 20: 3 },
      countries: ['ITA', 'KEN', 'ETH', 'SEN', 'MAR', 'NGA', 'GTM', 'HND', 'SLV', 'MEX', 'NPL', 'PHL', 'KGZ', 'TJK', 'MDA', 'GMB'],
      regions: ALL_REGIONS,
      thematicAreas: ['diaspora_investment', 'financial_inclusion', 'remittances', 'rural_development'],
    },
  },
  { name: 'African Development Bank', acronym: 'AfDB', type: 'ifi', website: 'https://www.afdb.org' },
  { name: 'Asian Development Bank', acronym: 'ADB', type: 'ifi', website: 'https://www.adb.org' },
  { name: 'Inter-American Development Bank', acronym: 'IDB', type: 'ifi', website: 'https://www.iadb.org' },
  { name: 'Organisation for Economic Co-operation and Development', acronym: 'OECD', type: 'other', website: 'https://www.oecd.org' },
  { name: 'Germany', acronym: 'DEU', type: 'member_state', countryCode: 'DEU' },
  { name: 'Sweden', acronym: 'SWE', type: 'member_state', countryCode: 'SWE' },
  { name: 'Netherlands', acronym: 'NLD', type: 'member_state', countryCode: 'NLD' },
  { name: 'Norway', acronym: 'NOR', type: 'member_state', countryCode: 'NOR' },
  { name: 'Switzerland', acronym: 'CHE', type: 'member_state', countryCode: 'CHE' },
  { name: 'United Kingdom', acronym: 'GBR', type: 'member_state', countryCode: 'GBR' },
  { name: 'Canada', acronym: 'CAN', type: 'member_state', countryCode: 'CAN' },
  { name: 'Denmark', acronym: 'DNK', type: 'member_state', countryCode: 'DNK' },
  { name: 'Spain', acronym: 'ESP', type: 'member_state', countryCode: 'ESP' },
  { name: 'Portugal', acronym: 'PRT', type: 'member_state', countryCode: 'PRT' },
  { name: 'Open Society Foundations', acronym: 'OSF', type: 'foundation', website: 'https://www.opensocietyfoundations.org' },
  { name: 'Western Union', acronym: 'WU', type: 'private_sector', website: 'https://www.westernunion.com' },
  { name: 'International Catholic Migration Commission', acronym: 'ICMC', type: 'civil_society', website: 'https://www.icmc.net' },
];
