import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Query of a CSV upload (`Content-Type: text/csv`); a JSON body carries the same fields. */
export class ImportQueryDto {
  @ApiPropertyOptional({ example: 'gfmd-pfp', description: 'the source the sourceIds belong to (CSV uploads)' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,39}$/)
  source?: string;
  @ApiPropertyOptional({ description: 'imported items enter review instead of draft' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  submitForReview?: boolean;
}

export class ImportWarningDto {
  @ApiProperty({ type: 'integer', description: 'Numbered from 1, the header not counted' }) row: number;
  @ApiProperty({ type: String, nullable: true }) sourceId: string | null;
  @ApiProperty() message: string;
}

export class ImportErrorDto extends ImportWarningDto {
  @ApiProperty({ example: 'title' }) field: string;
}

export class ImportReportDto {
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) skipped: number;
  @ApiProperty({ type: [ImportErrorDto], description: 'Rows refused' }) errors: ImportErrorDto[];
  @ApiProperty({ type: [ImportWarningDto], description: 'Rows landed with something dropped or left unchanged' })
  warnings: ImportWarningDto[];
}
