import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RECOMMENDATIONS, Recommendation } from '../request-assessment.entity';

export class PutAssessmentDto {
  @ApiProperty({
    description: '{ <criterion code>: 0..4 } for every criterion of GET /reference/assessment-criteria',
    example: { gcm_alignment: 4, feasibility: 3 },
  })
  @IsObject()
  scores: Record<string, number>;

  @ApiProperty({ minimum: 0, maximum: 3 }) @IsInt() @Min(0) @Max(3) genderMarker: number;
  @ApiProperty({ minimum: 0, maximum: 3 }) @IsInt() @Min(0) @Max(3) humanRightsMarker: number;
  @ApiProperty({ enum: RECOMMENDATIONS }) @IsIn(RECOMMENDATIONS) recommendation: Recommendation;
  @ApiProperty({ maxLength: 10000 }) @IsString() @MinLength(1) @MaxLength(10000) rationale: string;
  @ApiProperty({
    description:
      'true when the assessor has a conflict of interest: the version is kept but does not count, and they may not assess or approve this request',
  })
  @IsBoolean()
  conflictOfInterest: boolean;
}
