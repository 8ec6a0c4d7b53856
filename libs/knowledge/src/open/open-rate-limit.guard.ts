import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig, Clock, CoreError } from '@cbm/core';

export const RATE_LIMIT_KEY = 'cbm:knowledge-rate-limit';
/** Requests per minute per client address for an open-data route. */
export const RateLimit = (perMinute: number) => SetMetadata(RATE_LIMIT_KEY, perMinute);

/**
 * Fixed one-minute window per (route, client address), held in this process. Behind a load
 * balancer each replica counts on its own, so the effective limit is replicas × limit; the
 * edge proxy is the place for a shared limit.
 */
@Injectable()
export class OpenRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Benchmarks and load tests switch it off (the limit is per address, and they come from one). */
  enabled = true;

  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const routeLimit = this.reflector.get<number | undefined>(RATE_LIMIT_KEY, ctx.getHandler());
    if (!routeLimit || !this.enabled) return true;
    // OPEN_DATA_RATE_LIMIT (default 600, the search routes' limit) scales every open-data route's limit
    const limit = Math.max(1, Math.round((routeLimit * this.config.openDataRateLimitPerMinute) / 600));
    const req = ctx.switchToHttp().getRequest<{ ip?: string }>();
    const reply = ctx.switchToHttp().getResponse<{ header(k: string, v: string): unknown }>();
    const now = this.clock.now().getTime();
    const key = `${ctx.getHandler().name}|${req.ip ?? 'unknown'}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 50_000) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    reply.header('RateLimit-Limit', String(limit));
    reply.header('RateLimit-Remaining', String(Math.max(0, limit - w.count)));
    if (w.count > limit) {
      const retry = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
      reply.header('Retry-After', String(retry));
      throw CoreError('RATE_LIMITED', `too many requests from your address; retry in ${retry} s`, {
        retryAfterSeconds: retry,
      });
    }
    return true;
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
  }
}
