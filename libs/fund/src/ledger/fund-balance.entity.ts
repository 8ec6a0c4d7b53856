import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { FundContributionEntity } from '../contribution/contribution.entity';
import { ACCOUNT_KINDS, type AccountKind } from './ledger';

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
@Check('ck_fund_balance_kind', `"kind" IN (${ACCOUNT_KINDS.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_fund_balance_lines', `"lines" >= 0 AND "currency" ~ '^[A-Z]{3}$'`)
export class FundBalanceEntity {
  @PrimaryColumn('text')
  accountKey: string;

  @PrimaryColumn('char', { length: 3 })
  currency: string;

  @Column('text')
  kind: AccountKind;

  @Column('uuid', { nullable: true })
  contributionId: string | null;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundContributionEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'contribution_id', foreignKeyConstraintName: 'fk_fund_balance_contribution_id' })
  contribution?: FundContributionEntity;

  @Column('uuid', { nullable: true })
  allocationId: string | null;

  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_balance_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_fund_balance_organisation_id' })
  organisation?: object;

  @Column('bigint')
  balance: string;

  /** How many journal lines went into the balance: the summary's cache key is their sum. */
  @Column('bigint', { default: '0' })
  lines: string;
}
