import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { AppConfig, CoreError } from '@cbm/core';

/** The default of OPEN_DATA_RATE_LIMIT: the search routes' limit, against which the others are scaled. */
const DEFAULT_PER_MINUTE = 600;

/**
 * Requests per minute per client address on an anonymous open-data route, at the default
 * OPEN_DATA_RATE_LIMIT; the variable scales every route's limit in proportion. Counted by
 * @fastify/rate-limit, registered with openDataRateLimit() (only routes marked so are counted).
 */
export const RateLimit = (perMinute: number) => RouteConfig({ rateLimit: {}, openDataPerMinute: perMinute });

/**
 * The options of @fastify/rate-limit for the open-data routes: a one-minute window per route and
 * client address, kept in Redis when there is one (every API replica then counts together),
 * else in this process. While Redis is unreachable the limit is not applied rather than
 * failing the request.
 */
export function openDataRateLimit(
  config: AppConfig,
  store: { redis?: unknown; nameSpace: string },
): RateLimitPluginOptions {
  return {
    global: false,
    timeWindow: 60_000,
    max: (req: FastifyRequest) => {
      const perMinute = (req.routeOptions.config as { openDataPerMinute?: number }).openDataPerMinute;
      return Math.max(1, Math.round(((perMinute ?? DEFAULT_PER_MINUTE) * config.openDataRateLimitPerMinute) / 600));
    },
    // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset and Retry-After
    enableDraftSpec: true,
    redis: store.redis,
    nameSpace: store.nameSpace,
    skipOnError: true,
    // addresses remembered per route when counting in this process
    cache: 50_000,
    // thrown, so the error handler answers with problem+json like any other domain error
    errorResponseBuilder: (_req, context) => {
      const retry = Math.max(1, Math.ceil(context.ttl / 1000));
      return CoreError('RATE_LIMITED', `too many requests from your address; retry in ${retry} s`, {
        retryAfterSeconds: retry,
      });
    },
  };
}
