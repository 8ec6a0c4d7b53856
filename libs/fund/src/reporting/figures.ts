import type { BalanceRow } from '../ledger/ledger.repository';

/** Balance of one kind of account over the given rows (one currency). */
export function sumKind(
  rows: BalanceRow[],
  kind: BalanceRow['kind'],
  currency: string,
  where: (r: BalanceRow) => boolean = () => true,
): bigint {
  let s = 0n;
  for (const r of rows) if (r.kind === kind && r.currency.trim() === currency && where(r)) s += r.balance;
  return s;
}

export interface ContributionFigures {
  pledged: bigint;
  deposited: bigint;
  depositedUsd: bigint;
  adminFeeUsd: bigint;
  refundedUsd: bigint;
  /** What the contribution put at the fund's disposal: deposits less fee and refunds (USD). */
  netUsd: bigint;
  unallocatedEarmarkedUsd: bigint;
}

/**
 * A contribution's figures from its balances: pledged stays credited; the receivable falls as
 * deposits arrive; for a non-USD pledge the clearing account holds the USD side at the recorded rates.
 */
export function contributionFigures(currency: string, rows: BalanceRow[]): ContributionFigures {
  const pledged = -sumKind(rows, 'pledged', currency);
  const receivable = sumKind(rows, 'receivable', currency);
  const deposited = pledged - receivable;
  const depositedUsd = currency === 'USD' ? deposited : -sumKind(rows, 'deposit_clearing', 'USD');
  const adminFeeUsd = sumKind(rows, 'admin_fee', 'USD');
  const refundedUsd = sumKind(rows, 'refund', 'USD');
  return {
    pledged,
    deposited,
    depositedUsd,
    adminFeeUsd,
    refundedUsd,
    netUsd: depositedUsd - adminFeeUsd - refundedUsd,
    unallocatedEarmarkedUsd: sumKind(rows, 'cash_earmarked', 'USD'),
  };
}

export interface AllocationFigures {
  allocated: bigint;
  transferred: bigint;
  spent: bigint;
  byOrganisation: Map<string, { transferred: bigint; spent: bigint }>;
}

/** Transfer accounts hold transferred-not-spent; expenditure accounts what was spent; the allocation account what is left. */
export function allocationFigures(rows: BalanceRow[]): AllocationFigures {
  const byOrganisation = new Map<string, { transferred: bigint; spent: bigint }>();
  let unspentAtOrgs = 0n;
  let spent = 0n;
  let left = 0n;
  for (const r of rows) {
    if (r.currency.trim() !== 'USD') continue;
    if (r.kind === 'allocation') left += r.balance;
    if (r.kind !== 'transfer' && r.kind !== 'expenditure') continue;
    const o = byOrganisation.get(r.organisationId!) ?? { transferred: 0n, spent: 0n };
    o.transferred += r.balance;
    if (r.kind === 'expenditure') {
      o.spent += r.balance;
      spent += r.balance;
    } else unspentAtOrgs += r.balance;
    byOrganisation.set(r.organisationId!, o);
  }
  const transferred = unspentAtOrgs + spent;
  return { allocated: left + transferred, transferred, spent, byOrganisation };
}

/** A ratio as a decimal string with four places, computed on integers. */
export function ratio(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  const scaled = (numerator * 10000n + denominator / 2n) / denominator;
  return `${scaled / 10000n}.${(scaled % 10000n).toString().padStart(4, '0')}`;
}

/** Minor units as a decimal string with two places (USD, for IATI and CSV). */
export function decimal(minor: bigint): string {
  const neg = minor < 0n;
  const a = neg ? -minor : minor;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
