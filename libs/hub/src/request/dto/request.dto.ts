import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha3,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsSafeText, MoneyInputDto } from '@cbm/core';
import { SupportRequestEntity, SYSTEM_FIELDS } from '../support-request.entity';
import {
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  RequestAction,
  RequestStatus,
  StepInput,
} from '../support-request.workflow';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** What a draft cannot be filed without; the rest of what a focal point writes can come later. */
const REQUIRED_AT_CREATION = ['title', 'objectives', 'supportTypes'] as const;

/** A new draft: the request's own fields a focal point writes (SupportRequestEntity), the budget as money. */
export class CreateRequestDto extends IntersectionType(
  PickType(SupportRequestEntity, REQUIRED_AT_CREATION),
  PartialType(OmitType(SupportRequestEntity, [...SYSTEM_FIELDS, ...REQUIRED_AT_CREATION] as const)),
) {
  @ApiPropertyOptional({ type: MoneyInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  estimatedBudget?: MoneyInputDto;
}

/** Any of the same fields, while the request is draft or info_requested. */
export class UpdateRequestDto extends PartialType(CreateRequestDto) {
  @ApiPropertyOptional({ description: 'the version read; or send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Body of POST /requests/{id}/actions/{action}; which fields matter depends on the action. */
export class RequestActionDto implements StepInput {
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
