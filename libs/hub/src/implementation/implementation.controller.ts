import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CoreError, CurrentActor, decodeCursor, isUuid, pageOf, SignedIn } from '@cbm/core';
import { TimelineQueryDto } from '../request/support-request.controller';
import { SubmitReportDto } from '../report/dto/report.dto';
import { RequestReportService, toReportView } from '../report/request-report.service';
import { PutImplementationPlanDto } from './dto/implementation-plan.dto';
import { ImplementationPlanService } from './implementation-plan.service';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id')
export class ImplementationController {
  constructor(
    private readonly plans: ImplementationPlanService,
    private readonly reports: RequestReportService,
  ) {}

  @Put('implementation-plan')
  @Access('hub_officer')
  @ApiOperation({
    summary: 'Organisations and roles, stakeholders, milestones, budget by organisation, funding plan by source',
  })
  putPlan(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PutImplementationPlanDto,
  ) {
    return this.plans.put(actor, id, body);
  }

  @Get('implementation-plan')
  @SignedIn()
  getPlan(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.get(actor, id);
  }

  @Post('reports')
  @Access('partner_officer')
  @ApiOperation({ summary: 'A progress or final report by a partner of the request' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: SubmitReportDto) {
    return this.reports.submit(actor, id, body);
  }

  @Get('reports')
  @SignedIn()
  async list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: TimelineQueryDto) {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, 1)?.[0];
    if (after !== undefined && !isUuid(after))
      throw CoreError('VALIDATION_FAILED', 'cursor is not valid', {
        fields: [{ field: 'cursor', message: 'not a cursor this API issued' }],
      });
    const rows = await this.reports.list(actor, id, after as string | undefined, limit + 1);
    return pageOf(rows.map(toReportView), limit, (r) => [r.id]);
  }
}
