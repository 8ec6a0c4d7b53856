import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO31661Alpha3, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { RESULTS_GROUPINGS } from './results';

// GET /fund/results: public, figures only (no narrative, no person). Figures are decimal strings.

export class ResultsQueryDto {
  @ApiPropertyOptional({ enum: RESULTS_GROUPINGS, enumName: 'ResultsGrouping', default: 'objective' })
  @IsOptional()
  @IsIn(RESULTS_GROUPINGS)
  by?: (typeof RESULTS_GROUPINGS)[number];
  @ApiPropertyOptional({ description: 'only indicators linked to this GCM objective (1-23)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(23)
  objective?: number;
  @ApiPropertyOptional({ description: 'only projects in this country (ISO 3166-1 alpha-3)', example: 'KEN' })
  @IsOptional()
  @IsISO31661Alpha3()
  countryCode?: string;
  @ApiPropertyOptional({ description: 'only projects this organisation implements', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

const FIGURE = { example: '120', description: 'decimal string' } as const;
const NULLABLE_FIGURE = { type: String, nullable: true } as const;

export class ResultFigureView {
  @ApiProperty(FIGURE) value: string;
  @ApiProperty(NULLABLE_FIGURE) female: string | null;
  @ApiProperty(NULLABLE_FIGURE) male: string | null;
  @ApiProperty(NULLABLE_FIGURE) other: string | null;
}

export class ResultBaselineView extends ResultFigureView {
  @ApiProperty() year: number;
}

export class LatestActualView extends ResultFigureView {
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) periodEnd: string | null;
}

export class IndicatorRollUpView {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'what is counted' }) unit: string;
  @ApiProperty({ enum: ['unit', 'percentage'], enumName: 'IndicatorMeasure' }) measure: 'unit' | 'percentage';
  @ApiProperty({ enum: ['outcome', 'output'] }) level: 'outcome' | 'output';
  @ApiProperty({ type: [Number] }) objectives: number[];
  @ApiProperty() sexDisaggregated: boolean;
  @ApiProperty({ type: ResultBaselineView }) baseline: ResultBaselineView;
  @ApiProperty({ type: ResultFigureView, description: 'end-of-project target' }) target: ResultFigureView;
  @ApiProperty({
    type: LatestActualView,
    nullable: true,
    description: 'the cumulative actual of the latest accepted report; null before one',
  })
  latestActual: LatestActualView | null;
  @ApiProperty({ type: String, nullable: true, example: '0.4500', description: 'latest actual / target' })
  achievement: string | null;
}

export class ProjectRollUpView {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() countryCode: string;
  @ApiProperty({ type: [IndicatorRollUpView] }) indicators: IndicatorRollUpView[];
}

export class UnitTotalView {
  @ApiProperty({ example: 'returnees referred' }) unit: string;
  @ApiProperty({ description: 'indicators counting this unit' }) indicators: number;
  @ApiProperty(FIGURE) target: string;
  @ApiProperty({ ...FIGURE, description: 'sum of the latest accepted actuals' }) actual: string;
  @ApiProperty({ ...FIGURE, description: 'of which women and girls (where reported by sex)' }) female: string;
  @ApiProperty({ ...FIGURE, description: 'of which men and boys (where reported by sex)' }) male: string;
}

export class ResultsGroupView {
  @ApiProperty({
    example: '21',
    description: 'the objective number, the country code or the organisation id (none: no implementing organisation)',
  })
  key: string;
  @ApiProperty({ description: "the objective's title, the country's or the organisation's name" }) label: string;
  @ApiProperty() projects: number;
  @ApiProperty() indicators: number;
  @ApiProperty({ description: 'indicators with at least one accepted actual' }) indicatorsReported: number;
  @ApiProperty({ type: [UnitTotalView], description: 'count indicators summed by unit (percentages are not summed)' })
  totals: UnitTotalView[];
  @ApiProperty({ type: [ProjectRollUpView] }) items: ProjectRollUpView[];
}

export class ResultsFiltersView {
  @ApiProperty({ type: Number, nullable: true }) objective: number | null;
  @ApiProperty({ type: String, nullable: true }) countryCode: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organisationId: string | null;
}

export class FundResultsView {
  @ApiProperty({ enum: RESULTS_GROUPINGS, enumName: 'ResultsGrouping' }) by: (typeof RESULTS_GROUPINGS)[number];
  @ApiProperty({ type: ResultsFiltersView }) filters: ResultsFiltersView;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ description: 'funded projects with at least one indicator in the groups' }) projects: number;
  @ApiProperty({ type: [ResultsGroupView] }) groups: ResultsGroupView[];
}
