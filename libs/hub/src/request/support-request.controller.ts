import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Access, Actor, CoreError, CurrentActor, decodeCursor, isUuid, pageOf, SignedIn } from '@cbm/core';
import {
  CommentDto,
  CreateRequestDto,
  RequestActionDto,
  RequestActionParams,
  RequestQueryDto,
  UpdateRequestDto,
} from './dto/request.dto';
import { SupportRequestService } from './support-request.service';

export class TimelineQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

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

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class SupportRequestController {
  constructor(private readonly requests: SupportRequestService) {}

  @Post()
  @Access('focal_point')
  @ApiOperation({ summary: "File a draft request for the caller's country" })
  create(@CurrentActor() actor: Actor, @Body() body: CreateRequestDto) {
    return this.requests.create(actor, body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Requests in the caller scope' })
  async list(@CurrentActor() actor: Actor, @Query() q: RequestQueryDto) {
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
    const rows = await this.requests.list(
      actor,
      filter,
      { by: 'newest', afterId: decodeCursor(cursor, 1)?.[0] as string | undefined },
      limit + 1,
    );
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get(':id')
  @SignedIn()
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.get(actor, id);
  }

  @Patch(':id')
  @Access('focal_point')
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version read' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRequestDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.requests.update(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post(':id/actions/:action')
  @SignedIn()
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version read' })
  @ApiOperation({ summary: 'Move the request through its workflow; answers the new state and allowedActions' })
  act(
    @CurrentActor() actor: Actor,
    @Param() params: RequestActionParams,
    @Body() body: RequestActionDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.requests.act(actor, params.id, params.action, body ?? {}, parseIfMatch(ifMatch));
  }

  @Get(':id/timeline')
  @SignedIn()
  async timeline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: TimelineQueryDto) {
    const limit = q.limit ?? 100;
    const after = decodeCursor(q.cursor, 1)?.[0] as string | undefined;
    const rows = await this.requests.readTimeline(actor, id, after, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Post(':id/comments')
  @SignedIn()
  comment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CommentDto) {
    return this.requests.comment(actor, id, body.body, body.internal ?? false);
  }
}
