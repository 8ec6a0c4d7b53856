import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, Actor, ApiFileResponse, ApiProblems, CoreError, CurrentActor, Public } from '@cbm/core';
import { AuditCheckpointView, AuditKeyView } from './audit.dto';
import { AuditCheckpointService } from './checkpoint.service';

/** The log changes once a period: a minute of caching costs nothing; the key changes only with a new deployment key. */
const CACHE_LOG = 'public, max-age=60';
const CACHE_KEY = 'public, max-age=3600';

@ApiTags('audit')
@Controller()
export class CheckpointController {
  constructor(private readonly checkpoints: AuditCheckpointService) {}

  @Post('audit/checkpoints')
  @HttpCode(201)
  @Access('admin')
  @ApiOperation({
    summary: 'Sign a checkpoint of the audit chain and the ledger now (the scheduler does it every period)',
  })
  @ApiCreatedResponse({ type: AuditCheckpointView })
  @ApiProblems(409)
  signNow(@CurrentActor() actor: Actor): Promise<AuditCheckpointView> {
    return this.checkpoints.signNow(actor);
  }

  @Get('open/checkpoints.jsonl')
  @Public()
  @ApiTags('open data')
  @ApiOperation({
    summary: 'The signed checkpoint log: one checkpoint (AuditCheckpoint) a line, oldest first, append-only',
  })
  @ApiFileResponse('application/jsonl', 'checkpoints.jsonl, one signed checkpoint a line', AuditCheckpointView)
  jsonl(@Res() reply: FastifyReply) {
    return reply
      .header('Cache-Control', CACHE_LOG)
      .header('Content-Type', 'application/jsonl; charset=utf-8')
      .header('Content-Disposition', 'inline; filename="checkpoints.jsonl"')
      .send(Readable.from(this.checkpoints.jsonLines()));
  }

  @Get('open/checkpoints/key')
  @Public()
  @ApiTags('open data')
  @ApiOperation({ summary: 'The Ed25519 public key the checkpoints are signed with (PEM, SubjectPublicKeyInfo)' })
  @ApiFileResponse('application/x-pem-file', 'The public key as PEM')
  @ApiProblems(404)
  publicKeyPem(@Res() reply: FastifyReply) {
    const key = this.key();
    return reply
      .header('Cache-Control', CACHE_KEY)
      .header('Content-Type', 'application/x-pem-file')
      .send(key.publicPem);
  }

  /** Outside /api/v1 (see http-app): where a verifier looks for a site's key without reading its API. */
  @Get('.well-known/cbm-audit-key')
  @Public()
  @ApiTags('open data')
  @ApiOperation({ summary: 'The checkpoint signing key: its id, PEM and JWK' })
  @ApiOkResponse({ type: AuditKeyView })
  @ApiProblems(404)
  wellKnown(@Res({ passthrough: true }) reply: FastifyReply): AuditKeyView {
    const key = this.key();
    void reply.header('Cache-Control', CACHE_KEY);
    const jwk = key.publicKey.export({ format: 'jwk' });
    return {
      keyId: key.keyId,
      alg: 'EdDSA',
      pem: key.publicPem,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) },
    };
  }

  private key() {
    const key = this.checkpoints.signingKey;
    if (!key) throw CoreError('NOT_FOUND', 'no checkpoint signing key is configured');
    return key;
  }
}
