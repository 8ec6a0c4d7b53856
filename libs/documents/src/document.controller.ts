import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import {
  Access,
  Actor,
  APP_CONFIG,
  AppConfig,
  ApiFileResponse,
  ApiProblems,
  CurrentActor,
  decodeIdCursor,
  DomainError,
  Page,
  PageOf,
  pageOf,
  PageQueryDto,
  Public,
  SignedIn,
} from '@cbm/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import { DocumentError } from './document.errors';
import { DocumentContent, DocumentService, IncomingFile } from './document.service';
import { DocumentView } from './document.view';
import { contentDisposition } from './file-name';
import { DocumentParent } from './ports';

export class UploadDocumentQueryDto {
  @ApiPropertyOptional({
    pattern: '^[a-z][a-z0-9_]{0,39}$',
    example: 'endorsement_letter',
    description: 'What the file is: concept_note, endorsement_letter, contribution_agreement, resource...',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'kind is a lower-case label of letters, digits and _' })
  kind?: string;
}

const MULTIPART_FILE = ApiBody({
  description: 'multipart/form-data with one part, `file`',
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
});

const UploadDocs = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    MULTIPART_FILE,
    ApiCreatedResponse({ type: DocumentView }),
    ApiProblems(403, 404, 413, 415),
  );

// anonymous downloads count against the open-data limit like the bulk files (see @cbm/knowledge's RateLimit)
const OpenDataRateLimit = (perMinute: number) => RouteConfig({ rateLimit: {}, openDataPerMinute: perMinute });

const FUND_READERS = ['fund_manager', 'steering_committee', 'admin', 'donor'] as const;
const KNOWLEDGE_STAFF = ['hub_officer', 'partner_officer', 'admin'] as const;

/** Files attached to requests, reports, contributions and knowledge items; metadata, bytes and deletion. */
@ApiTags('documents')
@ApiProblems(400)
@Controller()
export class DocumentController {
  constructor(
    private readonly documents: DocumentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('requests/:id/documents')
  @SignedIn()
  @ApiOperation({ summary: "Attach a file to a request (the country's focal point, hub officers)" })
  @UploadDocs()
  uploadToRequest(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: UploadDocumentQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    return this.upload(actor, { type: 'request', id }, q, req);
  }

  @Get('requests/:id/documents')
  @SignedIn()
  @ApiOperation({ summary: "A request's documents, oldest first (whoever sees the request)" })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  @ApiProblems(404)
  listOfRequest(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: PageQueryDto) {
    return this.list(actor, { type: 'request', id }, q);
  }

  @Post('requests/:id/reports/:reportId/documents')
  @SignedIn()
  @ApiOperation({ summary: 'Attach a file to a report (its organisation while it is under review, hub officers)' })
  @UploadDocs()
  uploadToReport(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Query() q: UploadDocumentQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    return this.upload(actor, { type: 'report', id: reportId, requestId: id }, q, req);
  }

  @Get('requests/:id/reports/:reportId/documents')
  @SignedIn()
  @ApiOperation({ summary: "A report's documents, oldest first (whoever sees the request)" })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  @ApiProblems(404)
  listOfReport(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Query() q: PageQueryDto,
  ) {
    return this.list(actor, { type: 'report', id: reportId, requestId: id }, q);
  }

  @Post('requests/:id/timeline/:entryId/documents')
  @SignedIn()
  @ApiOperation({
    summary: "Attach a file to the country's answer to an information request (its provide_info timeline entry)",
  })
  @UploadDocs()
  uploadToAnswer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Query() q: UploadDocumentQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    return this.upload(actor, { type: 'information_answer', id: entryId, requestId: id }, q, req);
  }

  @Get('requests/:id/timeline/:entryId/documents')
  @SignedIn()
  @ApiOperation({ summary: 'The documents of an answer to an information request (whoever sees the request)' })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  @ApiProblems(404)
  listOfAnswer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Query() q: PageQueryDto,
  ) {
    return this.list(actor, { type: 'information_answer', id: entryId, requestId: id }, q);
  }

  @Post('requests/:id/implementation-plan/documents')
  @SignedIn()
  @ApiOperation({
    summary: "Attach a file (project document, agreement) to a request's implementation plan (hub officers)",
  })
  @UploadDocs()
  uploadToPlan(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: UploadDocumentQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    return this.upload(actor, { type: 'implementation_plan', id }, q, req);
  }

  @Get('requests/:id/implementation-plan/documents')
  @SignedIn()
  @ApiOperation({ summary: "An implementation plan's documents (whoever sees the request)" })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  @ApiProblems(404)
  listOfPlan(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: PageQueryDto) {
    return this.list(actor, { type: 'implementation_plan', id }, q);
  }

  @Post('fund/decisions/:id/documents')
  @Access('fund_manager', 'admin')
  @ApiOperation({ summary: 'Attach a file (signed minutes) to a committee decision' })
  @UploadDocs()
  uploadToDecision(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: UploadDocumentQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    return this.upload(actor, { type: 'committee_decision', id }, q, req);
  }

  @Get('fund/decisions/:id/documents')
  @Access('fund_manager', 'steering_committee', 'admin')
  @ApiOperation({ summary: "A committee decision's documents (fund staff)" })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  @ApiProblems(404)
  listOfDecision(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: PageQueryDto) {
    return this.list(actor, { type: 'committee_decision', id }, q);
  }

  @Post('fund/contributions/:id/documents')
  @Access('fund_manager', 'admin')
  @ApiOperation({ summary: 'Attach a file (the contribution agreement) to a contribution' })
  @UploadDocs()
  uploadToContribution(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: UploadDocumentQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    return this.upload(actor, { type: 'contribution', id }, q, req);
  }

  @Get('fund/contributions/:id/documents')
  @Access(...FUND_READERS)
  @ApiOperation({ summary: "A contribution's documents (fund staff, its donor)" })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  @ApiProblems(404)
  listOfContribution(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: PageQueryDto) {
    return this.list(actor, { type: 'contribution', id }, q);
  }

  @Post('knowledge/items/:id/documents')
  @Access(...KNOWLEDGE_STAFF)
  @ApiOperation({ summary: 'Attach a downloadable resource to a knowledge item while it is not public (its editors)' })
  @UploadDocs()
  uploadToKnowledgeItem(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: UploadDocumentQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    return this.upload(actor, { type: 'knowledge_item', id }, q, req);
  }

  @Get('knowledge/items/:id/documents')
  @Access(...KNOWLEDGE_STAFF)
  @ApiOperation({ summary: "A knowledge item's documents, in any status the caller may see" })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  @ApiProblems(404)
  listOfKnowledgeItem(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() q: PageQueryDto) {
    return this.list(actor, { type: 'knowledge_item', id }, q);
  }

  @Get('documents/:id')
  @SignedIn()
  @ApiOperation({ summary: "A document's metadata (whoever sees its parent record)" })
  @ApiOkResponse({ type: DocumentView })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentView> {
    return this.documents.get(actor, id);
  }

  @Get('documents/:id/content')
  @SignedIn()
  @ApiOperation({ summary: 'The bytes, as an attachment (whoever sees its parent record); audited' })
  @ApiFileResponse('application/octet-stream', 'the file, with its sniffed type, as an attachment')
  @ApiProblems(404)
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendContent(reply, await this.documents.download(actor, id), 'private, no-store');
  }

  @Delete('documents/:id')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a document (soft; the uploader or a hub officer); audited' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiProblems(403, 404)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.documents.remove(actor, id);
  }

  @Get('open/knowledge/:id/documents')
  @Public()
  @OpenDataRateLimit(120)
  @ApiOperation({ summary: 'The downloadable resources of a published knowledge item' })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  @ApiProblems(404, 429)
  async listPublic(@Param('id', ParseUUIDPipe) id: string, @Query() q: PageQueryDto): Promise<Page<DocumentView>> {
    const limit = q.limit ?? 50;
    const rows = await this.documents.listPublic(id, decodeIdCursor(q.cursor), limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  @Get('open/knowledge/:id/documents/:documentId/content')
  @Public()
  @OpenDataRateLimit(60)
  @ApiOperation({ summary: 'A resource of a published knowledge item, as an attachment; audited' })
  @ApiFileResponse('application/octet-stream', 'the file, with its sniffed type, as an attachment')
  @ApiProblems(404, 429)
  async publicContent(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendContent(reply, await this.documents.downloadPublic(id, documentId), 'public, max-age=300');
  }

  private async list(actor: Actor, parent: DocumentParent, q: PageQueryDto): Promise<Page<DocumentView>> {
    const limit = q.limit ?? 50;
    const rows = await this.documents.list(actor, parent, decodeIdCursor(q.cursor), limit + 1);
    return pageOf(rows, limit, (r) => [r.id]);
  }

  /** The one file part `file` of a multipart body, streamed to the service. */
  private async upload(
    actor: Actor,
    parent: DocumentParent,
    q: UploadDocumentQueryDto,
    req: FastifyRequest,
  ): Promise<DocumentView> {
    if (!req.isMultipart())
      throw DocumentError('DOCUMENT_TYPE_NOT_ALLOWED', 'send the file as multipart/form-data, in the part `file`');
    const parts = req.parts({
      // one byte over the limit, so the service sees the excess and answers 413
      limits: { fileSize: this.config.documentMaxBytes + 1, files: 1, fields: 0, parts: 2, headerPairs: 20 },
    });
    const first = await unreadable(parts.next());
    if (first.done) throw DocumentError('DOCUMENT_INVALID', 'the multipart body has no part `file`');
    const part = first.value;
    if (part.type !== 'file' || part.fieldname !== 'file') {
      if (part.type === 'file') part.file.resume();
      throw DocumentError('DOCUMENT_INVALID', 'the body carries one part, the file, named `file`', {
        fields: [{ field: part.fieldname.slice(0, 60), message: 'unexpected part' }],
      });
    }
    const file: IncomingFile = {
      fileName: part.filename,
      stream: guarded(part.file),
      end: async () => {
        if (!(await unreadable(parts.next())).done)
          throw DocumentError('DOCUMENT_INVALID', 'one file per upload, in the part `file`');
      },
      discard: () => part.file.resume(),
    };
    return this.documents.upload(actor, parent, file, q.kind);
  }
}

/**
 * A body busboy cannot read (no boundary, cut short, a second file) is the client's error: 400, not
 * the 500 an unknown error would give. Domain errors pass as they are.
 */
function unreadableBody(err: unknown): Error {
  if (err instanceof DomainError) return err;
  const detail = err instanceof Error ? err.message.slice(0, 200) : 'unreadable';
  return DocumentError('DOCUMENT_INVALID', `the multipart body could not be read: ${detail}`);
}

function unreadable<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    throw unreadableBody(err);
  });
}

async function* guarded(stream: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  try {
    for await (const piece of stream) yield piece;
  } catch (err) {
    throw unreadableBody(err);
  }
}

/** Headers that keep a browser from running what it downloads: attachment, nosniff, a sandboxing CSP. */
function sendContent(reply: FastifyReply, c: DocumentContent, cache: string): FastifyReply {
  const d = c.document;
  const type = d.mediaType.startsWith('text/') ? `${d.mediaType}; charset=utf-8` : d.mediaType;
  return reply
    .header('Content-Type', type)
    .header('Content-Length', String(d.size))
    .header('Content-Disposition', contentDisposition(d.name))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('ETag', `"${d.sha256}"`)
    .header('Cache-Control', cache)
    .send(c.stream);
}
