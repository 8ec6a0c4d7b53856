export interface FacetValue {
  value: string | number;
  count: number;
}
export type Facets = Record<
  'kind' | 'objective' | 'country' | 'region' | 'organisation' | 'year' | 'language',
  FacetValue[]
>;

const TOP = 30;
const NUMERIC_FACETS = new Set(['objective', 'year']);

/**
 * Facets from [facet, value, count] triples counted over the candidate set, most frequent first
 * (objective and year values as numbers).
 * When the set is a sample of a larger match (`scale` > 1) the counts are scaled to the
 * estimated total and flagged by the caller.
 */
export function facetsFromCounts(counts: [string, string | number, number][], scale = 1): Facets {
  const out: Facets = { kind: [], objective: [], country: [], region: [], organisation: [], year: [], language: [] };
  for (const [name, value, count] of counts) {
    out[name as keyof Facets]?.push({
      value: NUMERIC_FACETS.has(name) ? Number(value) : value,
      count: scale === 1 ? Number(count) : Math.max(1, Math.round(Number(count) * scale)),
    });
  }
  for (const name of Object.keys(out) as (keyof Facets)[]) {
    out[name] = out[name].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, TOP);
  }
  return out;
}

/** Highlight markers from ts_headline → escaped HTML with <mark>. */
export function snippetHtml(raw: string | null): string | null {
  if (raw === null) return null;
  const escaped = raw
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  return escaped.replace(/\u0002/g, '<mark>').replace(/\u0003/g, '</mark>');
}
