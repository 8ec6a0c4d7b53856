import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Req, Res, UseGuards } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsSafeText, Public } from '@cbm/core';
import { KNOWLEDGE_KINDS } from '../item/knowledge-item.workflow';
import { KnowledgeSearchService } from '../search/knowledge-search.service';
import { SUPPORTED_LANGUAGES } from '../search/text-config';
import { OpenDataService } from './open-data.service';
import { OpenRateLimitGuard, RateLimit } from './open-rate-limit.guard';

export class OpenSearchQueryDto {
  @IsOptional() @IsString() @IsSafeText() @MaxLength(200) q?: string;
  @IsOptional() @IsIn(KNOWLEDGE_KINDS) kind?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(23) objective?: number;
  @IsOptional() @Matches(/^[A-Z]{3}$/) country?: string;
  @IsOptional() @IsString() @IsSafeText() @MaxLength(60) region?: string;
  /** An organisation id or acronym. */
  @IsOptional() @IsString() @IsSafeText() @MaxLength(60) organisation?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1900) @Max(2100) year?: number;
  @IsOptional() @IsIn(SUPPORTED_LANGUAGES) language?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @IsSafeText() @MaxLength(300) cursor?: string;
}

const CACHE_ITEM = 'public, max-age=300, stale-while-revalidate=60';
const CACHE_LIST = 'public, max-age=60';

/** Anonymous open data: published items only, rate-limited per address, cacheable. */
@ApiTags('open data')
@Controller('open')
@UseGuards(OpenRateLimitGuard)
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
  async searchItems(@Query() q: OpenSearchQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('Cache-Control', CACHE_LIST);
    return this.search.search(q);
  }

  @Get('knowledge.csv')
  @Public()
  @RateLimit(30)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Every published item as CSV (streamed)' })
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
  @ApiProduces('application/jsonl')
  @ApiOperation({ summary: 'Every published item as JSON Lines (streamed)' })
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
  @ApiProduces('application/ld+json')
  @ApiOperation({ summary: 'DCAT catalogue of the open datasets (JSON-LD)' })
  async catalog(
    @Req() req: FastifyRequest,
    @Headers('if-none-match') inm: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const base = `${req.protocol}://${req.host ?? req.hostname}`;
    const body = JSON.stringify(await this.open.catalog(base));
    const etag = `W/"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    void reply.header('ETag', etag).header('Cache-Control', CACHE_LIST);
    if (OpenDataService.notModified(inm, etag)) return reply.status(304).send();
    return reply.header('Content-Type', 'application/ld+json; charset=utf-8').send(body);
  }
}
