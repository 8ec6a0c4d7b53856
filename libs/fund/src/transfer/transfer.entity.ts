import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Money sent to an implementing organisation under an approved allocation. */
@Entity('fund_transfer')
@Index('ix_fund_transfer_allocation', ['allocationId'])
@Index('ix_fund_transfer_organisation', ['organisationId'])
export class FundTransferEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  @Column('uuid')
  organisationId: string;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  /** The indirect-cost share of the amount shown for UN organisations (informative; part of the amount). */
  @Column('bigint', { default: '0' })
  indirectCost: string;

  @Column('uuid')
  entryId: string;

  @Column('boolean', { default: false })
  reversed: boolean;

  @Column('uuid')
  createdById: string;

  @Column('timestamptz')
  executedAt: Date;
}
