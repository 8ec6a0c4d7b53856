import { CoreError } from '../errors/domain-error';
import type { MoneyDto } from '../validation/money.dto';

export interface Money {
  amount: bigint;
  currency: string;
}

export const money = (amount: bigint, currency: string): Money => ({ amount, currency });

export function toDto(m: Money): MoneyDto {
  return { amount: m.amount.toString(), currency: m.currency };
}

export function parseMinor(amount: string, field = 'amount'): bigint {
  if (!/^-?\d{1,18}$/.test(amount)) {
    throw CoreError('VALIDATION_FAILED', `${field} must be an integer number of minor units`, {
      fields: [{ field, message: 'must be an integer string of minor units' }],
    });
  }
  return BigInt(amount);
}

export function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw CoreError('CONFLICT', `currency mismatch: ${a.currency} and ${b.currency}`);
}

/** Splits an amount pro rata to weights, largest-remainder so the parts sum exactly. */
export function allocateProRata(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts;
}

/** Basis points of an amount, rounded half up. */
export function bps(amount: bigint, basisPoints: number): bigint {
  return (amount * BigInt(basisPoints) + 5000n) / 10000n;
}
