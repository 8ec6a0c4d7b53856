import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, Transaction } from '@cbm/core';
import { AuthError } from '../auth.errors';
import { LoginThrottleRepository } from './login-throttle.repository';

/** Per-address limit is wider: many people may sign in from one ministry's address. */
const ADDRESS_FACTOR = 4;

/** The sign-in throttle's rules: what is counted, when a key locks, for how long. */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly throttle: LoginThrottleRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, address: string | undefined) {
    return [`account:${email.toLowerCase()}`, ...(address ? [`address:${address}`] : [])];
  }

  async assertNotLocked(email: string, address: string | undefined): Promise<void> {
    const until = await this.throttle.lockedUntil(this.keys(email, address), this.clock.now());
    if (until) {
      const retryAfter = Math.ceil((until.getTime() - this.clock.now().getTime()) / 1000);
      throw AuthError(
        'AUTH_LOCKED',
        `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
        { retryAfter },
      );
    }
  }

  /** A failed sign-in counted for the account and the address, in transaction `t`. */
  async recordFailure(email: string, address: string | undefined, t: Transaction): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.loginWindowSeconds * 1000);
    const lockUntil = new Date(now.getTime() + this.config.loginWindowSeconds * 1000);
    for (const key of this.keys(email, address)) {
      const max = key.startsWith('address:')
        ? this.config.loginMaxAttempts * ADDRESS_FACTOR
        : this.config.loginMaxAttempts;
      await this.throttle.in(t).fail(key, now, windowStart, max, lockUntil);
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.throttle.clear(`account:${email.toLowerCase()}`);
  }

  /** The scheduled task: rows whose window ended and that lock nothing go, so the table stays the size of recent failures. */
  async prune(t: Transaction): Promise<void> {
    const now = this.clock.now();
    await this.throttle.in(t).prune(new Date(now.getTime() - this.config.loginWindowSeconds * 1000), now);
  }
}
