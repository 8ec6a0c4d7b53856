import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  IndicatorFigureView,
  MILESTONE_STATUSES,
  PlanIndicatorView,
} from '../../implementation/dto/implementation-plan.dto';
import { COST_CATEGORIES, FIGURE } from '../../implementation/results-framework';
import { REPORT_KINDS, REPORT_STATUSES } from '../request-report.entity';

export class MilestoneUpdateDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_.-]{1,20}$/) code: string;
  @ApiProperty({ enum: MILESTONE_STATUSES, enumName: 'MilestoneStatus' })
  @IsIn(MILESTONE_STATUSES)
  status: 'planned' | 'in_progress' | 'done' | 'delayed';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An indicator's actual, cumulative to the end of the period; female/male/other when it is disaggregated (summing to value). */
export class IndicatorActualDto {
  @ApiProperty({ example: 'OC1.1', description: "an indicator code of the plan's results framework" })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,20}$/)
  code: string;
  @ApiProperty({ example: '120' }) @Matches(FIGURE) value: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(FIGURE) female?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(FIGURE) male?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(FIGURE) other?: string | null;
}

export class ExpenditureLineDto {
  @ApiProperty({ enum: COST_CATEGORIES, enumName: 'CostCategory', description: 'UNDG harmonised cost category' })
  @IsIn(COST_CATEGORIES)
  category: (typeof COST_CATEGORIES)[number];
  @ApiProperty({ example: '1250000', description: "minor units of the plan's currency" })
  @Matches(/^(0|[1-9]\d{0,17})$/)
  amount: string;
}

export class SubmitReportDto {
  @ApiProperty({ enum: REPORT_KINDS, enumName: 'ReportKind' }) @IsIn(REPORT_KINDS) kind: (typeof REPORT_KINDS)[number];
  @ApiProperty({ example: '2027-Q2' }) @IsString() @MinLength(1) @MaxLength(100) period: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) narrative: string;
  @ApiProperty({ type: [MilestoneUpdateDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MilestoneUpdateDto)
  milestoneUpdates: MilestoneUpdateDto[];
  @ApiPropertyOptional({ description: 'required on a final report' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  lessonsLearned?: string;
  @ApiPropertyOptional({
    example: '2026-07-01',
    description: 'first day of the period; required with indicator actuals',
  })
  @IsOptional()
  @Matches(DATE)
  periodStart?: string;
  @ApiPropertyOptional({
    example: '2026-09-30',
    description: 'last day of the period; required with indicator actuals',
  })
  @IsOptional()
  @Matches(DATE)
  periodEnd?: string;
  @ApiPropertyOptional({
    type: [IndicatorActualDto],
    description: 'actuals per indicator of the plan (none when absent)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => IndicatorActualDto)
  indicatorActuals?: IndicatorActualDto[];
  @ApiPropertyOptional({
    type: [ExpenditureLineDto],
    description: "expenditure by cost category, in the plan's currency",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => ExpenditureLineDto)
  expenditure?: ExpenditureLineDto[];
}

export class IndicatorActualView extends IndicatorFigureView {
  @ApiProperty() code: string;
}

export class MilestoneUpdateView extends OmitType(MilestoneUpdateDto, ['note']) {
  @ApiProperty() note: string;
}

export class ReportView extends PickType(SubmitReportDto, ['kind', 'period', 'narrative']) {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ format: 'uuid', description: "The reporting partner's organisation" }) organisationId: string;
  @ApiProperty({ type: [MilestoneUpdateView] }) milestoneUpdates: MilestoneUpdateView[];
  @ApiProperty({ type: String, nullable: true }) lessonsLearned: string | null;
  @ApiProperty({ format: 'uuid' }) submittedById: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ enum: REPORT_STATUSES, enumName: 'ReportStatus' }) status: (typeof REPORT_STATUSES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reviewedById: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the hub accepted or returned it' })
  reviewReason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) periodStart: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) periodEnd: string | null;
  @ApiProperty({ type: [IndicatorActualView] }) indicatorActuals: IndicatorActualView[];
  @ApiProperty({ type: [ExpenditureLineDto] }) expenditure: ExpenditureLineDto[];
  @ApiProperty({ type: String, nullable: true, description: "the plan's currency, of the expenditure lines" })
  currency: string | null;
}

export class ReviewReportDto {
  @ApiProperty({ description: 'why the report is accepted or returned (the partner reads it)' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason: string;
}

export class ActualInPeriodView extends IndicatorFigureView {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty({ enum: REPORT_KINDS, enumName: 'ReportKind' }) kind: string;
  @ApiProperty({ enum: REPORT_STATUSES, enumName: 'ReportStatus' }) status: string;
  @ApiProperty({ example: '2026-Q3' }) period: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) periodStart: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) periodEnd: string | null;
}

export class IndicatorProgressView extends PlanIndicatorView {
  @ApiProperty({ enum: ['outcome', 'output'] }) level: 'outcome' | 'output';
  @ApiProperty() outcomeCode: string;
  @ApiProperty({ type: String, nullable: true }) outputCode: string | null;
  @ApiProperty({ description: 'title of the outcome or output the indicator measures' }) resultTitle: string;
  @ApiProperty({ type: [ActualInPeriodView], description: 'submitted and accepted reports, in period order' })
  actuals: ActualInPeriodView[];
  @ApiProperty({ type: ActualInPeriodView, nullable: true, description: 'the accepted actual of the latest period' })
  latestAccepted: ActualInPeriodView | null;
}

export class RequestResultsView {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ type: [IndicatorProgressView] }) indicators: IndicatorProgressView[];
}
