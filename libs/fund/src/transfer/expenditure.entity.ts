import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Spending reported by an implementing organisation for a period. */
@Entity('fund_expenditure')
@Index('ix_fund_expenditure_allocation', ['allocationId', 'periodEnd'])
export class FundExpenditureEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  @Column('uuid')
  organisationId: string;

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

  @Column('uuid')
  reportedById: string;

  @Column('timestamptz')
  reportedAt: Date;
}
