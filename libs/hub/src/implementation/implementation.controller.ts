import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  Actor,
  ApiProblems,
  CurrentActor,
  Page,
  PageOf,
  pageOf,
  PageQueryDto,
  SignedIn,
  decodeIdCursor,
} from '@cbm/core';
import { ReportView, RequestResultsView, ReviewReportDto, SubmitReportDto } from '../report/dto/report.dto';
import { RequestReportService, toReportView } from '../report/request-report.service';
import { ImplementationPlanView, PutImplementationPlanDto } from './dto/implementation-plan.dto';
import { ImplementationPlanService } from './implementation-plan.service';

@ApiTags('requests')
@ApiProblems(400, 404)
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
  @ApiOkResponse({ type: ImplementationPlanView })
  @ApiProblems(409, 422)
  putPlan(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PutImplementationPlanDto,
  ): Promise<ImplementationPlanView> {
    return this.plans.put(actor, id, body);
  }

  @Get('implementation-plan')
  @SignedIn()
  @ApiOperation({ summary: 'The implementation plan of the request' })
  @ApiOkResponse({ type: ImplementationPlanView })
  getPlan(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ImplementationPlanView> {
    return this.plans.get(actor, id);
  }

  @Get('results')
  @SignedIn()
  @ApiOperation({
    summary: "The results framework's indicators with their actuals over the reported periods (no narrative)",
  })
  @ApiOkResponse({ type: RequestResultsView })
  results(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RequestResultsView> {
    return this.reports.results(actor, id);
  }

  @Post('reports')
  @Access('partner_officer')
  @ApiOperation({ summary: 'A progress or final report by a partner of the request' })
  @ApiCreatedResponse({ type: ReportView })
  @ApiProblems(403, 409, 422)
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SubmitReportDto,
  ): Promise<ReportView> {
    return this.reports.submit(actor, id, body);
  }

  @Post('reports/:reportId/accept')
  @Access('hub_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept a submitted report, with a reason (an accepted final report allows operational closure)',
  })
  @ApiOkResponse({ type: ReportView })
  @ApiProblems(409)
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Body() body: ReviewReportDto,
  ): Promise<ReportView> {
    return this.reports.review(actor, id, reportId, 'accept', body);
  }

  @Post('reports/:reportId/return')
  @Access('hub_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a submitted report to its partner, with the reason; the partner submits a new one' })
  @ApiOkResponse({ type: ReportView })
  @ApiProblems(409)
  returnReport(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Body() body: ReviewReportDto,
  ): Promise<ReportView> {
    return this.reports.review(actor, id, reportId, 'return', body);
  }

  @Get('reports')
  @SignedIn()
  @ApiOperation({ summary: 'Progress and final reports of the request, oldest first' })
  @ApiOkResponse({ type: PageOf(ReportView) })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<ReportView>> {
    const limit = q.limit ?? 50;
    const after = decodeIdCursor(q.cursor);
    const rows = await this.reports.list(actor, id, after as string | undefined, limit + 1);
    return pageOf(rows.map(toReportView), limit, (r) => [r.id]);
  }
}
