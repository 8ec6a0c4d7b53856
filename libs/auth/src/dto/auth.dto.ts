import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiProperty({ description: 'access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiPropertyOptional({ type: String, nullable: true }) countryCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) organisationId: string | null;
}

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(200) password: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-3, focal points only' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  countryCode?: string;
  @ApiPropertyOptional({ description: 'partner officers and donors' }) @IsOptional() @IsUUID() organisationId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
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
  @IsOptional() @IsIn(ROLES) role?: Role;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
