import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SupportRequestEntity } from '../request/support-request.entity';
import type { ExpenditureLine, IndicatorActual } from '../implementation/results-framework';

export const REPORT_KINDS = ['progress', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
/** submitted → accepted | returned (by a hub officer, with a reason); a returned report is followed by a new one. */
export const REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export interface MilestoneUpdate {
  code: string;
  status: 'planned' | 'in_progress' | 'done' | 'delayed';
  note: string;
}

/** A partner's progress or final report on a request in implementation. */
@Entity('request_report')
@Index('ix_request_report_request', ['requestId', 'id'])
@Index('ix_request_report_organisation', ['organisationId', 'kind'])
@Check('ck_request_report_status', `"status" IN (${REPORT_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check(
  'ck_request_report_period',
  `"period_start" IS NULL OR ("period_end" IS NOT NULL AND "period_start" <= "period_end")`,
)
@Check('ck_request_report_kind', `"kind" IN (${REPORT_KINDS.map((s) => `'${s}'`).join(', ')})`)
export class RequestReportEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => SupportRequestEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_request_report_request_id' })
  request?: SupportRequestEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_request_report_organisation_id' })
  organisation?: object;

  @Column('text')
  kind: ReportKind;

  @Column('text')
  period: string;

  /** The dates the period covers (YYYY-MM-DD); given with indicator actuals (IATI periods need them). */
  @Column('date', { nullable: true })
  periodStart: string | null;

  @Column('date', { nullable: true })
  periodEnd: string | null;

  @Column('text')
  narrative: string;

  /** Actuals per indicator of the plan's results framework, cumulative to the end of the period. */
  @Column('jsonb', { default: () => "'[]'" })
  indicatorActuals: IndicatorActual[];

  /** Expenditure by UNDG cost category, minor units of `currency` (the plan's). */
  @Column('jsonb', { default: () => "'[]'" })
  expenditure: ExpenditureLine[];

  @Column('char', { length: 3, nullable: true })
  currency: string | null;

  @Column('jsonb')
  milestoneUpdates: MilestoneUpdate[];

  @Column('text', { nullable: true })
  lessonsLearned: string | null;

  @Column('uuid')
  submittedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'submitted_by_id', foreignKeyConstraintName: 'fk_request_report_submitted_by_id' })
  submittedBy?: object;

  @Column('timestamptz')
  submittedAt: Date;

  @Column('text', { default: 'submitted' })
  status: ReportStatus;

  @Column('uuid', { nullable: true })
  reviewedById: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'reviewed_by_id', foreignKeyConstraintName: 'fk_request_report_reviewed_by_id' })
  reviewedBy?: object;

  @Column('timestamptz', { nullable: true })
  reviewedAt: Date | null;

  /** Why the hub accepted or returned the report. */
  @Column('text', { nullable: true })
  reviewReason: string | null;
}
