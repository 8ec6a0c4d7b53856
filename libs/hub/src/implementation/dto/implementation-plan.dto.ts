import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { FUNDING_SOURCES, FUNDING_STATUSES, STAKEHOLDER_TYPES } from '../implementation-plan.entity';
import { FIGURE, INDICATOR_MEASURES } from '../results-framework';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MINOR = /^(0|[1-9]\d{0,17})$/;
export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done', 'delayed'] as const;

export class PlanOrganisationDto {
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ enum: ['lead', 'participating'], enumName: 'PartnerRole' })
  @IsIn(['lead', 'participating'])
  role: 'lead' | 'participating';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) responsibilities?: string;
}

export class PlanStakeholderDto {
  @ApiProperty({ enum: STAKEHOLDER_TYPES, enumName: 'StakeholderType' }) @IsIn(STAKEHOLDER_TYPES) type: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) role?: string;
}

export class PlanMilestoneDto {
  @ApiProperty({ example: 'M1' }) @IsString() @Matches(/^[A-Za-z0-9_.-]{1,20}$/) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiProperty({ example: '2027-06-30' }) @Matches(DATE) dueDate: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
}

export class PlanBudgetLineDto {
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ description: 'minor units' }) @Matches(MINOR) amount: string;
}

export class PlanFundingLineDto {
  @ApiProperty({ enum: FUNDING_SOURCES, enumName: 'FundingSource' })
  @IsIn(FUNDING_SOURCES)
  source: (typeof FUNDING_SOURCES)[number];
  @ApiProperty({ description: 'minor units' }) @Matches(MINOR) amount: string;
  @ApiProperty({ enum: FUNDING_STATUSES, enumName: 'FundingStatus' })
  @IsIn(FUNDING_STATUSES)
  status: (typeof FUNDING_STATUSES)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

const CODE = /^[A-Za-z0-9_.-]{1,20}$/;
const figure = (description: string) =>
  ApiPropertyOptional({ type: String, nullable: true, example: '120', description });

/** A figure of an indicator; female/male/other only when it is disaggregated by sex (then they add up to value). */
export class IndicatorFigureDto {
  @ApiProperty({ example: '250', description: 'decimal, up to 4 places' }) @Matches(FIGURE) value: string;
  @figure('women and girls') @IsOptional() @Matches(FIGURE) female?: string | null;
  @figure('men and boys') @IsOptional() @Matches(FIGURE) male?: string | null;
  @figure('other or not stated') @IsOptional() @Matches(FIGURE) other?: string | null;
}

export class IndicatorBaselineDto extends IndicatorFigureDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(1990) @Max(2100) year: number;
}

export class PlanIndicatorDto {
  @ApiProperty({ example: 'OC1.1', description: 'unique in the plan' }) @Matches(CODE) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) title: string;
  @ApiProperty({ example: 'returnees referred', description: 'what is counted' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  unit: string;
  @ApiProperty({ enum: INDICATOR_MEASURES, enumName: 'IndicatorMeasure' })
  @IsIn(INDICATOR_MEASURES)
  measure: (typeof INDICATOR_MEASURES)[number];
  @ApiProperty({ type: IndicatorBaselineDto })
  @ValidateNested()
  @Type(() => IndicatorBaselineDto)
  baseline: IndicatorBaselineDto;
  @ApiProperty({ type: IndicatorFigureDto, description: 'end-of-project target (actuals are cumulative)' })
  @ValidateNested()
  @Type(() => IndicatorFigureDto)
  target: IndicatorFigureDto;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) meansOfVerification: string;
  @ApiProperty({ description: 'whether baseline, target and actuals are broken down by sex' })
  @IsBoolean()
  sexDisaggregated: boolean;
  @ApiProperty({ type: [Number], example: [21], description: 'GCM objectives of the request it measures' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(23)
  @IsInt({ each: true })
  objectives: number[];
}

export class PlanOutputDto {
  @ApiProperty({ example: 'OC1.2', description: 'unique in the plan' }) @Matches(CODE) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) title: string;
  @ApiProperty({ type: [PlanIndicatorDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlanIndicatorDto)
  indicators: PlanIndicatorDto[];
}

/** An outcome: a result like an output (code, title, indicators) that also has the outputs leading to it. */
export class PlanOutcomeDto extends PlanOutputDto {
  @ApiProperty({ type: [PlanOutputDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlanOutputDto)
  outputs: PlanOutputDto[];
}

export class PutImplementationPlanDto {
  @ApiProperty({ type: [PlanOrganisationDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PlanOrganisationDto)
  organisations: PlanOrganisationDto[];
  @ApiPropertyOptional({ type: [PlanStakeholderDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanStakeholderDto)
  stakeholders?: PlanStakeholderDto[];
  @ApiProperty({ type: [PlanMilestoneDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlanMilestoneDto)
  milestones: PlanMilestoneDto[];
  @ApiProperty({ example: 'USD' }) @Matches(/^[A-Z]{3}$/) currency: string;
  @ApiProperty({ type: [PlanBudgetLineDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PlanBudgetLineDto)
  budget: PlanBudgetLineDto[];
  @ApiProperty({ type: [PlanFundingLineDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PlanFundingLineDto)
  funding: PlanFundingLineDto[];
  @ApiPropertyOptional({ type: [String], example: ['2027-06-30'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @Matches(DATE, { each: true })
  reportDueDates?: string[];
  @ApiPropertyOptional({
    type: [PlanOutcomeDto],
    description: 'the results framework: outcomes, their outputs, indicators (none when absent)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PlanOutcomeDto)
  results?: PlanOutcomeDto[];
  @ApiPropertyOptional({ description: 'the plan version read (absent when creating)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

// The plan as stored: the same lines as PUT takes, with every optional field filled in

export class PlanOrganisationView extends OmitType(PlanOrganisationDto, ['responsibilities']) {
  @ApiProperty() responsibilities: string;
}

export class PlanStakeholderView extends OmitType(PlanStakeholderDto, ['role']) {
  @ApiProperty() role: string;
}

export class PlanMilestoneView extends OmitType(PlanMilestoneDto, ['organisationId']) {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organisationId: string | null;
  @ApiProperty({ enum: MILESTONE_STATUSES, enumName: 'MilestoneStatus' })
  status: (typeof MILESTONE_STATUSES)[number];
}

export class PlanFundingLineView extends OmitType(PlanFundingLineDto, ['note']) {
  @ApiProperty() note: string;
}

export class IndicatorFigureView {
  @ApiProperty() value: string;
  @ApiProperty({ type: String, nullable: true }) female: string | null;
  @ApiProperty({ type: String, nullable: true }) male: string | null;
  @ApiProperty({ type: String, nullable: true }) other: string | null;
}

export class IndicatorBaselineView extends IndicatorFigureView {
  @ApiProperty() year: number;
}

export class PlanIndicatorView extends OmitType(PlanIndicatorDto, ['baseline', 'target']) {
  @ApiProperty({ type: IndicatorBaselineView }) baseline: IndicatorBaselineView;
  @ApiProperty({ type: IndicatorFigureView }) target: IndicatorFigureView;
}

export class PlanOutputView extends OmitType(PlanOutputDto, ['indicators']) {
  @ApiProperty({ type: [PlanIndicatorView] }) indicators: PlanIndicatorView[];
}

export class PlanOutcomeView extends OmitType(PlanOutcomeDto, ['indicators', 'outputs']) {
  @ApiProperty({ type: [PlanIndicatorView] }) indicators: PlanIndicatorView[];
  @ApiProperty({ type: [PlanOutputView] }) outputs: PlanOutputView[];
}

export class ImplementationPlanView extends PickType(PutImplementationPlanDto, ['currency', 'budget']) {
  @ApiProperty({ type: [PlanOutcomeView], description: 'the results framework' }) results: PlanOutcomeView[];
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ type: [PlanOrganisationView] }) organisations: PlanOrganisationView[];
  @ApiProperty({ type: [PlanStakeholderView] }) stakeholders: PlanStakeholderView[];
  @ApiProperty({ type: [PlanMilestoneView] }) milestones: PlanMilestoneView[];
  @ApiProperty({ type: [PlanFundingLineView] }) funding: PlanFundingLineView[];
  @ApiProperty({ type: [String], example: ['2027-06-30'], description: 'YYYY-MM-DD' }) reportDueDates: string[];
  @ApiProperty({ type: [String], description: 'Due dates the partners were already reminded of' })
  remindedDueDates: string[];
  @ApiProperty({ format: 'uuid' }) updatedById: string;
  @ApiProperty({ type: 'integer', description: 'Send it back with the next PUT' }) version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
