import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SupportRequestEntity } from '../request/support-request.entity';
import type { PlanOutcome } from './results-framework';

export const STAKEHOLDER_TYPES = [
  'civil_society',
  'local_authority',
  'private_sector',
  'academia',
  'national_government',
  'other',
] as const;
export const FUNDING_SOURCES = [
  'start_up_fund',
  'national_budget',
  'bilateral_donor',
  'ifi',
  'private_sector',
  'other',
] as const;
export const FUNDING_STATUSES = ['planned', 'requested', 'confirmed'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export interface PlanOrganisation {
  organisationId: string;
  role: 'lead' | 'participating';
  responsibilities: string;
}
export interface PlanStakeholder {
  type: string;
  name: string;
  role: string;
}
export interface PlanMilestone {
  code: string;
  title: string;
  dueDate: string;
  organisationId: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'delayed';
}
export interface PlanBudgetLine {
  organisationId: string;
  amount: string;
}
export interface PlanFundingLine {
  source: FundingSource;
  amount: string;
  status: FundingStatus;
  note: string;
}

/** How a request will be implemented; one per request, replaced by PUT (version checked). Amounts in minor units of `currency`. */
@Entity('implementation_plan')
@Check('ck_implementation_plan_currency', `"currency" ~ '^[A-Z]{3}$'`)
export class ImplementationPlanEntity {
  @PrimaryColumn('uuid')
  requestId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => SupportRequestEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_implementation_plan_request_id' })
  request?: SupportRequestEntity;

  @Column('jsonb')
  organisations: PlanOrganisation[];

  @Column('jsonb')
  stakeholders: PlanStakeholder[];

  @Column('jsonb')
  milestones: PlanMilestone[];

  @Column('char', { length: 3 })
  currency: string;

  @Column('jsonb')
  budget: PlanBudgetLine[];

  @Column('jsonb')
  funding: PlanFundingLine[];

  /** The results framework: outcomes, their outputs, and the indicators of each (results-framework.ts). */
  @Column('jsonb', { default: () => "'[]'" })
  results: PlanOutcome[];

  /** Dates progress reports are due (YYYY-MM-DD); the scan reminds partners. */
  @Column('date', { array: true, default: () => "'{}'" })
  reportDueDates: string[];

  /** Report due dates already reminded of (the scan is idempotent through this). */
  @Column('date', { array: true, default: () => "'{}'" })
  remindedDueDates: string[];

  @Column('uuid')
  updatedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_implementation_plan_updated_by_id' })
  updatedBy?: object;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('int')
  version: number;
}
