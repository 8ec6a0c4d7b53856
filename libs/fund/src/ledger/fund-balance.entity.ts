import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccountKind } from './ledger';

/**
 * Balance per account and currency, maintained in the same transaction as each journal entry
 * so the summary reads thousands of rows, not millions of lines. Derived: `reconcile()` checks
 * it against the journal. Money-holding accounts can never go below zero.
 */
@Entity('fund_balance')
@Index('ix_fund_balance_kind', ['kind'])
@Index('ix_fund_balance_allocation', ['allocationId'])
@Index('ix_fund_balance_contribution', ['contributionId'])
@Check(
  'ck_fund_balance_not_negative',
  `"balance" >= 0 OR "kind" NOT IN ('cash_pool', 'cash_earmarked', 'allocation', 'transfer')`,
)
export class FundBalanceEntity {
  @PrimaryColumn('text')
  accountKey: string;

  @PrimaryColumn('char', { length: 3 })
  currency: string;

  @Column('text')
  kind: AccountKind;

  @Column('uuid', { nullable: true })
  contributionId: string | null;

  @Column('uuid', { nullable: true })
  allocationId: string | null;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('bigint')
  balance: string;

  /** How many journal lines went into the balance: the summary's cache key is their sum. */
  @Column('bigint', { default: '0' })
  lines: string;
}
