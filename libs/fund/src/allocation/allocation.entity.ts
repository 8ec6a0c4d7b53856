import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AllocationStatus = 'proposed' | 'approved' | 'rejected';

/**
 * Seed money for one application: proposed by the fund manager, decided by a steering-committee
 * member other than the proposer. `transferred_amount` is kept under a row lock and checked by
 * the database as a last guard against over-transfer.
 */
@Entity('fund_allocation')
@Index('ix_fund_allocation_application', ['applicationId'])
@Index('ix_fund_allocation_request', ['requestId'])
@Check('ck_fund_allocation_transferred', `"transferred_amount" >= 0 AND "transferred_amount" <= "amount"`)
export class FundAllocationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  applicationId: string;

  @Column('uuid')
  requestId: string;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('int')
  durationMonths: number;

  @Column('text')
  status: AllocationStatus;

  @Column('uuid')
  proposedById: string;

  @Column('timestamptz')
  proposedAt: Date;

  @Column('uuid', { nullable: true })
  decidedById: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  decisionRef: string | null;

  @Column('text', { nullable: true })
  decisionNote: string | null;

  @Column('uuid', { array: true, default: () => "'{}'" })
  recusedIds: string[];

  @Column('bigint', { default: '0' })
  transferredAmount: string;

  @Column('int', { default: 1 })
  version: number;
}
