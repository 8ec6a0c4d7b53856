import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsMinorUnits, IsSafeText, MoneyDto, MoneyInputDto } from '@cbm/core';
import { PROJECT_STAGES } from '../allocation/allocation.entity';
import { STATEMENT_STATUSES } from './financial-statement.entity';

export class RecordUnspentReturnDto {
  @ApiProperty({ format: 'uuid', description: 'the implementing organisation returning the money' })
  @IsUUID()
  organisationId: string;
  @ApiProperty({ type: MoneyInputDto, description: 'USD, at most what the organisation holds unspent' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) @IsSafeText() reason: string;
  @ApiPropertyOptional({
    description: "the document the money came with (remittance advice); by default 'unspent return <receivedAt>'",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeText()
  reference?: string;
  @ApiPropertyOptional({ example: '2028-04-15', description: 'when the money arrived; today by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  receivedAt?: string;
}

export class ProjectStepDto {
  @ApiProperty({ description: 'why (shown in the decision register)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @IsSafeText()
  reason: string;
  @ApiPropertyOptional({ example: 'SC-2028-03', description: "the decision's reference; required to cancel" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSafeText()
  decisionRef?: string;
}

export class CostCategoryDto {
  @ApiProperty({ example: 'staff' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  category: string;
  @ApiProperty({ type: MoneyInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyInputDto)
  amount: MoneyInputDto;
}

/** Money that may be zero (an organisation that spent nothing and returned everything). */
export class MoneyOrZeroInputDto {
  @ApiProperty({ example: '0', description: 'minor units as a string, zero allowed' })
  @IsMinorUnits({ allowZero: true })
  amount: string;
  @ApiProperty({ example: 'USD' }) @IsISO4217CurrencyCode() currency: string;
}

export class SubmitFinancialStatementDto {
  @ApiProperty({ type: MoneyOrZeroInputDto, description: 'spent in all under the allocation (USD), certified' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyOrZeroInputDto)
  spent: MoneyOrZeroInputDto;
  @ApiPropertyOptional({ type: [CostCategoryDto], description: 'when given, adds up to `spent`' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CostCategoryDto)
  costCategories?: CostCategoryDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) @IsSafeText() note?: string;
}

/* Views */

const ID = { format: 'uuid' } as const;
const TIME = { format: 'date-time' } as const;
const NULLABLE_TIME = { type: String, format: 'date-time', nullable: true } as const;
const MONEY = { type: MoneyDto } as const;

export class UnspentReturnView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) allocationId: string;
  @ApiProperty(ID) organisationId: string;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty() reason: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'date' }) receivedAt: string;
  @ApiProperty({ ...ID, description: 'the unspent_return journal entry (Cr transfer, Dr allocation)' }) entryId: string;
  @ApiProperty(TIME) recordedAt: string;
}

export class CostCategoryView {
  @ApiProperty() category: string;
  @ApiProperty(MONEY) amount: MoneyDto;
}

export class FinancialStatementView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) allocationId: string;
  @ApiProperty(ID) organisationId: string;
  @ApiProperty(MONEY) spent: MoneyDto;
  @ApiProperty({ type: [CostCategoryView] }) costCategories: CostCategoryView[];
  @ApiProperty() note: string;
  @ApiProperty({ enum: STATEMENT_STATUSES, enumName: 'FinancialStatementStatus' }) status: string;
  @ApiProperty(TIME) submittedAt: string;
  @ApiProperty(NULLABLE_TIME) acceptedAt: string | null;
}

export class OrganisationReconciliationView {
  @ApiProperty(ID) organisationId: string;
  @ApiProperty({ ...MONEY, description: 'transfers not reversed' }) transferred: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'reported spent' }) spent: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'returned unspent' }) returned: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'held, neither reported spent nor returned' }) unspent: MoneyDto;
  @ApiProperty({ type: FinancialStatementView, nullable: true }) statement: FinancialStatementView | null;
  @ApiProperty({ description: 'transferred = spent + returned, nothing unspent, the statement certifies the spending' })
  reconciled: boolean;
}

export class ProjectClosureView {
  @ApiProperty(ID) allocationId: string;
  @ApiProperty(ID) requestId: string;
  @ApiProperty({ enum: PROJECT_STAGES, enumName: 'ProjectStage' }) stage: string;
  @ApiProperty(NULLABLE_TIME) operationallyClosedAt: string | null;
  @ApiProperty(NULLABLE_TIME) financiallyClosedAt: string | null;
  @ApiProperty({ ...MONEY, description: 'approved and neither transferred nor released back to source' })
  allocationBalance: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'released back to the pool and earmarked contributions' })
  releasedToSource: MoneyDto;
  @ApiProperty({ type: [OrganisationReconciliationView] }) organisations: OrganisationReconciliationView[];
  @ApiProperty({ type: [UnspentReturnView] }) returns: UnspentReturnView[];
  @ApiProperty({
    type: [String],
    enum: ['suspend', 'resume', 'cancel', 'close_operationally', 'close_financially'],
    description: "the caller's next steps, before guards",
  })
  allowedActions: string[];
}
