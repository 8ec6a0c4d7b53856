import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyCompress from '@fastify/compress';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import helmet, { HelmetOptions } from 'helmet';
import { Redis } from 'ioredis';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { existsSync } from 'node:fs';
import {
  AppConfig,
  createPino,
  createValidationPipe,
  enterRequestContext,
  PinoNestLogger,
  parseJsonBody,
  PROBLEM_CONTENT_TYPE,
  ProblemFilter,
  toProblem,
  hasForbiddenText,
  problem,
} from '@cbm/core';
import { AppModuleOptions } from '@cbm/composition';
import { AppModule } from '@cbm/composition';
import { openDataRateLimit } from '@cbm/knowledge';
import { HttpDrain } from './http-drain';
import { openApiDocument } from './openapi';
import { registerSpaFallback } from './spa-fallback';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function sendProblem(reply: FastifyReply, req: FastifyRequest, error: unknown) {
  const body = toProblem(error);
  body.instance = req.url.split('?')[0];
  body.requestId = req.id;
  void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** Errors Node's HTTP parser raises before Fastify has a request (oversized headers, timeouts): still problem+json. */
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    problem(
      status,
      status === 431 ? 'HEADERS_TOO_LARGE' : status === 408 ? 'REQUEST_TIMEOUT' : 'BAD_REQUEST',
      status === 431 ? 'the request headers or URL are too large' : 'the request could not be read',
    ),
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/**
 * Helmet's headers, worked out once: with fixed options they never vary, and helmet (as the
 * Fastify plugin called it) rebuilt them, CSP parsing included, for every request.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * Helmet's options for a deployment reached at `publicBaseUrl`. `upgrade-insecure-requests` and HSTS
 * only when that is HTTPS: a pilot reached over plain HTTP at a server's address would otherwise
 * have every script upgraded to an HTTPS nobody serves, and see a blank page. Decided from the
 * configuration, never from request headers a client or proxy could set.
 */
export function securityOptions(publicBaseUrl: string): HelmetOptions {
  const https = new URL(publicBaseUrl).protocol === 'https:';
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https,
  };
}

/**
 * The web build's hashed files (assets/name-HASH.js) never change under their name: cached for a
 * year, never revalidated. index.html is revalidated on every visit (it names the current hashes);
 * the rest (favicon) is kept an hour. `path` is the file sent, a precompressed .br or .gz included.
 */
export function staticCacheControl(path: string): string {
  if (/[\\/]assets[\\/][^\\/]+$/.test(path)) return 'public, max-age=31536000, immutable';
  return /\.html(\.br|\.gz)?$/.test(path) ? 'no-cache' : 'public, max-age=3600';
}

/** `preview`: the routes and their metadata only, no provider is instantiated (to write the OpenAPI document). */
export async function createHttpApp(
  options: AppModuleOptions,
  o: { preview?: boolean } = {},
): Promise<NestFastifyApplication> {
  const config: AppConfig = options.config;
  const log = createPino(config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // no Nest middleware is used: @fastify/middie would only add a hook to every request
    skipMiddie: true,
    trustProxy: config.nodeEnv === 'production',
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // malformed percent-encoding and over-long path parameters are refused by the router, before any hook
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => sendProblem(reply, req, error),
    clientErrorHandler,
  } as never);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new PinoNestLogger(log),
    bufferLogs: false,
    bodyParser: false,
    preview: o.preview,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // first hook: counts requests in progress and marks answers during a graceful stop
  HttpDrain.attach(app);

  // before app.init() adds the routes: the plugin hooks the routes marked @RateLimit as they are added
  const rateLimitRedis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 })
    : undefined;
  if (rateLimitRedis) {
    // while Redis is away the limit is skipped (skipOnError); the queues report the outage
    rateLimitRedis.on('error', () => undefined);
    fastify.addHook('onClose', (_instance, done) => {
      rateLimitRedis.disconnect();
      done();
    });
  }
  await app.register(
    fastifyRateLimit,
    openDataRateLimit(config, {
      redis: rateLimitRedis,
      nameSpace: `${options.queuePrefix ?? 'cbm'}:open-data-rate-limit:`,
    }),
  );

  // brotli or gzip for every compressible answer over 1 KB (JSON, CSV, HTML); the static
  // assets come precompressed and are left as they are (a Content-Encoding already set)
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });

  // document uploads: multipart bodies are streamed to the route (req.file()), never buffered here;
  // the defaults are strict and each upload route narrows them (one part `file`, DOCUMENT_MAX_BYTES)
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.documentMaxBytes + 1, files: 1, fields: 0, parts: 2, headerPairs: 20 },
  });

  fastify.addHook('onRequest', (req, reply, done) => {
    enterRequestContext({ requestId: req.id, clientAddress: req.ip });
    void reply.header('x-request-id', req.id);
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.url);
    } catch {
      return sendProblem(reply, req, Object.assign(new Error('bad url'), { statusCode: 400 }));
    }
    if (hasForbiddenText(decoded)) {
      void reply
        .status(400)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(
          JSON.stringify(
            problem(400, 'VALIDATION_FAILED', 'the URL must not contain NUL characters or unpaired surrogates'),
          ),
        );
      return;
    }
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    if (reply.statusCode >= 500 || config.logLevel === 'debug')
      log.info(
        { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request',
      );
    done();
  });
  // JSON bodies: nesting depth, NUL and lone surrogates checked before anything else sees them
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => {
      try {
        done(null, parseJsonBody(body));
      } catch (err) {
        done(err as Error);
      }
    },
  );
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string' },
    (_req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => {
      if (hasForbiddenText(body))
        done(Object.assign(new Error('the body must not contain NUL characters'), { statusCode: 400 }));
      else done(null, body);
    },
  );
  fastify.setErrorHandler((error: FastifyError, req: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply, req, error),
  );

  const securityHeaders = helmetHeaders(securityOptions(config.publicBaseUrl));
  fastify.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(securityHeaders);
    done();
  });
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', '.well-known/cbm-audit-key'] });
  registerSpaFallback(fastify as never, config.webDistDir);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  if (existsSync(config.webDistDir)) {
    app.useStaticAssets({
      root: config.webDistDir,
      prefix: '/',
      wildcard: false,
      index: false,
      // the build writes .br and .gz beside each text asset (vite-plugin-compression2)
      preCompressed: true,
      cacheControl: false,
      // @fastify/static hands its reply here, not Node's response
      setHeaders: (reply: FastifyReply, path: string) => reply.header('cache-control', staticCacheControl(path)),
    } as never);
  }

  SwaggerModule.setup('api/docs', app, openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
  return app;
}
