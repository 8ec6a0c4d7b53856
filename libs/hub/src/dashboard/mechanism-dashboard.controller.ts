import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ApiFileResponse, Public } from '@cbm/core';
import { MechanismDashboardView } from './dto/mechanism-dashboard.view';
import { MechanismDashboardService } from './mechanism-dashboard.service';

/** The mechanism's own dashboard: for hub management, the secretariat and the committee, and as open data. */
@ApiTags('dashboard')
@Controller()
export class MechanismDashboardController {
  constructor(private readonly dashboards: MechanismDashboardService) {}

  @Get('dashboard/mechanism')
  @Access('hub_officer', 'admin', 'steering_committee', 'fund_manager')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary:
      'Requests by status, region and objective per quarter; median days to triage, decision and first transfer; service-level compliance; partner delivery',
  })
  @ApiOkResponse({ type: MechanismDashboardView })
  mechanism(): Promise<MechanismDashboardView> {
    return this.dashboards.dashboard();
  }

  @Get('open/mechanism.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiTags('open data')
  @ApiOperation({ summary: "The mechanism's dashboard as open data (JSON): aggregates only" })
  @ApiOkResponse({ type: MechanismDashboardView })
  openJson(): Promise<MechanismDashboardView> {
    return this.dashboards.openDashboard();
  }

  @Get('open/mechanism.csv')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiTags('open data')
  @ApiOperation({ summary: "The mechanism's dashboard as open data (CSV): one measure a row" })
  @ApiFileResponse(
    'text/csv',
    'mechanism-dashboard.csv: table, quarter, status, region, objective, step, organisation, measure, value',
  )
  async openCsv(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="mechanism-dashboard.csv"');
    return this.dashboards.openCsv();
  }
}
