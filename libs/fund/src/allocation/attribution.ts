import { allocateProRata } from '@cbm/core';

/** A contribution's amount (USD minor units): what it has unallocated in the pool, or attributed to an allocation. */
export interface ContributionAmount {
  contributionId: string;
  amount: bigint;
}

/**
 * Splits `amount` over `holders` in proportion to their amounts, by largest remainder: the parts
 * add up to `amount` exactly, none exceeds its holder's amount, and ties go to the holder first in
 * contribution-id order (ids are time-ordered UUIDs: the older contribution), whatever the input
 * order. Holders at zero or below take nothing; parts of zero are left out. Throws when the
 * holders together have less than `amount` (the caller turns that into its own error).
 */
export function splitPro(amount: bigint, holders: ContributionAmount[]): ContributionAmount[] {
  if (amount < 0n) throw new RangeError('a split amount is not negative');
  const eligible = holders
    .filter((h) => h.amount > 0n)
    .sort((a, b) => (a.contributionId < b.contributionId ? -1 : a.contributionId > b.contributionId ? 1 : 0));
  const total = eligible.reduce((s, h) => s + h.amount, 0n);
  if (total < amount) throw new RangeError(`the holders have ${total}, ${amount} asked`);
  const parts = allocateProRata(
    amount,
    eligible.map((h) => h.amount),
  );
  return eligible.map((h, i) => ({ contributionId: h.contributionId, amount: parts[i] })).filter((p) => p.amount > 0n);
}

/**
 * An allocation's pool-funded part attributed to the pooled contributions in proportion to what
 * each had unallocated at that moment.
 */
export const attributePooled = (pooled: bigint, unallocated: ContributionAmount[]) => splitPro(pooled, unallocated);

/**
 * Money an allocation returns to the pool, booked back to the contributions in proportion to what
 * the allocation holds attributed to each (its attribution less earlier returns).
 */
export const returnPooled = (returned: bigint, attributed: ContributionAmount[]) => splitPro(returned, attributed);

/** Sums amounts per contribution. */
export function byContribution(rows: ContributionAmount[]): ContributionAmount[] {
  const m = new Map<string, bigint>();
  for (const r of rows) m.set(r.contributionId, (m.get(r.contributionId) ?? 0n) + r.amount);
  return [...m].map(([contributionId, amount]) => ({ contributionId, amount }));
}
