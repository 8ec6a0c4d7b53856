import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, Page, PageOf, pageOf, decodeIdCursor } from '@cbm/core';
import { AuditEventView, AuditQueryDto, AuditVerifyView } from './audit.dto';
import { AuditService } from './audit.service';
import { AuditCheckpointService } from './checkpoint.service';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  @Get()
  @Access('admin', 'hub_officer')
  @ApiOperation({ summary: 'Audit events, newest first' })
  @ApiOkResponse({ type: PageOf(AuditEventView) })
  @ApiProblems(400)
  async list(@Query() q: AuditQueryDto): Promise<Page<AuditEventView>> {
    const limit = q.limit ?? 50;
    const before = decodeIdCursor(q.cursor);
    const rows = await this.audit.list(q, before, limit + 1);
    return pageOf(rows, limit, (r) => [r.seq]);
  }

  @Get('verify')
  @Access('admin')
  @ApiOperation({
    summary:
      "Walk the hash chain and name the first event that does not match; prove this deployment's signed checkpoints against it",
  })
  @ApiOkResponse({ type: AuditVerifyView })
  async verify(): Promise<AuditVerifyView> {
    return this.audit.verify(undefined, await this.checkpoints.storedLog());
  }
}
