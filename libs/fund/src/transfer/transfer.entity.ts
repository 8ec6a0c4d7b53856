import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { JournalEntryEntity } from '../ledger/journal-entry.entity';

/** Money sent to an implementing organisation under an approved allocation. */
@Entity('fund_transfer')
@Index('ix_fund_transfer_allocation', ['allocationId'])
@Index('ix_fund_transfer_organisation', ['organisationId'])
@Check(
  'ck_fund_transfer_amount',
  `"amount" > 0 AND "indirect_cost" >= 0 AND "indirect_cost" <= "amount" AND "currency" ~ '^[A-Z]{3}$'`,
)
export class FundTransferEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_transfer_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_fund_transfer_organisation_id' })
  organisation?: object;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  /** The indirect-cost share of the amount shown for UN organisations (informative; part of the amount). */
  @Column('bigint', { default: '0' })
  indirectCost: string;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntryEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_fund_transfer_entry_id' })
  entry?: JournalEntryEntity;

  @Column('boolean', { default: false })
  reversed: boolean;

  @Column('uuid')
  createdById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_fund_transfer_created_by_id' })
  createdBy?: object;

  @Column('timestamptz')
  executedAt: Date;
}
