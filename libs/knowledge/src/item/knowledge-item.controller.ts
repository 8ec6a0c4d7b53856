import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Access,
  Actor,
  ApiProblems,
  CoreError,
  CurrentActor,
  decodeCursor,
  Page,
  PageOf,
  pageOf,
  PageQueryDto,
  decodeIdCursor,
} from '@cbm/core';
import { FindingViewDto, OverrideFindingDto } from '@cbm/privacy';
import { ImportQueryDto, ImportReportDto } from '../import/knowledge-import.dto';
import { KnowledgeImportService } from '../import/knowledge-import.service';
import {
  CreateKnowledgeItemDto,
  DiffQueryDto,
  KnowledgeActionDto,
  KnowledgeActionParams,
  KnowledgeListQueryDto,
  ReviewDeclarationDto,
  UpdateKnowledgeItemDto,
} from './dto/knowledge-item.dto';
import { KnowledgeItemService } from './knowledge-item.service';
import {
  KnowledgeDiffView,
  KnowledgeItemView,
  KnowledgeReviewDeclarationView,
  KnowledgeReviewView,
  KnowledgeVersionView,
} from './knowledge-item.view';

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m)
    throw CoreError('VALIDATION_FAILED', 'If-Match must carry the version number, e.g. "3"', {
      fields: [{ field: 'If-Match', message: 'not a version' }],
    });
  return Number(m[1]);
}

const STAFF = ['hub_officer', 'partner_officer', 'admin'] as const;

@ApiTags('knowledge')
@ApiProblems(400)
@Controller('knowledge')
export class KnowledgeItemController {
  constructor(
    private readonly items: KnowledgeItemService,
    private readonly imports: KnowledgeImportService,
  ) {}

  @Post('items')
  @Access('hub_officer', 'partner_officer')
  @ApiOperation({ summary: 'Write a draft knowledge item' })
  @ApiCreatedResponse({ type: KnowledgeItemView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateKnowledgeItemDto): Promise<KnowledgeItemView> {
    return this.items.create(actor, body);
  }

  @Get('items')
  @Access(...STAFF)
  @ApiOperation({ summary: 'Items in any status the caller may see (drafts included), newest first' })
  @ApiOkResponse({ type: PageOf(KnowledgeItemView) })
  async list(@CurrentActor() actor: Actor, @Query() q: KnowledgeListQueryDto): Promise<Page<KnowledgeItemView>> {
    const limit = q.limit ?? 50;
    const after = decodeIdCursor(q.cursor);
    const rows = await this.items.list(actor, q.status, after, limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get('items/:id')
  @Access(...STAFF)
  @ApiOperation({ summary: 'One knowledge item, in any status the caller may see' })
  @ApiOkResponse({ type: KnowledgeItemView })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<KnowledgeItemView> {
    return this.items.get(actor, id);
  }

  @Patch('items/:id')
  @Access('hub_officer', 'partner_officer', 'admin')
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version read' })
  @ApiOperation({ summary: 'Edit a draft or in-review item; every edit makes a version' })
  @ApiOkResponse({ type: KnowledgeItemView })
  @ApiProblems(404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateKnowledgeItemDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<KnowledgeItemView> {
    return this.items.update(actor, id, body, parseIfMatch(ifMatch));
  }

  @Post('items/:id/actions/:action')
  @Access(...STAFF)
  @HttpCode(200)
  @ApiOperation({
    summary: 'submit_for_review, publish (not the author; declare conflictOfInterest), archive, return_to_draft',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version read' })
  @ApiOkResponse({ type: KnowledgeItemView })
  @ApiProblems(404, 409, 422)
  act(
    @CurrentActor() actor: Actor,
    @Param() params: KnowledgeActionParams,
    @Body() body: KnowledgeActionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<KnowledgeItemView> {
    return this.items.act(actor, params.id, params.action, body ?? {}, parseIfMatch(ifMatch));
  }

  @Get('items/:id/personal-data')
  @Access(...STAFF)
  @ApiOperation({
    summary:
      'Personal data found in the item text (title, summary, body, translations): each finding with its field, offsets, masked excerpt and status; open ones block publishing',
  })
  @ApiOkResponse({ type: [FindingViewDto] })
  @ApiProblems(404)
  personalData(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FindingViewDto[]> {
    return this.items.personalData(actor, id);
  }

  @Post('items/:id/personal-data/:findingId/override')
  @Access('hub_officer', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Keep an open personal-data finding with a reason (audited; not by the author): it no longer blocks publishing',
  })
  @ApiOkResponse({ type: FindingViewDto })
  @ApiProblems(404, 409)
  overridePersonalData(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('findingId', ParseUUIDPipe) findingId: string,
    @Body() body: OverrideFindingDto,
  ): Promise<FindingViewDto> {
    return this.items.overridePersonalData(actor, id, findingId, body.reason);
  }

  @Post('items/:id/reviews')
  @Access('hub_officer', 'admin')
  @ApiOperation({
    summary: 'Declare, as a reviewer, whether you have a conflict of interest (true blocks your review)',
  })
  @ApiCreatedResponse({ type: KnowledgeReviewDeclarationView })
  @ApiProblems(404, 409)
  declare(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReviewDeclarationDto,
  ): Promise<KnowledgeReviewDeclarationView> {
    return this.items.declare(actor, id, body);
  }

  @Get('items/:id/reviews')
  @Access(...STAFF)
  @ApiOperation({ summary: "The reviewers' conflict-of-interest declarations" })
  @ApiOkResponse({ type: [KnowledgeReviewView] })
  @ApiProblems(404)
  reviews(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<KnowledgeReviewView[]> {
    return this.items.reviews(actor, id);
  }

  @Get('items/:id/versions')
  @Access(...STAFF)
  @ApiOperation({ summary: 'Version history, oldest first, each with its full snapshot' })
  @ApiOkResponse({ type: PageOf(KnowledgeVersionView) })
  @ApiProblems(404)
  async versions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<KnowledgeVersionView>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, 1)?.[0];
    if (after !== undefined && (typeof after !== 'number' || !Number.isSafeInteger(after)))
      throw CoreError('VALIDATION_FAILED', 'cursor is not valid', {
        fields: [{ field: 'cursor', message: 'not a cursor this API issued' }],
      });
    const rows = await this.items.versions(actor, id, after, limit + 1);
    return pageOf(rows, limit, (r) => [r.version]);
  }

  @Get('items/:id/diff')
  @Access(...STAFF)
  @ApiOperation({ summary: 'What changed between two versions: fields, added/removed values, line diff of text' })
  @ApiOkResponse({ type: KnowledgeDiffView })
  @ApiProblems(404)
  diff(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: DiffQueryDto,
  ): Promise<KnowledgeDiffView> {
    return this.items.diff(actor, id, q.from, q.to);
  }

  @Get('items/:id/versions/:version')
  @Access(...STAFF)
  @ApiOperation({ summary: 'One version with its snapshot' })
  @ApiOkResponse({ type: KnowledgeVersionView })
  @ApiProblems(404)
  version(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<KnowledgeVersionView> {
    return this.items.version(actor, id, version);
  }

  @Post('imports')
  @Access('hub_officer')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    description:
      '{ format: "json", source, records: [{ sourceId, title, summary, objectives, countries, ... }], submitForReview? } or a CSV file (source in the query)',
  })
  @ApiOperation({ summary: 'Import partnership records; row-level report; deduplicated on (source, sourceId)' })
  @ApiOkResponse({ type: ImportReportDto })
  import(@CurrentActor() actor: Actor, @Body() body: unknown, @Query() q: ImportQueryDto): Promise<ImportReportDto> {
    return this.imports.import(actor, body, q);
  }
}
