import type { Candidate } from './knowledge-search.repository';

export interface FacetValue {
  value: string | number;
  count: number;
}
export type Facets = Record<'kind' | 'objective' | 'country' | 'region' | 'organisation' | 'year' | 'language', FacetValue[]>;

const TOP = 30;

/**
 * Counts per filter value over the candidate set. When the set is a sample of a larger
 * match (`scale` > 1) the counts are scaled to the estimated total and flagged by the caller.
 */
export function countFacets(rows: Candidate[], scale = 1): Facets {
  const maps = { kind: new Map<string | number, number>(), objective: new Map(), country: new Map(), region: new Map(), organisation: new Map(), year: new Map(), language: new Map() };
  const add = (m: Map<string | number, number>, v: string | number) => m.set(v, (m.get(v) ?? 0) + 1);
  for (const r of rows) {
    add(maps.kind, r.kind);
    add(maps.language, r.language);
    add(maps.year, r.year);
    for (const o of r.objectives) add(maps.objective, o);
    for (const c of r.countries) add(maps.country, c);
    for (const g of r.regions) add(maps.region, g);
    for (const o of r.organisation_ids) add(maps.organisation, o);
  }
  const out = {} as Facets;
  for (const [name, m] of Object.entries(maps) as [keyof Facets, Map<string | number, number>][]) {
    out[name] = [...m.entries()]
      .map(([value, count]) => ({ value, count: scale === 1 ? count : Math.max(1, Math.round(count * scale)) }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, TOP);
  }
  return out;
}

/** Highlight markers from ts_headline → escaped HTML with <mark>. */
export function snippetHtml(raw: string | null): string | null {
  if (raw === null) return null;
  const escaped = raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return escaped.replace(/\u0002/g, '<mark>').replace(/\u0003/g, '</mark>');
}
