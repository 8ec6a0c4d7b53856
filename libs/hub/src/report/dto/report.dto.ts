import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { REPORT_KINDS } from '../request-report.entity';

export class MilestoneUpdateDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_.-]{1,20}$/) code: string;
  @ApiProperty({ enum: ['planned', 'in_progress', 'done', 'delayed'] })
  @IsIn(['planned', 'in_progress', 'done', 'delayed'])
  status: 'planned' | 'in_progress' | 'done' | 'delayed';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class SubmitReportDto {
  @ApiProperty({ enum: REPORT_KINDS }) @IsIn(REPORT_KINDS) kind: (typeof REPORT_KINDS)[number];
  @ApiProperty({ example: '2027-Q2' }) @IsString() @MinLength(1) @MaxLength(100) period: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) narrative: string;
  @ApiProperty({ type: [MilestoneUpdateDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MilestoneUpdateDto)
  milestoneUpdates: MilestoneUpdateDto[];
  @ApiPropertyOptional({ description: 'required on a final report' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  lessonsLearned?: string;
}
