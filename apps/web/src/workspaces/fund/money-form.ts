import { currencyDigits, decimalToMinor } from '../../ui/format';

/*
 * Pure logic of the money forms (pledge, deposit, expenditure, return, statement, closure steps):
 * what a person types in currency units becomes minor units for the API, and each field's error is
 * an i18n key. No floating point anywhere: amounts are BigInt in minor units.
 */

/** A positive amount typed in currency units → minor units, or the i18n key of what is wrong. */
export function parseAmount(input: string, currency: string, allowZero = false): { minor: string } | { error: string } {
  if (!input.trim()) return { error: 'money.error.required' };
  const minor = decimalToMinor(input, currency);
  if (minor === null) return { error: 'money.error.amount' };
  if (!allowZero && BigInt(minor) <= 0n) return { error: 'money.error.positive' };
  return { minor };
}

/** YYYY-MM-DD, a real calendar day. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * The exchange rate a deposit records: USD per unit of the pledge currency, from the two amounts
 * (minor units), to `places` decimals, rounded half up; null when either is missing or zero.
 */
export function usdRate(
  amountMinor: string | null,
  currency: string,
  usdMinor: string | null,
  places = 6,
): string | null {
  if (!amountMinor || !usdMinor) return null;
  const a = BigInt(amountMinor);
  const u = BigInt(usdMinor);
  if (a <= 0n || u <= 0n) return null;
  // rate = (u / 10^dUsd) / (a / 10^dCur) = u * 10^dCur / (a * 10^dUsd)
  const num = u * 10n ** BigInt(currencyDigits(currency)) * 10n ** BigInt(places);
  const den = a * 10n ** BigInt(currencyDigits('USD'));
  const scaled = (num * 2n + den) / (den * 2n);
  const s = scaled.toString().padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
}

export interface PledgeValues {
  contributorId: string;
  reference: string;
  pledgedAt: string;
  amount: string;
  currency: string;
  earmarkObjectives: string;
}

/** "6, 21" → [6, 21]; null when something is not an objective 1-23. */
export function parseObjectives(s: string): number[] | null {
  if (!s.trim()) return [];
  const parts = s.split(/[\s,;]+/).filter(Boolean);
  const out = parts.map(Number);
  return out.every((n) => Number.isInteger(n) && n >= 1 && n <= 23) ? [...new Set(out)] : null;
}

export function validatePledge(v: PledgeValues): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.contributorId) e.contributorId = 'money.error.required';
  if (!isIsoDate(v.pledgedAt)) e.pledgedAt = 'money.error.date';
  if (!/^[A-Z]{3}$/.test(v.currency)) e.currency = 'money.error.currency';
  const a = parseAmount(v.amount, /^[A-Z]{3}$/.test(v.currency) ? v.currency : 'USD');
  if ('error' in a) e.amount = a.error;
  if (parseObjectives(v.earmarkObjectives) === null) e.earmarkObjectives = 'money.error.objectives';
  return e;
}

export function toPledge(v: PledgeValues) {
  const objectives = parseObjectives(v.earmarkObjectives) ?? [];
  return {
    contributorId: v.contributorId,
    pledgedAt: v.pledgedAt,
    amount: { amount: decimalToMinor(v.amount, v.currency) ?? '0', currency: v.currency },
    earmark: objectives.length ? { type: 'objectives' as const, objectives } : { type: 'none' as const },
    ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
  };
}

export interface DepositValues {
  receivedAt: string;
  amount: string;
  usdAmount: string;
  reference: string;
}

/** The USD amount is the amount itself when the pledge is in USD (the field is then not asked). */
export function validateDeposit(v: DepositValues, currency: string): Record<string, string> {
  const e: Record<string, string> = {};
  if (!isIsoDate(v.receivedAt)) e.receivedAt = 'money.error.date';
  const a = parseAmount(v.amount, currency);
  if ('error' in a) e.amount = a.error;
  if (currency !== 'USD') {
    const u = parseAmount(v.usdAmount, 'USD');
    if ('error' in u) e.usdAmount = u.error;
  }
  return e;
}

export function toDeposit(v: DepositValues, currency: string) {
  const amount = decimalToMinor(v.amount, currency) ?? '0';
  const usd = currency === 'USD' ? amount : (decimalToMinor(v.usdAmount, 'USD') ?? '0');
  return {
    receivedAt: v.receivedAt,
    amount: { amount, currency },
    usdAmount: { amount: usd, currency: 'USD' },
    ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
  };
}

/** An amount that may not exceed a ceiling (what the organisation holds unspent, what was transferred). */
export function validateCapped(input: string, currency: string, ceilingMinor: string | null): string | null {
  const a = parseAmount(input, currency);
  if ('error' in a) return a.error;
  if (ceilingMinor !== null && BigInt(a.minor) > BigInt(ceilingMinor)) return 'money.error.exceeds';
  return null;
}

/** Today as YYYY-MM-DD in the browser's own calendar. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
