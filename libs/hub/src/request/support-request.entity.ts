import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { REQUEST_STATUSES, type RequestStatus } from './support-request.state-machine';

@Entity('support_request')
@Index('uq_support_request_reference', ['reference'], { unique: true })
@Index('ix_support_request_country', ['countryCode', 'id'])
@Index('ix_support_request_status', ['status', 'id'])
@Index('ix_support_request_assignee', ['assigneeId', 'status'])
@Index('ix_support_request_due', ['dueAt', 'id'])
@Index('ix_support_request_objectives', ['objectives'], { type: 'gin' })
@Check('ck_support_request_status', `"status" IN (${REQUEST_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_support_request_country_code', `"country_code" ~ '^[A-Z]{3}$'`)
@Check(
  'ck_support_request_estimated_budget',
  `("estimated_budget_amount" IS NULL) = ("estimated_budget_currency" IS NULL) AND "estimated_budget_amount" > 0 AND "estimated_budget_currency" ~ '^[A-Z]{3}$'`,
)
@Check('ck_support_request_dates', `"end_date" >= "start_date"`)
export class SupportRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Human reference, e.g. CBM-2026-KEN-0007. */
  @Column('text')
  reference: string;

  @Column('char', { length: 3 })
  countryCode: string;

  @Column('text')
  status: RequestStatus;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  summary: string;

  @Column('text', { default: '' })
  expectedResults: string;

  @Column('int', { array: true, default: () => "'{}'" })
  objectives: number[];

  @Column('text', { array: true, default: () => "'{}'" })
  actions: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  principles: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  supportTypes: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  targetGroups: string[];

  @Column('text', { default: '' })
  geographicScope: string;

  @Column('text', { default: '' })
  nationalCounterparts: string;

  @Column('bigint', { nullable: true })
  estimatedBudgetAmount: string | null;

  @Column('char', { length: 3, nullable: true })
  estimatedBudgetCurrency: string | null;

  @Column('date', { nullable: true })
  startDate: string | null;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column('uuid')
  createdById: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_support_request_created_by_id' })
  createdBy?: object;

  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_support_request_assignee_id' })
  assignee?: object;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz')
  statusChangedAt: Date;

  /* Service-level clocks (see sla/sla-clocks.ts): due and end of each, kept on the row so lists need no join. */
  @Column('timestamptz', { nullable: true })
  triageDueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  triageEndedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  infoDueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  infoEndedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  assessmentDueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  assessmentEndedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  assessmentPausedAt: Date | null;

  /** Earliest due date among running clocks: the triage queue sorts and filters on it. */
  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  /** Set by the service-level scan when the clock due at `dueAt` ran out; cleared when clocks change. */
  @Column('timestamptz', { nullable: true })
  overdueAt: Date | null;

  @Column('timestamptz', { nullable: true })
  escalatedAt: Date | null;

  /** Title and summary for similarity ranking, kept by the repository on every write of the text. */
  @Column('tsvector', { nullable: true, select: false })
  searchVector?: string | null;

  @Column('int')
  version: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
