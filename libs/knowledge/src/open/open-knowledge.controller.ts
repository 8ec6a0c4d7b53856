import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO31661Alpha3, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { ApiFileResponse, ApiProblems, IsSafeText, Public } from '@cbm/core';
import { PublishedKnowledgeItemView } from '../item/knowledge-item.view';
import { KnowledgeSearchView } from '../search/knowledge-search.view';
import { KNOWLEDGE_KINDS } from '../item/knowledge-item.workflow';
import { KnowledgeSearchService } from '../search/knowledge-search.service';
import { SUPPORTED_LANGUAGES } from '../search/text-config';
import { OpenDataService } from './open-data.service';
import { RateLimit } from './open-rate-limit';

export class OpenSearchQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Web-search syntax: words, "phrases", -excluded, or' })
  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ enum: KNOWLEDGE_KINDS, enumName: 'KnowledgeKind' })
  @IsOptional()
  @IsIn(KNOWLEDGE_KINDS)
  kind?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 23 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(23)
  objective?: number;
  @ApiPropertyOptional({ example: 'KEN', description: 'ISO 3166-1 alpha-3' })
  @IsOptional()
  @IsISO31661Alpha3()
  country?: string;
  @ApiPropertyOptional({ maxLength: 60, description: 'A UN M49 region or sub-region' })
  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(60)
  region?: string;
  @ApiPropertyOptional({ maxLength: 60, description: 'An organisation id or acronym' })
  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(60)
  organisation?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1900, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2100)
  year?: number;
  @ApiPropertyOptional({ enum: SUPPORTED_LANGUAGES })
  @IsOptional()
  @IsIn(SUPPORTED_LANGUAGES)
  language?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ maxLength: 300, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(300)
  cursor?: string;
}

const NOT_MODIFIED = ApiResponse({ status: 304, description: 'Not modified: the If-None-Match ETag still holds' });

const CACHE_ITEM = 'public, max-age=300, stale-while-revalidate=60';
const CACHE_LIST = 'public, max-age=60';

/** Anonymous open data: published items only, rate-limited per address, cacheable. */
@ApiTags('open data')
@ApiProblems(429)
@Controller('open')
export class OpenKnowledgeController {
  constructor(
    private readonly search: KnowledgeSearchService,
    private readonly open: OpenDataService,
  ) {}

  @Get('knowledge')
  @Public()
  @RateLimit(600)
  @ApiOperation({
    summary: 'Search published items: websearch syntax, ranking, snippets, typo tolerance, filters and facet counts',
  })
  @ApiOkResponse({ type: KnowledgeSearchView })
  @ApiProblems(400)
  async searchItems(@Query() q: OpenSearchQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('Cache-Control', CACHE_LIST);
    return this.search.search(q);
  }

  @Get('knowledge.csv')
  @Public()
  @RateLimit(30)
  @ApiOperation({ summary: 'Every published item as CSV (streamed)' })
  @ApiFileResponse('text/csv', 'knowledge-items.csv, one row per published item (no body)')
  @NOT_MODIFIED
  async csv(@Headers('if-none-match') inm: string | undefined, @Res() reply: FastifyReply) {
    const stamp = await this.open.datasetStamp();
    void reply.header('ETag', stamp.etag).header('Cache-Control', CACHE_LIST);
    if (OpenDataService.notModified(inm, stamp.etag)) return reply.status(304).send();
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="knowledge-items.csv"')
      .send(this.open.csv());
  }

  @Get('knowledge.jsonl')
  @Public()
  @RateLimit(30)
  @ApiOperation({ summary: 'Every published item as JSON Lines (streamed)' })
  @ApiFileResponse(
    'application/jsonl',
    'knowledge-items.jsonl, one published item (as GET /open/knowledge/{id}) a line',
  )
  @NOT_MODIFIED
  async jsonl(@Headers('if-none-match') inm: string | undefined, @Res() reply: FastifyReply) {
    const stamp = await this.open.datasetStamp();
    void reply.header('ETag', stamp.etag).header('Cache-Control', CACHE_LIST);
    if (OpenDataService.notModified(inm, stamp.etag)) return reply.status(304).send();
    return reply
      .header('Content-Type', 'application/jsonl; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="knowledge-items.jsonl"')
      .send(this.open.jsonl());
  }

  @Get('knowledge/:id')
  @Public()
  @RateLimit(600)
  @ApiOperation({ summary: 'One published item; ETag, 304 on If-None-Match' })
  @ApiOkResponse({ type: PublishedKnowledgeItemView })
  @NOT_MODIFIED
  @ApiProblems(400, 404)
  async item(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-none-match') inm: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const { item, etag } = await this.open.published(id);
    void reply.header('ETag', etag).header('Cache-Control', CACHE_ITEM);
    if (OpenDataService.notModified(inm, etag)) return reply.status(304).send();
    return reply.header('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(item));
  }

  @Get('catalog.jsonld')
  @Public()
  @RateLimit(120)
  @ApiOperation({ summary: 'DCAT catalogue of the open datasets (JSON-LD)' })
  @ApiOkResponse({
    description: 'A dcat:Catalog',
    content: { 'application/ld+json': { schema: { type: 'object', additionalProperties: true } } },
  })
  @NOT_MODIFIED
  async catalog(@Headers('if-none-match') inm: string | undefined, @Res() reply: FastifyReply) {
    // links from PUBLIC_BASE_URL only: the answer is the same whatever Host the request names
    const body = JSON.stringify(await this.open.catalog());
    const etag = `W/"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    void reply.header('ETag', etag).header('Cache-Control', CACHE_LIST);
    if (OpenDataService.notModified(inm, etag)) return reply.status(304).send();
    return reply.header('Content-Type', 'application/ld+json; charset=utf-8').send(body);
  }
}
