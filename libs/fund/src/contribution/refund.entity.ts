import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundContributionEntity } from './contribution.entity';
import { JournalEntryEntity } from '../ledger/journal-entry.entity';

/** Unallocated money returned to a contributor (USD). */
@Entity('fund_refund')
@Index('ix_fund_refund_contribution', ['contributionId'])
@Check('ck_fund_refund_amount', `"usd_amount" > 0`)
export class FundRefundEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  contributionId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundContributionEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'contribution_id', foreignKeyConstraintName: 'fk_fund_refund_contribution_id' })
  contribution?: FundContributionEntity;

  @Column('bigint')
  usdAmount: string;

  @Column('text')
  reason: string;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntryEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_fund_refund_entry_id' })
  entry?: JournalEntryEntity;

  @Column('uuid')
  createdById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_fund_refund_created_by_id' })
  createdBy?: object;

  @Column('timestamptz')
  createdAt: Date;
}
