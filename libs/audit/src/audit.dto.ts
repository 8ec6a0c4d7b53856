import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';
import { Type } from 'class-transformer';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'support_request', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z_.]+$/)
  entityType?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional({ example: 'request.submitted', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z_.]+$/)
  action?: string;
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

const CHANGED_FIELDS = { type: 'object', additionalProperties: true, nullable: true } as const;

export class AuditEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Position in the chain (a bigint, as a string)', example: '42' }) seq: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt: Date;
  @ApiProperty() actorId: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ example: 'request.submitted' }) action: string;
  @ApiProperty({ example: 'support_request' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ ...CHANGED_FIELDS, description: 'The changed fields before' }) before: Record<string, unknown> | null;
  @ApiProperty({ ...CHANGED_FIELDS, description: 'The changed fields after' }) after: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) clientAddress: string | null;
  @ApiProperty({ description: 'hex SHA-256 of the previous event' }) prevHash: string;
  @ApiProperty({ description: 'hex SHA-256 of prevHash and this event' }) hash: string;
}

export class AuditInvalidEventView {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id: string | null;
  @ApiProperty({ example: '42' }) seq: string;
  @ApiProperty() reason: string;
}

export class AuditVerifyView {
  @ApiProperty({ description: 'true when every event matches its hash and its predecessor' }) ok: boolean;
  @ApiProperty({ type: 'integer' }) checked: number;
  @ApiPropertyOptional({ type: AuditInvalidEventView, description: 'The first event that does not match' })
  firstInvalid?: AuditInvalidEventView;
}
