/** ISO 639-1 language → PostgreSQL text-search configuration (all present in PG 15 and PGlite). */
export const TEXT_CONFIGS: Record<string, string> = {
  en: 'english',
  fr: 'french',
  es: 'spanish',
  pt: 'portuguese',
  ar: 'arabic',
  ru: 'russian',
  de: 'german',
  it: 'italian',
  nl: 'dutch',
  tr: 'turkish',
  id: 'indonesian',
  ro: 'romanian',
  el: 'greek',
  hi: 'hindi',
  ne: 'nepali',
};

export const SUPPORTED_LANGUAGES = [...Object.keys(TEXT_CONFIGS), 'zh', 'sw', 'other'];

export const textConfigFor = (language: string): string => TEXT_CONFIGS[language] ?? 'simple';

/**
 * Configurations an anonymous query is parsed with when no language filter is given: the
 * languages the platform holds in bulk. The query lexemes of each are OR-ed.
 */
export const DEFAULT_QUERY_CONFIGS = ['english', 'french', 'spanish'];
