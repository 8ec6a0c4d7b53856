import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';
import { Type } from 'class-transformer';
import { Access, decodeCursor, pageOf } from '@cbm/core';
import { AuditService } from './audit.service';

export class AuditQueryDto {
  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[a-z_.]+$/) entityType?: string;
  @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @IsOptional() @IsString() @MaxLength(100) @Matches(/^[a-z_.]+$/) action?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('admin', 'hub_officer')
  @ApiOperation({ summary: 'Audit events, newest first' })
  async list(@Query() q: AuditQueryDto) {
    const limit = q.limit ?? 50;
    const before = decodeCursor(q.cursor, 1)?.[0] as string | undefined;
    const rows = await this.audit.list(q, before, limit + 1);
    return pageOf(rows, limit, (r) => [r.seq]);
  }

  @Get('verify')
  @Access('admin')
  @ApiOperation({ summary: 'Walk the hash chain and name the first event that does not match' })
  verify() {
    return this.audit.verify();
  }
}
