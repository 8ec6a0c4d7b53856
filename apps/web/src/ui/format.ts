import type { Money } from '../api/model';

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/** "125000" minor units → "125000.00" as a decimal string, without floating point. */
export function minorToDecimal(amount: string, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = amount.startsWith('-');
  const raw = (negative ? amount.slice(1) : amount).replace(/^0+(?=\d)/, '').padStart(digits + 1, '0');
  const int = digits ? raw.slice(0, -digits) : raw;
  const frac = digits ? raw.slice(-digits) : '';
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** "1,250.5" typed by a person in major units → "125050" minor units, or null if not a number. */
export function decimalToMinor(input: string, currency: string): string | null {
  const digits = currencyDigits(currency);
  const cleaned = input.replace(/[\s,_']/g, '');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(digits, '0');
  if (frac.length > digits) return null;
  return (m[1] + frac).replace(/^0+(?=\d)/, '');
}

export function formatMoney(money: Money | null | undefined, lang: string, compact = false): string {
  if (!money) return '—';
  try {
    const fmt = new Intl.NumberFormat(lang, {
      style: 'currency',
      currency: money.currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    });
    // Intl formats decimal strings exactly (no float rounding) in current browsers.
    return fmt.format(minorToDecimal(money.amount, money.currency) as unknown as number);
  } catch {
    return `${minorToDecimal(money.amount, money.currency)} ${money.currency}`;
  }
}

/** For charts only: the magnitude of an amount in major units. */
export function moneyToNumber(money: Money | null | undefined): number {
  if (!money) return 0;
  return Number(money.amount) / 10 ** currencyDigits(money.currency);
}

export function formatDate(iso: string | null | undefined, lang: string, withTime = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(
    lang,
    withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
  ).format(d);
}

export function formatPercent(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A translated label for an open-ended code (tranche condition, status): the dictionary's if any, else the code made readable. */
export function codeLabel(t: (key: string) => string, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  const label = t(key);
  return label === key ? code.replace(/_/g, ' ') : label;
}
