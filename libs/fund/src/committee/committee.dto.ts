import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsSafeText, MoneyDto } from '@cbm/core';
import { MarkerFlagView } from '../fund.view';

const ID = { format: 'uuid' } as const;
const TIME = { format: 'date-time' } as const;

/* Input */

export class CreateMeetingDto {
  @ApiProperty({ example: 'Steering committee, 12th meeting' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeText()
  title: string;

  @ApiProperty({ format: 'date', example: '2026-04-15', description: 'the day the committee meets' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  date: string;

  @ApiPropertyOptional({ type: [String], description: 'proposed allocations to put on the agenda, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  allocationIds?: string[];
}

export class AgendaDto {
  @ApiProperty({
    type: [String],
    description:
      'the agenda, in order (replaces the one before): allocations added must be proposed; those already on it may stay',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  allocationIds: string[];
}

export class PackQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'a pack version; the latest without it' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,5}$/)
  version?: string;
}

/* Views */

export class EarmarkDrawView {
  @ApiProperty(ID) contributionId: string;
  @ApiProperty(ID) contributorId: string;
  @ApiProperty({ type: MoneyDto }) before: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'what approval would draw from it (0 when it is not reached)' })
  draw: MoneyDto;
  @ApiProperty({ type: MoneyDto }) after: MoneyDto;
}

export class FundImpactView {
  @ApiProperty({ description: 'approval now would find the money' }) sufficient: boolean;
  @ApiProperty({ type: MoneyDto }) shortBy: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'the pool and every earmarked balance' }) unallocatedBefore: MoneyDto;
  @ApiProperty({ type: MoneyDto }) unallocatedAfter: MoneyDto;
  @ApiProperty({ type: MoneyDto }) poolBefore: MoneyDto;
  @ApiProperty({ type: MoneyDto }) poolAfter: MoneyDto;
  @ApiProperty({
    type: [EarmarkDrawView],
    description: 'matching earmarked contributions, oldest first, as approval draws them (then the pool)',
  })
  earmarks: EarmarkDrawView[];
}

export class CallerPositionView {
  @ApiProperty() isProposer: boolean;
  @ApiProperty({ description: "the caller's organisation implements the request: they must recuse" })
  mustRecuse: boolean;
  @ApiProperty() recused: boolean;
  @ApiProperty({ description: 'the caller may approve or reject it now' }) mayDecide: boolean;
}

export class ConflictsView {
  @ApiProperty({ type: [String] }) implementingOrganisationIds: string[];
  @ApiProperty({ type: [String], description: 'committee members whose organisation implements the request' })
  conflictedMemberIds: string[];
  @ApiProperty({ type: [String] }) recusedMemberIds: string[];
  @ApiProperty({ type: CallerPositionView }) caller: CallerPositionView;
}

export class BriefRequestView {
  @ApiProperty(ID) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() status: string;
  @ApiProperty() countryCode: string;
  @ApiProperty({ type: [Number] }) objectives: number[];
  @ApiProperty({ type: MoneyDto, nullable: true }) estimatedBudget: MoneyDto | null;
}

export class BriefAssessmentView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) scores: Record<string, number>;
  @ApiProperty({ description: 'weighted mean on the 0-4 scale' }) weightedTotal: number;
  @ApiProperty({ type: 'integer' }) genderMarker: number;
  @ApiProperty({ type: 'integer' }) humanRightsMarker: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: not scored' })
  childSensitivityMarker: number | null;
  @ApiProperty() recommendation: string;
  @ApiProperty() rationale: string;
}

export class BriefMatchView {
  @ApiProperty(ID) organisationId: string;
  @ApiProperty() acronym: string;
  @ApiProperty() score: number;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class BriefPlanOrganisationView {
  @ApiProperty(ID) organisationId: string;
  @ApiProperty() role: string;
}

export class BriefMilestoneView {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() status: string;
}

export class BriefFundingLineView {
  @ApiProperty() source: string;
  @ApiProperty({ type: MoneyDto }) amount: MoneyDto;
  @ApiProperty() status: string;
}

export class BriefPlanView {
  @ApiProperty({ type: [BriefPlanOrganisationView] }) organisations: BriefPlanOrganisationView[];
  @ApiProperty({ type: [BriefMilestoneView] }) milestones: BriefMilestoneView[];
  @ApiProperty({ type: MoneyDto }) budget: MoneyDto;
  @ApiProperty({ type: [BriefFundingLineView] }) funding: BriefFundingLineView[];
}

export class BriefTrancheView {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ type: MoneyDto }) amount: MoneyDto;
  @ApiProperty() condition: string;
}

export class AllocationBriefView {
  @ApiProperty(ID) allocationId: string;
  @ApiProperty(ID) applicationId: string;
  @ApiProperty({ enum: ['proposed', 'approved', 'rejected'], enumName: 'AllocationStatus' }) status: string;
  @ApiProperty({ type: MoneyDto }) amount: MoneyDto;
  @ApiProperty({ type: 'integer' }) durationMonths: number;
  @ApiProperty(ID) proposedById: string;
  @ApiProperty(TIME) proposedAt: string;
  @ApiProperty({ type: [BriefTrancheView] }) tranches: BriefTrancheView[];
  @ApiProperty({ type: BriefRequestView, nullable: true }) request: BriefRequestView | null;
  @ApiProperty({ type: BriefAssessmentView, nullable: true, description: 'the assessment that counts' })
  assessment: BriefAssessmentView | null;
  @ApiProperty({ type: [BriefMatchView], description: 'the five best partner matches, with their reasons' })
  partnerMatches: BriefMatchView[];
  @ApiProperty({ type: BriefPlanView, nullable: true }) plan: BriefPlanView | null;
  @ApiProperty({
    type: FundImpactView,
    nullable: true,
    description: 'what approval would draw now (a proposal only; null once decided)',
  })
  impact: FundImpactView | null;
  @ApiProperty({
    type: [MarkerFlagView],
    description: "What the allocation's markers claim that the results framework does not bear out",
  })
  flags: MarkerFlagView[];
  @ApiProperty({ type: ConflictsView }) conflicts: ConflictsView;
}

export class PackView {
  @ApiProperty(ID) id: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ description: 'SHA-256 of the PDF bytes, hex' }) sha256: string;
  @ApiProperty({ type: 'integer', description: 'bytes' }) size: number;
  @ApiProperty({ type: 'integer' }) pages: number;
  @ApiProperty({ type: [String] }) allocationIds: string[];
  @ApiProperty(ID) generatedById: string;
  @ApiProperty(TIME) generatedAt: string;
}

export class MeetingView {
  @ApiProperty(ID) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: [String], description: 'the agenda: allocation ids in order' }) allocationIds: string[];
  @ApiProperty({ type: PackView, nullable: true, description: 'the latest pack' }) pack: PackView | null;
  @ApiProperty({ type: [PackView], description: 'every pack version, newest first' }) packs: PackView[];
  @ApiProperty(ID) createdById: string;
  @ApiProperty(TIME) createdAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}
