import { FundError } from '../fund.errors';

/**
 * The chart of accounts. Sign convention: a positive line amount is a debit, a negative one a
 * credit; an entry's lines sum to zero per currency.
 *
 *   pledged           (credit) what contributors promised            per contribution, original currency
 *   receivable        (debit)  promised and not yet received         per contribution, original currency
 *   deposit_clearing  bridges the original currency to USD at the recorded rate, per contribution
 *   cash_pool         (debit)  unearmarked money deposited and not yet allocated (USD)
 *   cash_earmarked    (debit)  earmarked money not yet allocated, per contribution (USD)
 *   admin_fee         (debit)  administrative-agent fee booked at deposit, per contribution (USD)
 *   refund            (debit)  money returned to a contributor, per contribution (USD)
 *   allocation        (debit)  approved and not yet transferred, per allocation (USD)
 *   transfer          (debit)  transferred to an organisation and not yet spent, per allocation and organisation
 *   expenditure       (debit)  reported spent, per allocation and organisation
 */
export const ACCOUNT_KINDS = [
  'pledged',
  'receivable',
  'deposit_clearing',
  'cash_pool',
  'cash_earmarked',
  'admin_fee',
  'refund',
  'allocation',
  'transfer',
  'expenditure',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export interface Posting {
  kind: AccountKind;
  contributionId?: string | null;
  allocationId?: string | null;
  organisationId?: string | null;
  /** Debit positive, credit negative, in minor units. */
  amount: bigint;
  currency: string;
}

/** One account per kind and dimensions, e.g. `transfer:<allocation>:<organisation>`. */
export function accountKey(p: Pick<Posting, 'kind' | 'contributionId' | 'allocationId' | 'organisationId'>): string {
  return [p.kind, p.contributionId ?? '', p.allocationId ?? '', p.organisationId ?? ''].join(':').replace(/:+$/, '');
}

/** Net of postings per currency. */
export function netByCurrency(lines: Pick<Posting, 'amount' | 'currency'>[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const l of lines) sums.set(l.currency, (sums.get(l.currency) ?? 0n) + l.amount);
  return sums;
}

/** The code-side guard (the database has a deferred trigger doing the same). */
export function assertBalanced(lines: Posting[]): void {
  if (lines.length < 2) throw FundError('FUND_UNBALANCED_ENTRY', 'a journal entry needs at least two lines');
  for (const l of lines) {
    if (l.amount === 0n) throw FundError('FUND_UNBALANCED_ENTRY', 'a journal line must not be zero');
    if (!/^[A-Z]{3}$/.test(l.currency)) throw FundError('FUND_UNBALANCED_ENTRY', `not an ISO 4217 code: ${l.currency}`);
  }
  for (const [currency, net] of netByCurrency(lines)) {
    if (net !== 0n)
      throw FundError('FUND_UNBALANCED_ENTRY', `journal entry does not balance in ${currency}: off by ${net}`, {
        currency,
        net: net.toString(),
      });
  }
}

/** The lines of a reversing entry: the same accounts, opposite signs. */
export function reversal(lines: Posting[]): Posting[] {
  return lines.map((l) => ({ ...l, amount: -l.amount }));
}

/** Folds postings into balances by account key and currency. */
export function balancesOf(lines: Posting[]): Map<string, bigint> {
  const b = new Map<string, bigint>();
  for (const l of lines) {
    const k = `${accountKey(l)}|${l.currency}`;
    b.set(k, (b.get(k) ?? 0n) + l.amount);
  }
  return b;
}

/** Drops lines that net out on the same account (e.g. the clearing legs of a USD deposit). */
export function compact(lines: Posting[]): Posting[] {
  const by = new Map<string, Posting>();
  for (const l of lines) {
    const k = `${accountKey(l)}|${l.currency}`;
    const prev = by.get(k);
    by.set(k, prev ? { ...prev, amount: prev.amount + l.amount } : { ...l });
  }
  return [...by.values()].filter((l) => l.amount !== 0n);
}
