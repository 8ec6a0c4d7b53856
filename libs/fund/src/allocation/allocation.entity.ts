import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundApplicationEntity } from './application.entity';

export const ALLOCATION_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

/** A line of the allocation's budget: a cost category, optionally one implementing organisation's, in USD minor units. */
export interface BudgetLine {
  category: string;
  organisationId: string | null;
  amount: string;
}

/**
 * Where an approved allocation's project stands (closure/project.workflow.ts). Kept apart from the
 * committee's decision (`status`): an approved allocation stays approved, and every figure built on
 * approved allocations keeps counting it, whether it runs, is suspended, closed or cancelled.
 */
export const PROJECT_STAGES = ['open', 'suspended', 'operationally_closed', 'closed', 'cancelled'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/**
 * Seed money for one application: proposed by the fund manager, decided by a steering-committee
 * member other than the proposer. `transferred_amount` is kept under a row lock and checked by
 * the database as a last guard against over-transfer.
 */
@Entity('fund_allocation')
@Index('ix_fund_allocation_application', ['applicationId'])
@Index('ix_fund_allocation_request', ['requestId'])
@Index('uq_fund_allocation_open', ['applicationId'], { unique: true, where: `"status" IN ('proposed', 'approved')` })
@Check('ck_fund_allocation_transferred', `"transferred_amount" >= 0 AND "transferred_amount" <= "amount"`)
@Check('ck_fund_allocation_status', `"status" IN (${ALLOCATION_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_fund_allocation_stage', `"stage" IN (${PROJECT_STAGES.map((s) => `'${s}'`).join(', ')})`)
@Check(
  'ck_fund_allocation_markers',
  `("gender_marker" IS NULL OR "gender_marker" BETWEEN 0 AND 3) AND ("human_rights_marker" IS NULL OR "human_rights_marker" BETWEEN 0 AND 3) AND ("child_sensitivity_marker" IS NULL OR "child_sensitivity_marker" BETWEEN 0 AND 3)`,
)
@Check('ck_fund_allocation_amount', `"amount" > 0 AND "currency" ~ '^[A-Z]{3}$' AND "duration_months" > 0`)
export class FundAllocationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  applicationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundApplicationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_fund_allocation_application_id' })
  application?: FundApplicationEntity;

  @Column('uuid')
  requestId: string;

  @ManyToOne('SupportRequestEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_fund_allocation_request_id' })
  request?: object;

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('int')
  durationMonths: number;

  /**
   * The plan's end date (YYYY-MM-DD): set at approval (the decision date plus the duration), moved by an
   * approved no-cost extension (revision.workflow.ts). Null before approval, and for allocations approved
   * before migration FundAllocationRevisions (then the decision date plus the duration).
   */
  @Column('date', { nullable: true })
  endsOn: string | null;

  /** The budget lines of the plan's current revision (empty until a budget revision sets them); they add up to the amount. */
  @Column('jsonb', { default: () => "'[]'" })
  budgetLines: BudgetLine[];

  @Column('text')
  status: AllocationStatus;

  @Column('uuid')
  proposedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'proposed_by_id', foreignKeyConstraintName: 'fk_fund_allocation_proposed_by_id' })
  proposedBy?: object;

  @Column('timestamptz')
  proposedAt: Date;

  @Column('uuid', { nullable: true })
  decidedById: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_fund_allocation_decided_by_id' })
  decidedBy?: object;

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

  /** The project's stage; `open` until the approved allocation is suspended, closed or cancelled. */
  @Column('text', { default: 'open' })
  stage: ProjectStage;

  /** The final report was accepted and the fund manager recorded the operational closure. */
  @Column('timestamptz', { nullable: true })
  operationallyClosedAt: Date | null;

  /** The final financial statements were accepted and the balance went back to source. */
  @Column('timestamptz', { nullable: true })
  financiallyClosedAt: Date | null;

  /**
   * The markers of the request's assessment that counts (the hub's, through FundRequestPort.assessmentMarkers),
   * copied when the allocation is proposed and again in the decision's transaction: the markers the committee
   * decided on, which the fund's figures group and filter by in SQL. 0-3 (0 no contribution, 1 limited,
   * 2 significant, 3 principal objective); null when the request had no assessment (or, for the child-sensitivity
   * marker, when the assessment did not score it).
   */
  @Column('smallint', { nullable: true })
  genderMarker: number | null;

  @Column('smallint', { nullable: true })
  humanRightsMarker: number | null;

  @Column('smallint', { nullable: true })
  childSensitivityMarker: number | null;

  @Column('int', { default: 1 })
  version: number;
}
