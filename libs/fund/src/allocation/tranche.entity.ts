import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from './allocation.entity';

/** How much of an allocation becomes transferable, and when. */
@Entity('fund_tranche')
@Index('uq_fund_tranche_seq', ['allocationId', 'seq'], { unique: true })
@Check('ck_fund_tranche_amount', `"amount" > 0 AND "seq" >= 1`)
export class FundTrancheEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_tranche_allocation_id' })
  allocation?: FundAllocationEntity;

  @Column('int')
  seq: number;

  @Column('bigint')
  amount: string;

  /** on_approval, or a condition the fund manager confirms with evidence (e.g. progress_report_approved). */
  @Column('text')
  condition: string;

  @Column('timestamptz', { nullable: true })
  releasedAt: Date | null;

  @Column('uuid', { nullable: true })
  releasedById: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'released_by_id', foreignKeyConstraintName: 'fk_fund_tranche_released_by_id' })
  releasedBy?: object;

  @Column('text', { nullable: true })
  evidenceRef: string | null;
}
