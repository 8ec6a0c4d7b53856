import { IATI_ORG_REF } from '@cbm/core';
import { ORGANISATION_TYPES } from './organisation/organisation-types';
import { ReferenceService } from './reference.service';
import { SEED_ORGANISATIONS } from './seed/organisations.seed';

describe('seeded organisations', () => {
  const ref = new ReferenceService();
  const byAcronym = new Map(SEED_ORGANISATIONS.map((o) => [o.acronym, o]));

  it('has about 45 organisations with unique acronyms (case-insensitive) and names', () => {
    expect(SEED_ORGANISATIONS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SEED_ORGANISATIONS.map((o) => o.acronym.toLowerCase())).size).toBe(SEED_ORGANISATIONS.length);
    expect(new Set(SEED_ORGANISATIONS.map((o) => o.name)).size).toBe(SEED_ORGANISATIONS.length);
  });

  it('has at least 30 UN entities and IFIs', () => {
    expect(SEED_ORGANISATIONS.filter((o) => o.type === 'un_entity' || o.type === 'ifi').length).toBeGreaterThanOrEqual(
      30,
    );
  });

  it('includes the members of the UN Network on Migration named in the brief', () => {
    for (const a of [
      'IOM',
      'ILO',
      'UNHCR',
      'UNDP',
      'UNICEF',
      'OHCHR',
      'UNODC',
      'WHO',
      'UN Women',
      'UNFPA',
      'FAO',
      'UNESCO',
      'UN-Habitat',
      'UNEP',
      'UNCTAD',
      'UN DESA',
      'ECA',
      'ECE',
      'ECLAC',
      'ESCAP',
      'ESCWA',
      'World Bank',
      'WFP',
      'ITU',
      'UNITAR',
      'UNU',
    ]) {
      expect(byAcronym.has(a)).toBe(true);
    }
  });

  it('gives every organisation a known type, and Member States their country', () => {
    for (const o of SEED_ORGANISATIONS) {
      expect(ORGANISATION_TYPES).toContain(o.type);
      if (o.type === 'member_state') expect(ref.isCountry(o.countryCode)).toBe(true);
      if (o.countryCode !== undefined) expect(ref.isCountry(o.countryCode)).toBe(true);
      if (o.website !== undefined) expect(o.website).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+(\/[\w/-]*)?$/);
    }
    expect(SEED_ORGANISATIONS.filter((o) => o.type === 'member_state').length).toBeGreaterThanOrEqual(5);
    expect(SEED_ORGANISATIONS.some((o) => o.type === 'foundation')).toBe(true);
    expect(SEED_ORGANISATIONS.some((o) => o.type === 'private_sector')).toBe(true);
  });

  it('gives every UN organisation a profile with valid objectives, levels, countries and regions', () => {
    for (const o of SEED_ORGANISATIONS.filter((x) => x.type === 'un_entity')) {
      expect(o.profile).toBeDefined();
    }
    for (const o of SEED_ORGANISATIONS.filter((x) => x.profile)) {
      const p = o.profile!;
      const objectives = Object.entries(p.objectives);
      expect(objectives.length).toBeGreaterThan(0);
      for (const [n, level] of objectives) {
        expect(ref.isObjective(Number(n))).toBe(true);
        expect([1, 2, 3]).toContain(level);
      }
      expect(p.countries.length).toBeGreaterThan(0);
      const unknownCountries = p.countries.filter((c) => !ref.isCountry(c));
      expect({ org: o.acronym, unknownCountries }).toEqual({ org: o.acronym, unknownCountries: [] });
      const unknownRegions = p.regions.filter((r) => !ref.isRegion(r));
      expect({ org: o.acronym, unknownRegions }).toEqual({ org: o.acronym, unknownRegions: [] });
      expect(p.thematicAreas.every((t) => /^[a-z][a-z0-9_]{1,63}$/.test(t))).toBe(true);
    }
  });

  it.each([
    ['IOM', [21, 8, 9, 10, 12, 23]],
    ['ILO', [6, 18]],
    ['UNODC', [9, 10]],
    ['OHCHR', [17, 13]],
    ['WHO', [15]],
    ['UNICEF', [7, 13, 15]],
    ['World Bank', [20]],
  ])('%s is strongest on objectives %j', (acronym, objectives) => {
    const p = byAcronym.get(acronym)!.profile!;
    for (const n of objectives) expect(p.objectives[n]).toBe(3);
  });

  it('has IOM present in most countries and every region', () => {
    const p = byAcronym.get('IOM')!.profile!;
    expect(p.regions).toEqual(expect.arrayContaining(ref.regions()));
    expect(p.countries.length).toBeGreaterThan(120);
    expect(p.countries).toContain('KEN');
  });

  it('gives the registered IATI identifiers where known, well formed and each used once', () => {
    expect(byAcronym.get('IOM')?.iatiRef).toBe('XM-DAC-47066');
    expect(byAcronym.get('UNDP')?.iatiRef).toBe('XM-DAC-41114');
    expect(byAcronym.get('UNHCR')?.iatiRef).toBe('XM-DAC-41121');
    expect(byAcronym.get('ILO')?.iatiRef).toBe('XM-DAC-41302');
    expect(byAcronym.get('UNICEF')?.iatiRef).toBe('XM-DAC-41122');
    expect(byAcronym.get('UN Women')?.iatiRef).toBe('XM-DAC-41146');
    expect(byAcronym.get('UNODC')?.iatiRef).toBe('XM-DAC-41128');
    expect(byAcronym.get('OHCHR')?.iatiRef).toBe('XM-DAC-41313');
    expect(byAcronym.get('UN DESA')?.iatiRef).toBeUndefined();
    const refs = SEED_ORGANISATIONS.flatMap((o) => (o.iatiRef ? [o.iatiRef] : []));
    expect(refs.length).toBeGreaterThanOrEqual(30);
    expect(new Set(refs).size).toBe(refs.length);
    for (const r of refs) expect(r).toMatch(IATI_ORG_REF);
  });
});
