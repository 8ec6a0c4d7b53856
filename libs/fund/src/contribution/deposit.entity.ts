import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundContributionEntity } from './contribution.entity';
import { JournalEntryEntity } from '../ledger/journal-entry.entity';

/** Money received against a pledge, in the original currency with the USD equivalent the fund manager recorded. */
@Entity('fund_deposit')
@Index('ix_fund_deposit_contribution', ['contributionId'])
@Check(
  'ck_fund_deposit_amounts',
  `"amount" > 0 AND "usd_amount" > 0 AND "admin_fee_usd" >= 0 AND "admin_fee_usd" <= "usd_amount" AND "currency" ~ '^[A-Z]{3}$'`,
)
export class FundDepositEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  contributionId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundContributionEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'contribution_id', foreignKeyConstraintName: 'fk_fund_deposit_contribution_id' })
  contribution?: FundContributionEntity;

  @Column('date')
  receivedAt: string;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('bigint')
  usdAmount: string;

  @Column('bigint')
  adminFeeUsd: string;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntryEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_fund_deposit_entry_id' })
  entry?: JournalEntryEntity;

  @Column('uuid')
  createdById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_fund_deposit_created_by_id' })
  createdBy?: object;

  @Column('timestamptz')
  createdAt: Date;
}
