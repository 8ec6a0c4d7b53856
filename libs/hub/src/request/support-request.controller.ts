import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  Actor,
  ApiProblems,
  CoreError,
  CurrentActor,
  decodeCursor,
  isUuid,
  Page,
  PageOf,
  pageOf,
  PageQueryDto,
  SignedIn,
  decodeIdCursor,
} from '@cbm/core';
import {
  CommentDto,
  CreateRequestDto,
  RequestActionDto,
  RequestActionParams,
  RequestQueryDto,
  UpdateRequestDto,
} from './dto/request.dto';
import { FindingViewDto } from '@cbm/privacy';
import { SupportRequestService } from './support-request.service';
import { RequestCommentView, RequestTimelineEntryView, RequestView } from './support-request.view';

/** `If-Match: "3"` or `If-Match: 3` → 3. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m)
    throw CoreError('VALIDATION_FAILED', 'If-Match must carry the version number, e.g. "3"', {
      fields: [{ field: 'If-Match', message: 'not a version' }],
    });
  return Number(m[1]);
}

const IF_MATCH = ApiHeader({ name: 'If-Match', required: false, description: 'the version read, e.g. "3"' });

@ApiTags('requests')
@ApiProblems(400, 404)
@Controller('requests')
export class SupportRequestController {
  constructor(private readonly requests: SupportRequestService) {}

  @Post()
  @Access('focal_point')
  @ApiOperation({ summary: "File a draft request for the caller's country" })
  @ApiCreatedResponse({ type: RequestView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateRequestDto): Promise<RequestView> {
    return this.requests.create(actor, body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: "Requests in the caller's scope, newest first or by due date (the triage queue)" })
  @ApiOkResponse({ type: PageOf(RequestView) })
  async list(@CurrentActor() actor: Actor, @Query() q: RequestQueryDto): Promise<Page<RequestView>> {
    const limit = q.limit ?? 50;
    const { sort, cursor, limit: _l, ...filter } = q;
    if (sort === 'due') {
      const c = decodeCursor(cursor, 2);
      if (c && (!isUuid(c[1]) || (c[0] !== '' && Number.isNaN(Date.parse(String(c[0]))))))
        throw CoreError('VALIDATION_FAILED', 'cursor is not valid', {
          fields: [{ field: 'cursor', message: 'not a cursor this API issued' }],
        });
      const rows = await this.requests.list(
        actor,
        filter,
        { by: 'due', after: c ? { dueAt: (c[0] as string) || null, id: c[1] as string } : undefined },
        limit + 1,
      );
      return pageOf(rows, limit, (r) => [r.dueAt?.toISOString() ?? '', r.id]);
    }
    const rows = await this.requests.list(actor, filter, { by: 'newest', afterId: decodeIdCursor(cursor) }, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: "A request in the caller's scope, with its service levels and what the caller may do next" })
  @ApiOkResponse({ type: RequestView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RequestView> {
    return this.requests.get(actor, id);
  }

  @Patch(':id')
  @Access('focal_point')
  @IF_MATCH
  @ApiOperation({ summary: "Edit a draft, or a request waiting for the country's answer" })
  @ApiOkResponse({ type: RequestView })
  @ApiProblems(409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRequestDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<RequestView> {
    return this.requests.update(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/actions/:action')
  @SignedIn()
  @HttpCode(200)
  @IF_MATCH
  @ApiOperation({ summary: 'Move the request through its workflow; answers the new state and allowedActions' })
  @ApiOkResponse({ type: RequestView })
  @ApiProblems(409, 422)
  act(
    @CurrentActor() actor: Actor,
    @Param() params: RequestActionParams,
    @Body() body: RequestActionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<RequestView> {
    return this.requests.act(actor, params.id, params.action, body ?? {}, parseIfMatch(ifMatch));
  }

  @Get(':id/timeline')
  @SignedIn()
  @ApiOperation({
    summary: 'What happened to the request, oldest first (100 a page); internal notes for UN staff only',
  })
  @ApiOkResponse({ type: PageOf(RequestTimelineEntryView) })
  async timeline(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<RequestTimelineEntryView>> {
    const limit = q.limit ?? 100;
    const after = decodeIdCursor(q.cursor);
    const rows = await this.requests.readTimeline(actor, id, after, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get(':id/personal-data')
  @Access('hub_officer', 'admin')
  @ApiOperation({
    summary:
      'Personal data found in the request text, the answers to the hub questions and the partners reports (field, offsets, masked excerpt); recorded, not blocking',
  })
  @ApiOkResponse({ type: [FindingViewDto] })
  personalData(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FindingViewDto[]> {
    return this.requests.personalData(actor, id);
  }

  @Post(':id/comments')
  @SignedIn()
  @ApiOperation({ summary: 'Comment on the request, or add an internal note (UN staff)' })
  @ApiCreatedResponse({ type: RequestCommentView })
  comment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CommentDto,
  ): Promise<RequestCommentView> {
    return this.requests.comment(actor, id, body.body, body.internal ?? false);
  }
}
