import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { JournalEntryEntity } from '../ledger/journal-entry.entity';

/** Spending reported by an implementing organisation for a period. */
@Entity('fund_expenditure')
@Index('ix_fund_expenditure_allocation', ['allocationId', 'periodEnd'])
@Check('ck_fund_expenditure_amount', `"amount" > 0 AND "currency" ~ '^[A-Z]{3}$'`)
@Check('ck_fund_expenditure_period', `"period_end" >= "period_start"`)
export class FundExpenditureEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_expenditure_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_fund_expenditure_organisation_id' })
  organisation?: object;

  @Column('date', { nullable: true })
  periodStart: string | null;

  @Column('date')
  periodEnd: string;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntryEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_fund_expenditure_entry_id' })
  entry?: JournalEntryEntity;

  @Column('uuid')
  reportedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'reported_by_id', foreignKeyConstraintName: 'fk_fund_expenditure_reported_by_id' })
  reportedBy?: object;

  @Column('timestamptz')
  reportedAt: Date;
}
