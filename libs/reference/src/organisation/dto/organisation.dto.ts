import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IATI_ORG_REF, IsSafeText } from '@cbm/core';
import { ORGANISATION_TYPES, type OrganisationType } from '../organisation-types';

const ACRONYM = /^[\p{L}\p{N}][\p{L}\p{N} .&'/-]*$/u;

export class OrganisationQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_TYPES, enumName: 'OrganisationType' })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({ description: 'Matches name or acronym, case-insensitive', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsSafeText()
  q?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsSafeText()
  cursor?: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'International Organization for Migration', maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @IsSafeText()
  name: string;

  @ApiProperty({ example: 'IOM', maxLength: 32, description: 'Unique (case-insensitive)' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  @Matches(ACRONYM, {
    message: "acronym must start with a letter or digit and hold letters, digits, spaces or . & ' / -",
  })
  acronym: string;

  @ApiProperty({ enum: ORGANISATION_TYPES, enumName: 'OrganisationType' })
  @IsIn(ORGANISATION_TYPES)
  type: OrganisationType;

  @ApiPropertyOptional({
    type: String,
    example: 'DEU',
    nullable: true,
    description: 'ISO 3166-1 alpha-3; required for a member_state',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'countryCode must be an ISO 3166-1 alpha-3 code' })
  countryCode?: string | null;

  @ApiPropertyOptional({ type: String, example: 'https://www.iom.int', nullable: true, maxLength: 500 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'XM-DAC-47066',
    nullable: true,
    maxLength: 100,
    description: 'Registered IATI organisation identifier ({RegistrationAgency}-{RegistrationNumber}); null clears it',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  @Matches(IATI_ORG_REF, { message: 'iatiRef must be an IATI organisation identifier such as XM-DAC-47066' })
  iatiRef?: string | null;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @IsSafeText()
  name?: string;

  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  @Matches(ACRONYM, {
    message: "acronym must start with a letter or digit and hold letters, digits, spaces or . & ' / -",
  })
  acronym?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES, enumName: 'OrganisationType' })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'ISO 3166-1 alpha-3; null clears it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'countryCode must be an ISO 3166-1 alpha-3 code' })
  countryCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'XM-DAC-47066',
    nullable: true,
    maxLength: 100,
    description: 'Registered IATI organisation identifier ({RegistrationAgency}-{RegistrationNumber}); null clears it',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  @Matches(IATI_ORG_REF, { message: 'iatiRef must be an IATI organisation identifier such as XM-DAC-47066' })
  iatiRef?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The version last read; a stale one is refused with 409',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class OrganisationViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() acronym: string;
  @ApiProperty({ enum: ORGANISATION_TYPES, enumName: 'OrganisationType' }) type: OrganisationType;
  @ApiProperty({ nullable: true, type: String, example: 'DEU' }) countryCode: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'XM-DAC-47066',
    description: 'Registered IATI organisation identifier',
  })
  iatiRef: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
