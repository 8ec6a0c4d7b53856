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

export class ImportReportDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ description: '[{ row, sourceId, field, message }]; rows are numbered from 1, the header not counted' })
  errors: { row: number; sourceId: string | null; field: string; message: string }[];
  @ApiProperty({ description: '[{ row, sourceId, message }]: landed, with something dropped or left unchanged' })
  warnings: { row: number; sourceId: string | null; message: string }[];
}
