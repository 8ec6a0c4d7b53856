import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { IsSafeText } from '@cbm/core';
import {
  KNOWLEDGE_ACTIONS,
  KNOWLEDGE_KINDS,
  KNOWLEDGE_STATUSES,
  KnowledgeAction,
  KnowledgeStatus,
} from '../knowledge-item.workflow';
import { SUPPORTED_LANGUAGES } from '../../search/text-config';
import { TRANSLATIONS } from '../knowledge-item.view';

/**
 * `translations`: by a supported language code, a title (3-300 characters) and an optional summary
 * (at most 5,000), as for the item itself; anything else is a 400, not a stored oddity the
 * personal-data scanner and the search projection would then read.
 */
export function isTranslations(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.entries(v).every(([code, tr]: [string, unknown]) => {
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(code)) return false;
    if (typeof tr !== 'object' || tr === null || Array.isArray(tr)) return false;
    const { title, summary, ...rest } = tr as Record<string, unknown>;
    return (
      Object.keys(rest).length === 0 &&
      typeof title === 'string' &&
      title.trim().length >= 3 &&
      title.length <= 300 &&
      (summary === undefined || (typeof summary === 'string' && summary.length <= 5000))
    );
  });
}

const ACTION_CODE = /^([1-9]|1\d|2[0-3])\.[a-z]$/;
const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export class KnowledgeContentDto {
  @ApiPropertyOptional({ description: 'CC-BY-4.0 unless stated' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  licence?: string;
  @ApiPropertyOptional({ type: [String], example: ['1.c'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(ACTION_CODE, { each: true })
  actions?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  principles?: string[];
  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-3' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @ArrayUnique()
  @Matches(/^[A-Z]{3}$/, { each: true })
  countries?: string[];
  @ApiPropertyOptional({ type: [String], description: 'regions or subregions, as /reference/countries names them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  regions?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  organisations?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  tags?: string[];
  @ApiPropertyOptional({ enum: SUPPORTED_LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(SUPPORTED_LANGUAGES)
  language?: string;
  @ApiPropertyOptional(TRANSLATIONS)
  @IsOptional()
  @IsObject()
  @ValidateBy(
    {
      name: 'isTranslations',
      validator: { validate: isTranslations },
    },
    {
      message: 'translations: by language code, { title (3-300 characters), summary? (at most 5000) }',
    },
  )
  translations?: Record<string, { title: string; summary?: string }>;
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  sourceUrl?: string;
  @ApiPropertyOptional({ description: 'year the item refers to' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  year?: number;
}

export class CreateKnowledgeItemDto extends KnowledgeContentDto {
  @ApiProperty({ enum: KNOWLEDGE_KINDS, enumName: 'KnowledgeKind' }) @IsIn(KNOWLEDGE_KINDS) kind: string;
  @ApiProperty({ maxLength: 300 }) @IsString() @MinLength(3) @MaxLength(300) title: string;
  @ApiProperty({ maxLength: 5000 }) @IsString() @MaxLength(5000) summary: string;
  @ApiPropertyOptional({ description: 'Markdown', maxLength: 100000 })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  body?: string;
  @ApiProperty({ type: [Number], description: 'GCM objectives 1-23' })
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives: number[];
}

export class UpdateKnowledgeItemDto extends KnowledgeContentDto {
  @ApiPropertyOptional({ enum: KNOWLEDGE_KINDS, enumName: 'KnowledgeKind' })
  @IsOptional()
  @IsIn(KNOWLEDGE_KINDS)
  kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100000) body?: string;
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives?: number[];
  @ApiPropertyOptional({ description: 'the version read; or send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class KnowledgeActionParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ enum: KNOWLEDGE_ACTIONS, enumName: 'KnowledgeAction' })
  @IsIn(KNOWLEDGE_ACTIONS)
  action: KnowledgeAction;
}

export class KnowledgeActionDto {
  @ApiPropertyOptional({ description: 'publish: declare a conflict of interest (true blocks your review)' })
  @IsOptional()
  @IsBoolean()
  conflictOfInterest?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: 'the version read; or send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ReviewDeclarationDto {
  @ApiProperty({ description: 'true when you have a conflict of interest; it blocks your review' })
  @IsBoolean()
  conflictOfInterest: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) conflictStatement?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) comment?: string;
}

export class KnowledgeListQueryDto {
  @ApiPropertyOptional({ enum: KNOWLEDGE_STATUSES, enumName: 'KnowledgeStatus', isArray: true })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(KNOWLEDGE_STATUSES, { each: true })
  status?: KnowledgeStatus[];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ maxLength: 200, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(200)
  cursor?: string;
}

export class DiffQueryDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) @Type(() => Number) @IsInt() @Min(1) from: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) @Type(() => Number) @IsInt() @Min(1) to: number;
}
