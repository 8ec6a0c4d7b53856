import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CAPABILITY_LEVELS, type CapabilityLevel } from '../organisation-types';

export class ObjectiveCapabilityDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 23, example: 21 })
  @IsInt()
  @Min(1)
  @Max(23)
  objective: number;

  @ApiProperty({
    type: 'integer',
    enum: CAPABILITY_LEVELS,
    description: '1 contributes, 2 substantial expertise, 3 core mandate',
  })
  @IsIn(CAPABILITY_LEVELS)
  level: CapabilityLevel;
}

export class PutCapabilityProfileDto {
  @ApiProperty({ type: [ObjectiveCapabilityDto], description: 'At most one entry per objective' })
  @IsArray()
  @ArrayMaxSize(23)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveCapabilityDto)
  objectives: ObjectiveCapabilityDto[];

  @ApiProperty({
    type: [String],
    example: ['KEN', 'ETH'],
    description: 'ISO 3166-1 alpha-3 codes of countries with presence',
  })
  @IsArray()
  @ArrayMaxSize(300)
  @IsString({ each: true })
  @Matches(/^[A-Z]{3}$/, { each: true, message: 'each country must be an ISO 3166-1 alpha-3 code' })
  countries: string[];

  @ApiProperty({
    type: [String],
    example: ['Eastern Africa'],
    description: 'UN M49 regions or sub-regions, as in /reference/countries',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  regions: string[];

  @ApiProperty({ type: [String], example: ['labour_migration', 'fair_recruitment'], description: 'snake_case slugs' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { each: true, message: 'each thematic area must be a snake_case slug' })
  thematicAreas: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'The version last read (0 when there was no profile); a stale one is refused with 409',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class CapabilityProfileViewDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: [ObjectiveCapabilityDto] }) objectives: ObjectiveCapabilityDto[];
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty({ type: [String] }) thematicAreas: string[];
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'null when no profile was ever saved',
  })
  updatedAt: string | null;
  @ApiProperty({ type: 'integer', description: '0 when no profile was ever saved' }) version: number;
}
