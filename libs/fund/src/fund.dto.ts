import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsISO8601,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsSafeText, MoneyInputDto, PageQueryDto } from '@cbm/core';

export class EarmarkDto {
  @ApiProperty({ enum: ['none', 'objectives', 'country'], enumName: 'EarmarkType' })
  @IsIn(['none', 'objectives', 'country'])
  type: 'none' | 'objectives' | 'country';

  @ApiPropertyOptional({ type: [Number], description: 'GCM objectives 1-23, for type objectives' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(23)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives?: number[];

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-3, for type country' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/)
  country?: string;
}

export class CreateContributionDto {
  @ApiProperty() @IsUUID() contributorId: string;
  @ApiProperty({ example: '2026-03-01' }) @IsISO8601({ strict: true }) @Length(10, 10) pledgedAt: string;
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
  @ApiProperty({ type: EarmarkDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EarmarkDto)
  earmark: EarmarkDto;
  @ApiPropertyOptional({ description: 'contribution agreement reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsSafeText()
  reference?: string;
}

export class CreateDepositDto {
  @ApiProperty({ example: '2026-03-15' }) @IsISO8601({ strict: true }) @Length(10, 10) receivedAt: string;
  @ApiProperty({ type: MoneyInputDto, description: 'in the pledge currency' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
  @ApiProperty({ type: MoneyInputDto, description: 'USD equivalent at the rate the fund manager records' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  usdAmount: MoneyInputDto;
  @ApiPropertyOptional({ description: 'bank or receipt reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsSafeText()
  reference?: string;
}

export class CreateRefundDto {
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) @IsSafeText() reason: string;
  @ApiProperty({ description: 'decision or document reference' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeText()
  reference: string;
}

export class CreateApplicationDto {
  @ApiProperty() @IsUUID() requestId: string;
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) @IsSafeText() justification: string;
}

export class TrancheInputDto {
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
  @ApiProperty({
    example: 'on_approval',
    description:
      'on_approval releases at approval; progress_report_accepted on an accepted report of the request (its id as ' +
      'evidence, one report per tranche); others when the fund manager confirms them with evidence',
  })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  condition: string;
}

export class ProposeAllocationDto {
  @ApiProperty() @IsUUID() applicationId: string;
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
  @ApiProperty({ type: [TrancheInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => TrancheInputDto)
  tranches: TrancheInputDto[];
  @ApiPropertyOptional({ description: 'months; at most the configured maximum' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  durationMonths?: number;
}

export class BudgetLineInputDto {
  @ApiProperty({ example: 'training', description: 'the cost category' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSafeText()
  category: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'the implementing organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
}

export class ProposeRevisionDto {
  @ApiProperty({ description: 'why the plan changes' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @IsSafeText()
  reason: string;
  @ApiPropertyOptional({
    example: '2027-12-31',
    description: 'a no-cost extension: the new end date, after the current one',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  endsOn?: string;
  @ApiPropertyOptional({ type: MoneyInputDto, description: 'the new amount: the same or more (a top-up), never less' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount?: MoneyInputDto;
  @ApiPropertyOptional({
    type: [TrancheInputDto],
    description: 'the schedule of what is not yet released; with the released tranches it adds up to the amount',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => TrancheInputDto)
  tranches?: TrancheInputDto[];
  @ApiPropertyOptional({ type: [BudgetLineInputDto], description: 'the new budget lines, adding up to the amount' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineInputDto)
  budgetLines?: BudgetLineInputDto[];
}

export class DecideAllocationDto {
  @ApiProperty({ example: 'SC-2026-04' }) @IsString() @MinLength(1) @MaxLength(200) @IsSafeText() decisionRef: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) @IsSafeText() note?: string;
}

export class RecuseDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) @IsSafeText() note?: string;
}

export class ReleaseTrancheDto {
  @ApiProperty({
    description:
      'the document showing the condition is met: for progress_report_accepted, the id of an accepted report of the ' +
      'request not used for another tranche (422 FUND_REPORT_NOT_ACCEPTED / FUND_REPORT_ALREADY_USED)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeText()
  evidenceRef: string;
}

export class CreateTransferDto {
  @ApiProperty() @IsUUID() allocationId: string;
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
}

export class CreateExpenditureDto {
  @ApiProperty() @IsUUID() allocationId: string;
  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  periodStart?: string;
  @ApiProperty({ example: '2027-03-31' }) @IsISO8601({ strict: true }) @Length(10, 10) periodEnd: string;
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
}

export class ReverseEntryDto {
  @ApiProperty({ description: 'the decision or document ordering the correction' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeText()
  reference: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) @IsSafeText() reason: string;
}

/** A statement "as of" a moment: a day (YYYY-MM-DD, UTC, up to its end) or an ISO 8601 instant; already past. */
export class AsOfQueryDto {
  @ApiPropertyOptional({
    description:
      'YYYY-MM-DD (everything recorded up to the end of that UTC day) or an ISO 8601 instant with its zone; a moment already past. Without it: now',
    example: '2026-06-30',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asOf?: string;
}

const markerQuery = (name: string) =>
  ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 3,
    description: `only projects whose ${name} marker (as at the committee's decision) has this value: 0 no contribution, 1 limited, 2 significant, 3 principal objective`,
  });
/** A single digit 0-3 becomes a number; anything else stays as sent and fails validation (400). */
const markerValue = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && /^[0-3]$/.test(value) ? Number(value) : value,
);

/** Filters on the markers an allocation carries (`?genderMarker=3&childSensitivityMarker=2`). */
export class MarkerQueryDto {
  @markerQuery('gender') @IsOptional() @markerValue @IsInt() @Min(0) @Max(3) genderMarker?: number;
  @markerQuery('human-rights') @IsOptional() @markerValue @IsInt() @Min(0) @Max(3) humanRightsMarker?: number;
  @markerQuery('child-sensitivity')
  @IsOptional()
  @markerValue
  @IsInt()
  @Min(0)
  @Max(3)
  childSensitivityMarker?: number;
}

export class MarkerPageQueryDto extends IntersectionType(PageQueryDto, MarkerQueryDto) {}
