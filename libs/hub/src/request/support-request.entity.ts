import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { REQUEST_STATUSES, type RequestStatus } from './support-request.workflow';

export const SUPPORT_TYPES = [
  'technical_assistance',
  'policy_advice',
  'capacity_building',
  'data_and_research',
  'seed_funding',
  'peer_exchange',
] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The support request: the one shape of its fields. The columns are TypeORM's mapping; the API
 * decorators on the fields a focal point writes are the request DTOs' (derived in dto/), and the
 * public view is this shape less INTERNAL_FIELDS. Adding a field the focal point writes is a change
 * to this file and a migration.
 */
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
  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn('uuid')
  id: string;

  @ApiProperty({ example: 'CBM-2026-KEN-0007', description: 'human reference' })
  @Column('text')
  reference: string;

  @ApiProperty({ example: 'KEN', description: 'ISO 3166-1 alpha-3: the requesting country' })
  @Column('char', { length: 3 })
  countryCode: string;

  @ApiProperty({ enum: REQUEST_STATUSES })
  @Column('text')
  status: RequestStatus;

  /* What the focal point writes (the DTOs take these, with these rules). */

  @ApiProperty({ minLength: 3, maxLength: 200 })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  @Column('text')
  title: string;

  @ApiProperty({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  @Column('text', { default: '' })
  summary: string;

  @ApiProperty({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  @Column('text', { default: '' })
  expectedResults: string;

  @ApiProperty({ type: [Number], description: 'GCM objectives 1-23' })
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  @Column('int', { array: true, default: () => "'{}'" })
  objectives: number[];

  @ApiProperty({ type: [String], example: ['1.c'], description: 'GCM actions, "<objective>.<letter>"' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(/^([1-9]|1\d|2[0-3])\.[a-z]$/, { each: true })
  @Column('text', { array: true, default: () => "'{}'" })
  actions: string[];

  @ApiProperty({ type: [String], description: 'guiding principles (codes)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Column('text', { array: true, default: () => "'{}'" })
  principles: string[];

  @ApiProperty({ enum: SUPPORT_TYPES, isArray: true })
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsIn(SUPPORT_TYPES, { each: true })
  @Column('text', { array: true, default: () => "'{}'" })
  supportTypes: string[];

  @ApiProperty({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Column('text', { array: true, default: () => "'{}'" })
  targetGroups: string[];

  @ApiProperty({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Column('text', { default: '' })
  geographicScope: string;

  @ApiProperty({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Column('text', { default: '' })
  nationalCounterparts: string;

  /* The estimated budget: `estimatedBudget` (money) in the API, two columns here. */

  @Column('bigint', { nullable: true })
  estimatedBudgetAmount: string | null;

  @Column('char', { length: 3, nullable: true })
  estimatedBudgetCurrency: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-01-01', nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DAY)
  @Column('date', { nullable: true })
  startDate: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2027-12-31', nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DAY)
  @Column('date', { nullable: true })
  endDate: string | null;

  /* Kept by the workflow. */

  @Column('uuid')
  createdById: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_support_request_created_by_id' })
  createdBy?: object;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the hub officer in charge' })
  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_support_request_assignee_id' })
  assignee?: object;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz')
  statusChangedAt: Date;

  /* Service-level clocks (sla/sla-clocks.ts), shown as `serviceLevels`: due and end of each, on the row so lists need no join. */

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

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'earliest due date among running service-level clocks: the triage queue sorts on it',
  })
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

  @ApiProperty({ description: 'optimistic concurrency: send it back as If-Match' })
  @Column('int')
  version: number;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz')
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column('timestamptz')
  updatedAt: Date;
}

/** Fields the API never takes from a focal point: set by the system and the workflow. */
export const SYSTEM_FIELDS = [
  'id',
  'reference',
  'countryCode',
  'status',
  'estimatedBudgetAmount',
  'estimatedBudgetCurrency',
  'createdById',
  'createdBy',
  'assigneeId',
  'assignee',
  'submittedAt',
  'statusChangedAt',
  'triageDueAt',
  'triageEndedAt',
  'infoDueAt',
  'infoEndedAt',
  'assessmentDueAt',
  'assessmentEndedAt',
  'assessmentPausedAt',
  'dueAt',
  'overdueAt',
  'escalatedAt',
  'searchVector',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof SupportRequestEntity)[];

/** Fields the public view leaves out (the clocks are shown as `serviceLevels`, the budget as money). */
export const INTERNAL_FIELDS = [
  'estimatedBudgetAmount',
  'estimatedBudgetCurrency',
  'createdById',
  'createdBy',
  'assignee',
  'triageDueAt',
  'triageEndedAt',
  'infoDueAt',
  'infoEndedAt',
  'assessmentDueAt',
  'assessmentEndedAt',
  'assessmentPausedAt',
  'overdueAt',
  'escalatedAt',
  'searchVector',
] as const satisfies readonly (keyof SupportRequestEntity)[];

/** What a focal point writes, as stored: the audit trail records these before and after. */
export type RequestContent = Omit<SupportRequestEntity, (typeof SYSTEM_FIELDS)[number]> & {
  estimatedBudgetAmount: string | null;
  estimatedBudgetCurrency: string | null;
};

export function contentOf(r: SupportRequestEntity): RequestContent {
  const content: Record<string, unknown> = { ...r };
  for (const f of SYSTEM_FIELDS) delete content[f];
  content.estimatedBudgetAmount = r.estimatedBudgetAmount;
  content.estimatedBudgetCurrency = r.estimatedBudgetCurrency;
  return content as RequestContent;
}
