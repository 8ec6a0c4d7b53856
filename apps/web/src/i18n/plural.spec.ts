import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import { translate } from './i18n';

describe('counts in words', () => {
  it('picks the plural form of the language', () => {
    expect(translate(en, 'en', 'search.count', { count: 1 })).toBe('1 result');
    expect(translate(en, 'en', 'search.count', { count: 0 })).toBe('0 results');
    expect(translate(en, 'en', 'search.count', { count: 1234 })).toBe('1,234 results');
    // French: 0 and 1 are singular
    expect(translate(fr, 'fr', 'search.count', { count: 0 })).toBe('0 résultat');
    expect(translate(fr, 'fr', 'search.count', { count: 2 })).toBe('2 résultats');
    expect(translate(es, 'es', 'fund.asOf', { count: 1, date: 'x' })).toBe('Cifras al x; 1 proyecto financiado.');
  });

  it('falls back to English, then to the key', () => {
    const partial: Record<string, string> = { ...fr };
    delete partial['search.count'];
    delete partial['search.count.one'];
    expect(translate(partial, 'fr', 'search.count', { count: 3 })).toBe('3 results');
    expect(translate(en, 'en', 'no.such.key')).toBe('no.such.key');
  });
});
