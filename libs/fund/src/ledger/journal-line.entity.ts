import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from '../allocation/allocation.entity';
import { FundContributionEntity } from '../contribution/contribution.entity';
import { JournalEntryEntity } from './journal-entry.entity';
import { ACCOUNT_KINDS, type AccountKind } from './ledger';

/** One side of a journal entry: debit positive, credit negative, minor units. Append-only. */
@Entity('journal_line')
@Index('ix_journal_line_entry', ['entryId'])
@Index('ix_journal_line_account', ['accountKey', 'currency'])
@Check('ck_journal_line_amount', `"amount" <> 0 AND "currency" ~ '^[A-Z]{3}$'`)
@Check('ck_journal_line_kind', `"kind" IN (${ACCOUNT_KINDS.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_journal_line_line_no', `"line_no" >= 1`)
export class JournalLineEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  entryId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => JournalEntryEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_journal_line_entry_id' })
  entry?: JournalEntryEntity;

  @Column('smallint')
  lineNo: number;

  @Column('text')
  accountKey: string;

  @Column('text')
  kind: AccountKind;

  @Column('uuid', { nullable: true })
  contributionId: string | null;

  @ManyToOne(() => FundContributionEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'contribution_id', foreignKeyConstraintName: 'fk_journal_line_contribution_id' })
  contribution?: FundContributionEntity;

  @Column('uuid', { nullable: true })
  allocationId: string | null;

  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_journal_line_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_journal_line_organisation_id' })
  organisation?: object;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;
}
