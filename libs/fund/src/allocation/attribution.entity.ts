import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundContributionEntity } from '../contribution/contribution.entity';
import { JournalEntryEntity } from '../ledger/journal-entry.entity';
import { FundAllocationEntity } from './allocation.entity';

export const ATTRIBUTION_KINDS = ['allocation', 'return'] as const;
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number];

/**
 * Which pooled (unearmarked) contributions an allocation's pool-funded part came from, fixed at
 * approval in journal order (`allocation`, positive), and what of it went back to the pool (`return`,
 * negative, split like the allocation's attribution). Append-only: the database refuses UPDATE,
 * DELETE and TRUNCATE; a contribution's attribution to an allocation is the sum of its rows.
 */
@Entity('fund_allocation_attribution')
@Index('ix_fund_allocation_attribution_allocation', ['allocationId'])
@Index('ix_fund_allocation_attribution_contribution', ['contributionId', 'recordedAt'])
@Check('ck_fund_allocation_attribution_kind', `"kind" IN (${ATTRIBUTION_KINDS.map((s) => `'${s}'`).join(', ')})`)
@Check(
  'ck_fund_allocation_attribution_sign',
  `("kind" = 'allocation' AND "amount" > 0) OR ("kind" = 'return' AND "amount" < 0)`,
)
export class FundAttributionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_allocation_attribution_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('uuid')
  contributionId: string;

  @ManyToOne(() => FundContributionEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'contribution_id', foreignKeyConstraintName: 'fk_fund_allocation_attribution_contribution_id' })
  contribution?: FundContributionEntity;

  /** One of ATTRIBUTION_KINDS. */
  @Column('text')
  kind: AttributionKind;

  /** USD minor units: positive for an allocation's attribution, negative for money returned to the pool. */
  @Column('bigint')
  amount: string;

  /** The journal entry that moved the money (the allocation's approval, or the return). */
  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntryEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_fund_allocation_attribution_entry_id' })
  entry?: JournalEntryEntity;

  /** When it was recorded: the entry's recorded time; statements "as of" a moment read the rows up to it. */
  @Column('timestamptz')
  recordedAt: Date;
}
