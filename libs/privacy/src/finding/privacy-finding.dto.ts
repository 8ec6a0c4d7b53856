import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsSafeText } from '@cbm/core';
import { PERSONAL_DATA_KINDS } from '../detector/personal-data.detector';
import { FINDING_STATUSES } from './privacy-finding.entity';
import { UNSCANNED } from './privacy.service';

/** `POST .../personal-data/{findingId}/override`: why this personal data may stay. */
export class OverrideFindingDto {
  @ApiProperty({ example: 'The phone number is the public hotline of the ministry, published on its website' })
  @IsString()
  @IsSafeText()
  @MinLength(10)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

class FindingOverrideView {
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) byId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** A finding and its place: the field, the UTF-16 offsets into its text, the masked excerpt. */
export class FindingViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'knowledge_item', description: 'the record it is in: the item itself, or a document of it' })
  subjectType: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'body', description: 'the field scanned (title, summary, body, translations.fr.title...)' })
  field: string;
  @ApiProperty({
    enum: [...PERSONAL_DATA_KINDS, UNSCANNED],
    description: '`unscanned`: a document whose text was not read (yet); it blocks until read or overridden',
  })
  kind: string;
  @ApiProperty({ description: 'UTF-16 offset where the personal data starts in the field' }) start: number;
  @ApiProperty({ description: 'UTF-16 offset where it ends (exclusive)' }) end: number;
  @ApiProperty({ example: 'P•••••73', description: 'the matched text, masked' }) excerpt: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence: number;
  @ApiProperty({ enum: FINDING_STATUSES }) status: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the record version it was last seen in' })
  subjectVersion: number | null;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) redactedAt: string | null;
  @ApiProperty({ type: FindingOverrideView, nullable: true }) override: FindingOverrideView | null;
}
