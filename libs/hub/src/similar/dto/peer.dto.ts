import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { PEER_EXCHANGE_STATUSES } from '../peer-exchange.entity';
import { LINK_RELATIONS, LINK_TARGETS } from '../request-link.entity';

export class CreateLinkDto {
  @ApiProperty({ enum: LINK_TARGETS, enumName: 'LinkTarget' })
  @IsIn(LINK_TARGETS)
  targetType: (typeof LINK_TARGETS)[number];
  @ApiProperty() @IsUUID() targetId: string;
  @ApiProperty({ enum: LINK_RELATIONS, enumName: 'LinkRelation' })
  @IsIn(LINK_RELATIONS)
  relation: (typeof LINK_RELATIONS)[number];
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
  @ApiPropertyOptional({ enum: PEER_EXCHANGE_STATUSES, enumName: 'PeerExchangeStatus' })
  @IsOptional()
  @IsIn(PEER_EXCHANGE_STATUSES)
  status?: (typeof PEER_EXCHANGE_STATUSES)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) plannedActivities?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) outcome?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

const TIME = { type: String, format: 'date-time' } as const;

export class SimilarItemView {
  @ApiProperty({ enum: ['knowledge', 'request'] }) source: 'knowledge' | 'request';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: "The knowledge item's kind, or `request`" }) kind: string;
  @ApiProperty({ description: 'Similarity, higher is closer' }) score: number;
  @ApiProperty({ type: [String], description: 'Why it is similar, one plain sentence each' }) reasons: string[];
  @ApiPropertyOptional({ example: 'CBM-2026-KEN-0007', description: 'Earlier requests only' }) reference?: string;
  @ApiPropertyOptional({ example: 'KEN', description: 'Earlier requests only' }) countryCode?: string;
}

export class SimilarItemsView {
  @ApiProperty({ type: [SimilarItemView], description: 'Closest first' }) items: SimilarItemView[];
}

export class RequestLinkView extends PickType(CreateLinkDto, ['targetType', 'targetId', 'relation']) {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty(TIME) createdAt: Date;
}

export class PeerExchangeView extends PickType(CreatePeerExchangeDto, [
  'peerCountryCode',
  'topic',
  'plannedActivities',
]) {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ example: 'KEN', description: 'The requesting country' }) countryCode: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) peerRequestId: string | null;
  @ApiProperty({ enum: PEER_EXCHANGE_STATUSES, enumName: 'PeerExchangeStatus' })
  status: (typeof PEER_EXCHANGE_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty(TIME) createdAt: Date;
  @ApiProperty(TIME) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}
