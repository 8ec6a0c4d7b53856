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
  @ApiProperty({
    type: 'integer',
    enum: [1, 2, 3],
    description:
      'What the hash covers: 1 the time in milliseconds (older events), 2 in microseconds, 3 as 2 with the erasable personal data sealed',
  })
  hashVersion: number;
}

export class AuditInvalidEventView {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id: string | null;
  @ApiProperty({ example: '42' }) seq: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ type: 'integer', description: "The failing checkpoint's line in the log" })
  checkpoint?: number;
}

export class AuditVerifyView {
  @ApiProperty({ description: 'true when every event matches its hash and its predecessor' }) ok: boolean;
  @ApiProperty({ type: 'integer' }) checked: number;
  @ApiPropertyOptional({ type: AuditInvalidEventView, description: 'The first event that does not match' })
  firstInvalid?: AuditInvalidEventView;
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Checkpoints proved (signature, and the chain holds their head)',
  })
  checkpoints?: number;
}

export class AuditCheckpointView {
  @ApiProperty({ description: 'The last event of the chain when signed (a bigint, as a string)', example: '42' })
  seq: string;
  @ApiProperty({ description: "hex SHA-256: that event's hash" }) hash: string;
  @ApiProperty({ description: "hex SHA-256 of the fund ledger's balances" }) ledgerHash: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty({ description: "hex SHA-256 of the signing key's SubjectPublicKeyInfo (DER)" }) keyId: string;
  @ApiProperty({
    description: 'base64 Ed25519 signature of the canonical JSON (keys sorted) of the other five fields',
  })
  signature: string;
}

export class AuditJwkView {
  @ApiProperty({ enum: ['OKP'] }) kty: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] }) crv: 'Ed25519';
  @ApiProperty({ description: 'base64url public key' }) x: string;
}

export class AuditKeyView {
  @ApiProperty() keyId: string;
  @ApiProperty({ enum: ['EdDSA'] }) alg: 'EdDSA';
  @ApiProperty({ description: 'SubjectPublicKeyInfo PEM' }) pem: string;
  @ApiProperty({ type: AuditJwkView }) jwk: AuditJwkView;
}
