import { ApiProperty, PickType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { RECOMMENDATIONS, Recommendation } from '../request-assessment.entity';

/** The three markers share the UN gender equality marker's scale. */
const MARKER_SCALE = '0 no contribution, 1 limited, 2 significant, 3 principal objective';

export class PutAssessmentDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0, maximum: 4 },
    description: '{ <criterion code>: 0..4 } for every criterion of GET /reference/assessment-criteria',
    example: { gcm_alignment: 4, feasibility: 3 },
  })
  @IsObject()
  scores: Record<string, number>;

  @ApiProperty({ minimum: 0, maximum: 3, description: MARKER_SCALE }) @IsInt() @Min(0) @Max(3) genderMarker: number;
  @ApiProperty({ minimum: 0, maximum: 3, description: MARKER_SCALE })
  @IsInt()
  @Min(0)
  @Max(3)
  humanRightsMarker: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 3,
    required: false,
    nullable: true,
    description: `${MARKER_SCALE}; omitted or null: not scored`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3)
  childSensitivityMarker?: number | null;
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation' })
  @IsIn(RECOMMENDATIONS)
  recommendation: Recommendation;
  @ApiProperty({ maxLength: 10000 }) @IsString() @MinLength(1) @MaxLength(10000) rationale: string;
  @ApiProperty({
    description:
      'true when the assessor has a conflict of interest: the version is kept but does not count, and they may not assess or approve this request',
  })
  @IsBoolean()
  conflictOfInterest: boolean;
}

const SCORES = {
  type: 'object',
  additionalProperties: { type: 'number' },
  example: { gcm_alignment: 4, feasibility: 3 },
} as const;

/** One assessment version as recorded. */
export class AssessmentView extends PickType(PutAssessmentDto, [
  'genderMarker',
  'humanRightsMarker',
  'rationale',
  'conflictOfInterest',
]) {
  // typed as the service types it (a string read back from the database); the schema names the values
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation' }) recommendation: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: not scored' })
  childSensitivityMarker: number | null;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ type: 'integer', description: '1 for the first assessment of the request' }) version: number;
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty({ ...SCORES, description: '{ <criterion code>: 0..4 }' }) scores: Record<string, number>;
  @ApiProperty({ ...SCORES, description: '{ <criterion code>: weight in percent } as at the time' })
  weights: Record<string, number>;
  @ApiProperty({ description: 'The weighted score, 0..4' }) weightedTotal: number;
  @ApiProperty({ description: 'false when the assessor declared a conflict of interest' }) counts: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AssessmentHistoryView {
  @ApiProperty({ type: [AssessmentView], description: 'Every version, oldest first' }) items: AssessmentView[];
  @ApiProperty({ type: AssessmentView, nullable: true, description: 'The last version that counts' })
  current: AssessmentView | null;
}
