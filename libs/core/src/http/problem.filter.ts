import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { Problem, problem, PROBLEM_CONTENT_TYPE } from './problem';

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_BAD_URL: 'BAD_URL',
};

/** Maps any thrown value to RFC 9457 problem+json; never leaks a stack trace. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) return problem(error.status, error.code, error.message, error.details);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body && 'code' in body)
      return problem(status, String((body as { code: string }).code), error.message, body as Record<string, unknown>);
    const code =
      status === 404
        ? 'ROUTE_NOT_FOUND'
        : status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 429
            ? 'RATE_LIMITED'
            : `HTTP_${status}`;
    const message =
      typeof body === 'object' && body && 'message' in body
        ? String((body as { message: unknown }).message)
        : error.message;
    return problem(status, code, message);
  }
  const err = error as { code?: string; statusCode?: number; message?: string };
  if (error instanceof QueryFailedError) {
    const pgCode = (error.driverError as { code?: string })?.code ?? '';
    if (pgCode === '40001' || pgCode === '40P01')
      return problem(409, 'CONCURRENT_UPDATE', 'another change happened at the same time; retry');
    if (pgCode === '23505') return problem(409, 'DUPLICATE', 'a record with the same key already exists');
    if (pgCode.startsWith('22')) return problem(400, 'INVALID_VALUE', 'a value is out of range or malformed');
    if (CONNECTION_ERRORS.has(pgCode))
      return problem(503, 'DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly');
  }
  // TypeORM releases a transaction's query runner when its connection fails (its client emits
  // 'error'); the next query or the COMMIT then throws this: the database went away mid-request
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError)
    return problem(503, 'DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly');
  if (
    err &&
    typeof err.code === 'string' &&
    (CONNECTION_ERRORS.has(err.code) ||
      /Connection terminated|timeout exceeded when trying to connect/i.test(err.message ?? ''))
  ) {
    return problem(503, 'DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly');
  }
  if (
    err &&
    /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
      err.message ?? '',
    )
  ) {
    return problem(503, 'DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly');
  }
  if (err && typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    const code = FASTIFY_CODES[err.code ?? ''] ?? 'BAD_REQUEST';
    return problem(
      err.statusCode,
      code,
      err.statusCode === 413
        ? 'the body is too large'
        : err.statusCode === 414
          ? 'a path parameter is too long'
          : 'the request could not be read',
    );
  }
  return problem(500, 'INTERNAL_ERROR', 'an unexpected error occurred; it has been logged');
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = toProblem(error);
    body.instance = request?.url?.split('?')[0];
    body.requestId = request?.id;
    // an outage answers every request with 503: one short line each, not a stack trace
    if (body.code === 'DATABASE_UNAVAILABLE')
      this.logger.warn({ requestId: request?.id, err: (error as Error)?.message }, 'database unavailable');
    else if (body.status >= 500) this.logger.error({ err: error, requestId: request?.id }, (error as Error)?.message);
    if (reply.sent) return;
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
