import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How much of an allocation becomes transferable, and when. */
@Entity('fund_tranche')
@Index('uq_fund_tranche_seq', ['allocationId', 'seq'], { unique: true })
export class FundTrancheEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

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

  @Column('text', { nullable: true })
  evidenceRef: string | null;
}
