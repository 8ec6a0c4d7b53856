import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  Actor,
  ApiFileResponse,
  ApiProblems,
  CurrentActor,
  Page,
  PageOf,
  pageOf,
  PageQueryDto,
  decodeIdCursor,
} from '@cbm/core';
import { AgendaDto, AllocationBriefView, CreateMeetingDto, MeetingView, PackQueryDto, PackView } from './committee.dto';
import { CommitteeService } from './committee.service';

/** The header that carries a downloaded pack's SHA-256 (hex), to compare with the decision's. */
export const PACK_SHA256_HEADER = 'x-content-sha256';

@ApiTags('fund')
@ApiProblems(400)
@Controller()
export class CommitteeController {
  constructor(private readonly committee: CommitteeService) {}

  @Get('fund/allocations/:id/brief')
  @Access('fund_manager', 'steering_committee', 'admin')
  @ApiOperation({
    summary:
      "What the committee decides a proposal with: the request, its assessment, partner matches and plan, the fund impact (unallocated before and after, the earmarks approval would draw), the conflicts and the caller's position (must recuse, may decide)",
  })
  @ApiOkResponse({ type: AllocationBriefView })
  @ApiProblems(404)
  brief(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AllocationBriefView> {
    return this.committee.brief(actor, id);
  }

  @Post('fund/meetings')
  @Access('fund_manager')
  @ApiOperation({ summary: 'Call a steering-committee meeting (a date, a title, an agenda of proposals if given)' })
  @ApiCreatedResponse({ type: MeetingView })
  @ApiProblems(404, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateMeetingDto): Promise<MeetingView> {
    return this.committee.create(actor, body);
  }

  @Get('fund/meetings')
  @Access('fund_manager', 'steering_committee', 'admin')
  @ApiOperation({ summary: 'Meetings, newest first, with their agendas and packs' })
  @ApiOkResponse({ type: PageOf(MeetingView) })
  async list(@Query() q: PageQueryDto): Promise<Page<MeetingView>> {
    const limit = q.limit ?? 50;
    const after = decodeIdCursor(q.cursor);
    const rows = await this.committee.list(after, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get('fund/meetings/:id')
  @Access('fund_manager', 'steering_committee', 'admin')
  @ApiOperation({ summary: 'One meeting: its agenda and every pack version' })
  @ApiOkResponse({ type: MeetingView })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<MeetingView> {
    return this.committee.get(id);
  }

  @Put('fund/meetings/:id/agenda')
  @Access('fund_manager')
  @ApiOperation({ summary: 'Set the agenda (replaces it): proposals in order; added ones must be proposed' })
  @ApiOkResponse({ type: MeetingView })
  @ApiProblems(404, 409)
  agenda(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AgendaDto,
  ): Promise<MeetingView> {
    return this.committee.setAgenda(actor, id, body);
  }

  @Post('fund/meetings/:id/pack')
  @Access('fund_manager')
  @ApiOperation({
    summary:
      "Generate the next version of the meeting's decision pack (PDF: every agenda proposal with its facts); its SHA-256 is stored and cited by the decisions taken at the meeting",
  })
  @ApiCreatedResponse({ type: PackView })
  @ApiProblems(404, 409)
  generate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PackView> {
    return this.committee.generatePack(actor, id);
  }

  @Get('fund/meetings/:id/pack.pdf')
  @Access('fund_manager', 'steering_committee', 'admin')
  @ApiOperation({
    summary: `The decision pack (the latest, or ?version=n), with its SHA-256 in the ${PACK_SHA256_HEADER} header`,
  })
  @ApiFileResponse('application/pdf', 'The decision pack as generated')
  @ApiProblems(404)
  async pack(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PackQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const p = await this.committee.pack(id, q.version ? Number(q.version) : undefined);
    void reply.header(PACK_SHA256_HEADER, p.sha256);
    void reply.header('x-pack-version', String(p.version));
    void reply.header('cache-control', 'private, no-cache');
    return new StreamableFile(p.content, {
      type: 'application/pdf',
      disposition: `attachment; filename="decision-pack-${p.meetingId}-v${p.version}.pdf"`,
      length: p.size,
    });
  }
}
