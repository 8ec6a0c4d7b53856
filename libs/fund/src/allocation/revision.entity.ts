import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from './allocation.entity';

export const REVISION_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];
export const REVISION_KINDS = ['no_cost_extension', 'budget_revision'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** The allocation's plan as a revision reads and writes it (amounts in USD minor units, as strings). */
export type PlanSnapshot = {
  endsOn: string;
  durationMonths: number;
  amount: string;
  tranches: { seq: number; amount: string; condition: string; released: boolean }[];
  budgetLines: { category: string; organisationId: string | null; amount: string }[];
};

/**
 * A versioned revision of an approved allocation's plan (revision.workflow.ts): a no-cost extension
 * (a new end date) or a budget revision (budget lines, the schedule of the tranches not yet released,
 * and possibly a top-up). Proposed by the fund manager, decided by a steering-committee member other
 * than the proposer; at most one proposed at a time per allocation (`uq_fund_revision_open`).
 * `before` is the plan when it was decided (when proposed, until then), `after` the plan it proposes.
 */
@Entity('fund_revision')
@Index('uq_fund_revision_seq', ['allocationId', 'seq'], { unique: true })
@Index('uq_fund_revision_open', ['allocationId'], { unique: true, where: `"status" = 'proposed'` })
@Check('ck_fund_revision_status', `"status" IN (${REVISION_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_fund_revision_kind', `"kind" IN (${REVISION_KINDS.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_fund_revision_top_up', `"top_up" >= 0 AND "seq" >= 1`)
export class FundRevisionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_revision_allocation_id' })
  allocation?: FundAllocationEntity;

  /** n: 1 for the allocation's first revision. */
  @Column('int')
  seq: number;

  @Column('text')
  kind: RevisionKind;

  @Column('text')
  status: RevisionStatus;

  @Column('text')
  reason: string;

  @Column('jsonb')
  before: PlanSnapshot;

  @Column('jsonb')
  after: PlanSnapshot;

  /** USD minor units the revision adds to the allocation (drawn from cash when approved). */
  @Column('bigint', { default: '0' })
  topUp: string;

  /** The journal entry of the top-up's draw. */
  @Column('uuid', { nullable: true })
  entryId: string | null;

  @ManyToOne('JournalEntryEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_fund_revision_entry_id' })
  entry?: object;

  @Column('uuid')
  proposedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'proposed_by_id', foreignKeyConstraintName: 'fk_fund_revision_proposed_by_id' })
  proposedBy?: object;

  @Column('timestamptz')
  proposedAt: Date;

  @Column('uuid', { nullable: true })
  decidedById: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_fund_revision_decided_by_id' })
  decidedBy?: object;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  decisionRef: string | null;

  @Column('text', { nullable: true })
  decisionNote: string | null;

  @Column('int', { default: 1 })
  version: number;
}
