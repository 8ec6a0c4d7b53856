import codes from 'i18n-iso-countries/codes.json';

// ISO 3166-1 alpha-3 → alpha-2 (the API speaks alpha-3; Intl.DisplayNames knows regions by alpha-2)
const ALPHA2 = new Map<string, string>((codes as string[][]).map(([a2, a3]) => [a3, a2]));

// The UN M49 regions the API names (in English), by their M49 code, which Intl.DisplayNames also knows
const M49: Record<string, string> = { Africa: '002', Americas: '019', Asia: '142', Europe: '150', Oceania: '009' };

const cache = new Map<string, Intl.DisplayNames | null>();
function regionNames(lang: string): Intl.DisplayNames | null {
  if (!cache.has(lang)) {
    try {
      cache.set(lang, new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }));
    } catch {
      cache.set(lang, null);
    }
  }
  return cache.get(lang) ?? null;
}

/** A country by its name in the interface's language ("KEN" → "Kenya", "Kenia"); the code if unknown. */
export function countryName(code: string | null | undefined, lang: string): string {
  if (!code) return '—';
  const a2 = code.length === 2 ? code.toUpperCase() : ALPHA2.get(code.toUpperCase());
  return (a2 && regionNames(lang)?.of(a2)) || code;
}

/** A UN M49 region by its name in the interface's language ("Americas" → "Amériques"). */
export function regionName(region: string | null | undefined, lang: string): string {
  if (!region) return '—';
  const m49 = M49[region];
  return (m49 && regionNames(lang)?.of(m49)) || region;
}
