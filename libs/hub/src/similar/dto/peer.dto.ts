import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { PEER_EXCHANGE_STATUSES } from '../peer-exchange.entity';
import { LINK_RELATIONS, LINK_TARGETS } from '../request-link.entity';

export class CreateLinkDto {
  @ApiProperty({ enum: LINK_TARGETS }) @IsIn(LINK_TARGETS) targetType: (typeof LINK_TARGETS)[number];
  @ApiProperty() @IsUUID() targetId: string;
  @ApiProperty({ enum: LINK_RELATIONS }) @IsIn(LINK_RELATIONS) relation: (typeof LINK_RELATIONS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CreatePeerExchangeDto {
  @ApiProperty({ description: 'the peer country (ISO alpha-3)' }) @Matches(/^[A-Z]{3}$/) peerCountryCode: string;
  @ApiPropertyOptional({ description: "the peer country's request the experience comes from" })
  @IsOptional()
  @IsUUID()
  peerRequestId?: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(500) topic: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) plannedActivities: string;
}

export class UpdatePeerExchangeDto {
  @ApiPropertyOptional({ enum: PEER_EXCHANGE_STATUSES })
  @IsOptional()
  @IsIn(PEER_EXCHANGE_STATUSES)
  status?: (typeof PEER_EXCHANGE_STATUSES)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) plannedActivities?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) outcome?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}
