import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { JournalEntryEntity } from '../ledger/journal-entry.entity';

/**
 * A return of unspent funds: money an implementing organisation sends back from what it received under an
 * allocation, recorded by the fund manager when it arrives. (A refund is the fund paying a donor back:
 * `fund_refund`.)
 */
@Entity('fund_unspent_return')
@Index('ix_fund_unspent_return_allocation', ['allocationId', 'organisationId'])
@Check('ck_fund_unspent_return_amount', `"amount" > 0 AND "currency" ~ '^[A-Z]{3}$'`)
export class FundUnspentReturnEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_unspent_return_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_fund_unspent_return_organisation_id' })
  organisation?: object;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  reason: string;

  /** The document the money came with (the partner's remittance advice, the bank statement). */
  @Column('text')
  reference: string;

  /** The `unspent_return` journal entry (Cr transfer, Dr allocation). */
  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntryEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_fund_unspent_return_entry_id' })
  entry?: JournalEntryEntity;

  @Column('date')
  receivedAt: string;

  @Column('uuid')
  recordedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_fund_unspent_return_recorded_by_id' })
  recordedBy?: object;

  @Column('timestamptz')
  recordedAt: Date;
}
