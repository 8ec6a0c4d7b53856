import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
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
  ValidateIf,
} from 'class-validator';
import { ROLES, Role } from '@cbm/core';

export class LoginDto {
  @ApiProperty({ example: 'admin@cbm.example.org' }) @IsString() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MaxLength(200) refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ type: 'integer', description: 'access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 3166-1 alpha-3 (focal points)' })
  countryCode: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'partner officers and donors' })
  organisationId: string | null;
  @ApiProperty({ description: 'false: deactivated, cannot sign in' }) active: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'set when the person was erased: name and e-mail are a pseudonym, the account cannot be changed',
  })
  erasedAt: string | null;
}

export class MeDto extends PickType(UserView, ['id', 'email', 'name', 'role', 'countryCode', 'organisationId']) {}

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(200) password: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-3, focal points only' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  countryCode?: string;
  @ApiPropertyOptional({ description: 'partner officers and donors' }) @IsOptional() @IsUUID() organisationId?: string;
}

export class EraseUserDto {
  @ApiProperty({
    description: "Why the person's data is erased (kept in the audit trail in the clear: no name or e-mail)",
    example: 'erasure requested by the person on 2026-12-01 (ticket 4411)',
  })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[A-Z]{3}$/)
  countryCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  organisationId?: string | null;
  @ApiPropertyOptional({ description: 'false deactivates the account and signs it out' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(12) @MaxLength(200) password?: string;
  @ApiPropertyOptional({ description: 'optimistic concurrency' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class UserQueryDto {
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ maxLength: 100, description: 'Matches name or e-mail' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
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
  @MaxLength(200)
  cursor?: string;
}
