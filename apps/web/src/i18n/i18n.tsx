import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import en from './en.json';

export type Dictionary = typeof en;
export type Lang = 'en' | 'fr' | 'es';

/** Languages offered; `dir` is ready for Arabic (add `ar` with dir 'rtl' and its dictionary). */
export const LANGUAGES: { code: Lang; name: string; dir: 'ltr' | 'rtl' }[] = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
];

const STORAGE_KEY = 'cbm.lang';
const loaders: Record<Lang, () => Promise<Dictionary>> = {
  en: async () => en,
  fr: () => import('./fr.json').then((m) => m.default as Dictionary),
  es: () => import('./es.json').then((m) => m.default as Dictionary),
};

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && saved in loaders) return saved as Lang;
  } catch {
    /* storage disabled */
  }
  const nav = navigator.language?.slice(0, 2);
  return nav === 'fr' || nav === 'es' ? nav : 'en';
}

export function loadDictionary(lang: Lang): Promise<Dictionary> {
  return loaders[lang]().catch(() => en);
}

export type TFunction = (key: string, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  t: TFunction;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

function lookup(dict: object, key: string): string | undefined {
  const value = (dict as Record<string, string>)[key];
  return typeof value === 'string' ? value : undefined;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The dictionary's text for `key` (English if missing), {placeholders} filled. A numeric `count`
 * picks the plural form the language needs (Intl.PluralRules: `key.one`, else `key` itself) and
 * is printed in the language's digits ("1 result", "1 234 résultats").
 */
export function translate(dict: object, lang: string, key: string, vars?: Record<string, string | number>): string {
  const count = vars?.count;
  let template: string | undefined;
  if (typeof count === 'number') {
    let rules = pluralRules.get(lang);
    if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
    const form = `${key}.${rules.select(count)}`;
    template = lookup(dict, form) ?? (lookup(dict, key) ? undefined : lookup(en, form));
  }
  template ??= lookup(dict, key) ?? lookup(en, key) ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in vars)) return m;
    const v = vars[name];
    return name === 'count' && typeof v === 'number' ? v.toLocaleString(lang) : String(v);
  });
}

export function I18nProvider({
  initial,
  dictionary,
  children,
}: {
  initial: Lang;
  dictionary: Dictionary;
  children: ReactNode;
}) {
  const [state, setState] = useState({ lang: initial, dict: dictionary });
  const dir = LANGUAGES.find((l) => l.code === state.lang)?.dir ?? 'ltr';

  useEffect(() => {
    document.documentElement.lang = state.lang;
    document.documentElement.dir = dir;
  }, [state.lang, dir]);

  const setLang = useCallback((lang: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      /* storage disabled: the choice lasts until reload */
    }
    void loadDictionary(lang).then((dict) => setState({ lang, dict }));
  }, []);

  const t = useCallback<TFunction>(
    (key, vars) => translate(state.dict, state.lang, key, vars),
    [state.dict, state.lang],
  );

  const value = useMemo(() => ({ lang: state.lang, dir, t, setLang }), [state.lang, dir, t, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = () => useI18n().t;
