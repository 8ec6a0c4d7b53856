import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsSafeText } from '@cbm/core';

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;

export class InviteDto {
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ enum: ['lead', 'participating'] }) @IsIn(['lead', 'participating']) role: 'lead' | 'participating';
}

export class DeclineInvitationDto {
  @ApiProperty({ maxLength: 5000 }) @IsString() @MinLength(1) @MaxLength(5000) reason: string;
}

export class InvitationQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptional()
  @IsIn(INVITATION_STATUSES)
  status?: (typeof INVITATION_STATUSES)[number];
  @ApiPropertyOptional({ description: 'hub officers: one organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsSafeText() @MaxLength(200) cursor?: string;
}
