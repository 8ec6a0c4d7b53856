import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Unallocated money returned to a contributor (USD). */
@Entity('fund_refund')
@Index('ix_fund_refund_contribution', ['contributionId'])
export class FundRefundEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  contributionId: string;

  @Column('bigint')
  usdAmount: string;

  @Column('text')
  reason: string;

  @Column('uuid')
  entryId: string;

  @Column('uuid')
  createdById: string;

  @Column('timestamptz')
  createdAt: Date;
}
