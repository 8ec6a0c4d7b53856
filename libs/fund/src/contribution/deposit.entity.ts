import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Money received against a pledge, in the original currency with the USD equivalent the fund manager recorded. */
@Entity('fund_deposit')
@Index('ix_fund_deposit_contribution', ['contributionId'])
export class FundDepositEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  contributionId: string;

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

  @Column('uuid')
  createdById: string;

  @Column('timestamptz')
  createdAt: Date;
}
