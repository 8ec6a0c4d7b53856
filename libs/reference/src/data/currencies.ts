import { data as currencyData } from 'currency-codes';

export interface Currency {
  /** ISO 4217 alphabetic code. */
  code: string;
  /** ISO 4217 numeric code. */
  number: string;
  name: string;
  /** Digits after the decimal separator: amounts are stored in units of 10^-minorUnits. */
  minorUnits: number;
}

/**
 * Codes whose ISO 4217 minor unit is "N.A." (precious metals, bond-market units,
 * SDR, Sucre, ADB unit, testing, no currency): `currency-codes` reports 0 for them,
 * but money cannot be held in them, so they are left out.
 */
export const NON_MONETARY_CODES = new Set(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX']);

export function buildCurrencies(): Currency[] {
  return currencyData
    .filter((c) => !NON_MONETARY_CODES.has(c.code) && Number.isInteger(c.digits))
    .map((c) => ({ code: c.code, number: c.number, name: c.currency.trim(), minorUnits: c.digits }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
