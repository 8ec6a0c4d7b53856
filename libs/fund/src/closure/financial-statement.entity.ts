import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from '../allocation/allocation.entity';

export const STATEMENT_STATUSES = ['submitted', 'accepted'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

export interface CostCategoryLine {
  category: string;
  amount: string;
}

/**
 * An implementing organisation's final financial statement for an allocation (one per organisation):
 * what it spent in all, by cost category. Submitted by a partner officer, accepted by the fund manager at
 * financial closure, which records the reconciliation (transferred = spent + returned) on it.
 */
@Entity('fund_financial_statement')
@Index('uq_fund_financial_statement', ['allocationId', 'organisationId'], { unique: true })
@Check('ck_fund_financial_statement_spent', `"spent" >= 0 AND "currency" ~ '^[A-Z]{3}$'`)
@Check('ck_fund_financial_statement_status', `"status" IN (${STATEMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`)
export class FundFinancialStatementEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_financial_statement_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_fund_financial_statement_organisation_id' })
  organisation?: object;

  /** Spent in all under the allocation, as certified by the organisation. */
  @Column('bigint')
  spent: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('jsonb', { default: () => "'[]'" })
  costCategories: CostCategoryLine[];

  @Column('text', { default: '' })
  note: string;

  @Column('text')
  status: StatementStatus;

  @Column('uuid')
  submittedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'submitted_by_id', foreignKeyConstraintName: 'fk_fund_financial_statement_submitted_by_id' })
  submittedBy?: object;

  @Column('timestamptz')
  submittedAt: Date;

  @Column('uuid', { nullable: true })
  acceptedById: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'accepted_by_id', foreignKeyConstraintName: 'fk_fund_financial_statement_accepted_by_id' })
  acceptedBy?: object;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  /** At acceptance: what the organisation received, net of reversals. */
  @Column('bigint', { nullable: true })
  transferred: string | null;

  /** At acceptance: what it returned unspent. */
  @Column('bigint', { nullable: true })
  returned: string | null;
}
