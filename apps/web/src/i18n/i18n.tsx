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

function lookup(dict: Dictionary, key: string): string | undefined {
  const value = (dict as Record<string, string>)[key];
  return typeof value === 'string' ? value : undefined;
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
    (key, vars) => {
      const template = lookup(state.dict, key) ?? lookup(en, key) ?? key;
      return vars
        ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
        : template;
    },
    [state.dict],
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
