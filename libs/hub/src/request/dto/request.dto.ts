import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsISO31661Alpha3,
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
import { IsSafeText, MoneyInputDto } from '@cbm/core';
import { REQUEST_ACTIONS, REQUEST_STATUSES, RequestAction, RequestStatus } from '../support-request.state-machine';

export const SUPPORT_TYPES = [
  'technical_assistance',
  'policy_advice',
  'capacity_building',
  'data_and_research',
  'seed_funding',
  'peer_exchange',
] as const;

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export class CreateRequestDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(3) @MaxLength(200) title: string;
  @ApiPropertyOptional({ maxLength: 10000 }) @IsOptional() @IsString() @MaxLength(10000) summary?: string;
  @ApiPropertyOptional({ maxLength: 10000 }) @IsOptional() @IsString() @MaxLength(10000) expectedResults?: string;
  @ApiProperty({ type: [Number], description: 'GCM objectives 1-23' })
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives: number[];
  @ApiPropertyOptional({ type: [String], example: ['1.c'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(/^([1-9]|1\d|2[0-3])\.[a-z]$/, { each: true })
  actions?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  principles?: string[];
  @ApiProperty({ enum: SUPPORT_TYPES, isArray: true })
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsIn(SUPPORT_TYPES, { each: true })
  supportTypes: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  targetGroups?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) geographicScope?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) nationalCounterparts?: string;
  @ApiPropertyOptional({ type: MoneyInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  estimatedBudget?: MoneyInputDto;
  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  startDate?: string;
  @ApiPropertyOptional({ example: '2027-12-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endDate?: string;
}

export class UpdateRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) expectedResults?: string;
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives?: number[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(/^([1-9]|1\d|2[0-3])\.[a-z]$/, { each: true })
  actions?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  principles?: string[];
  @ApiPropertyOptional({ enum: SUPPORT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsIn(SUPPORT_TYPES, { each: true })
  supportTypes?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  targetGroups?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) geographicScope?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) nationalCounterparts?: string;
  @ApiPropertyOptional({ type: MoneyInputDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  estimatedBudget?: MoneyInputDto;
  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  startDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) endDate?: string;
  @ApiPropertyOptional({ description: 'the version read; or send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Body of POST /requests/{id}/actions/{action}; which fields matter depends on the action. */
export class RequestActionDto {
  @ApiPropertyOptional({ description: 'start_triage' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ description: 'request_info' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  question?: string;
  @ApiPropertyOptional({ description: 'provide_info' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  answer?: string;
  @ApiPropertyOptional({ description: 'decline, withdraw' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason?: string;
  @ApiPropertyOptional({ description: 'start_implementation: funding does not cover the budget; why go ahead' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  override?: string;
  @ApiPropertyOptional({ description: 'the version read; or send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class RequestActionParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ enum: REQUEST_ACTIONS }) @IsIn(REQUEST_ACTIONS) action: RequestAction;
}

export class RequestQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES, isArray: true, description: 'comma-separated' })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsIn(REQUEST_STATUSES, { each: true })
  status?: RequestStatus[];
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-3' }) @IsOptional() @IsISO31661Alpha3() countryCode?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(23) objective?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ enum: ['newest', 'due'], description: 'due: the triage queue, earliest due date first' })
  @IsOptional()
  @IsIn(['newest', 'due'])
  sort?: 'newest' | 'due';
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsSafeText() @MaxLength(200) cursor?: string;
}

export class CommentDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(10000) body: string;
  @ApiPropertyOptional({ description: 'internal note, UN staff only' }) @IsOptional() @IsBoolean() internal?: boolean;
}
