import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsSafeText } from '@cbm/core';

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export const PARTNER_ROLES = ['lead', 'participating'] as const;
type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export class InviteDto {
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ enum: PARTNER_ROLES, enumName: 'PartnerRole' })
  @IsIn(PARTNER_ROLES)
  role: (typeof PARTNER_ROLES)[number];
}

export class DeclineInvitationDto {
  @ApiProperty({ maxLength: 5000 }) @IsString() @MinLength(1) @MaxLength(5000) reason: string;
}

export class InvitationQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES, enumName: 'InvitationStatus' })
  @IsOptional()
  @IsIn(INVITATION_STATUSES)
  status?: (typeof INVITATION_STATUSES)[number];
  @ApiPropertyOptional({ description: 'hub officers: one organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
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

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: String, nullable: true, example: 'IOM' }) organisationAcronym: string | null;
  @ApiProperty({ enum: PARTNER_ROLES, enumName: 'PartnerRole' }) role: string;
  @ApiProperty({ enum: INVITATION_STATUSES, enumName: 'InvitationStatus' }) status: InvitationStatus;
  @ApiProperty({ format: 'date-time' }) invitedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) respondedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
}
