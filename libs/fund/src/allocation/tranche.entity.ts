import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from './allocation.entity';

/** How much of an allocation becomes transferable, and when. */
@Entity('fund_tranche')
@Index('uq_fund_tranche_seq', ['allocationId', 'seq'], { unique: true })
// one accepted report releases one tranche of an allocation (the workflow checks it first; this is the database's word)
@Index('uq_fund_tranche_report', ['allocationId', 'evidenceRef'], {
  unique: true,
  where: `"condition" = 'progress_report_accepted' AND "released_at" IS NOT NULL`,
})
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

  /**
   * on_approval, progress_report_accepted (the evidence is the id of an accepted report of the request),
   * or another condition the fund manager confirms with free-text evidence.
   */
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
