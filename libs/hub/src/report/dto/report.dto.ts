import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
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
import { MILESTONE_STATUSES } from '../../implementation/dto/implementation-plan.dto';
import { REPORT_KINDS, REPORT_STATUSES } from '../request-report.entity';

export class MilestoneUpdateDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_.-]{1,20}$/) code: string;
  @ApiProperty({ enum: MILESTONE_STATUSES, enumName: 'MilestoneStatus' })
  @IsIn(MILESTONE_STATUSES)
  status: 'planned' | 'in_progress' | 'done' | 'delayed';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class SubmitReportDto {
  @ApiProperty({ enum: REPORT_KINDS, enumName: 'ReportKind' }) @IsIn(REPORT_KINDS) kind: (typeof REPORT_KINDS)[number];
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

export class MilestoneUpdateView extends OmitType(MilestoneUpdateDto, ['note']) {
  @ApiProperty() note: string;
}

export class ReportView extends PickType(SubmitReportDto, ['kind', 'period', 'narrative']) {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ format: 'uuid', description: "The reporting partner's organisation" }) organisationId: string;
  @ApiProperty({ type: [MilestoneUpdateView] }) milestoneUpdates: MilestoneUpdateView[];
  @ApiProperty({ type: String, nullable: true }) lessonsLearned: string | null;
  @ApiProperty({ format: 'uuid' }) submittedById: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ enum: REPORT_STATUSES, enumName: 'ReportStatus' }) status: (typeof REPORT_STATUSES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reviewedById: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the hub accepted or returned it' })
  reviewReason: string | null;
}

export class ReviewReportDto {
  @ApiProperty({ description: 'why the report is accepted or returned (the partner reads it)' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason: string;
}
