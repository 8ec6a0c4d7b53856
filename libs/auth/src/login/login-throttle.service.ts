import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { AuthError } from '../auth.errors';

/** Per-address limit is wider: many people may sign in from one ministry's address. */
const ADDRESS_FACTOR = 4;

@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, address: string | undefined) {
    return [`account:${email.toLowerCase()}`, ...(address ? [`address:${address}`] : [])];
  }

  async assertNotLocked(email: string, address: string | undefined): Promise<void> {
    const rows: { key: string; locked_until: Date | null }[] = await this.db.query(
      'SELECT key, locked_until FROM login_throttle WHERE key = ANY($1) AND locked_until > $2',
      [this.keys(email, address), this.clock.now()],
    );
    if (rows.length) {
      const until = rows.map((r) => r.locked_until!.getTime()).reduce((a, b) => Math.max(a, b));
      const retryAfter = Math.ceil((until - this.clock.now().getTime()) / 1000);
      throw AuthError(
        'AUTH_LOCKED',
        `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
        { retryAfter },
      );
    }
  }

  async recordFailure(email: string, address: string | undefined): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.loginWindowSeconds * 1000);
    const lockUntil = new Date(now.getTime() + this.config.loginWindowSeconds * 1000);
    for (const key of this.keys(email, address)) {
      const max = key.startsWith('address:')
        ? this.config.loginMaxAttempts * ADDRESS_FACTOR
        : this.config.loginMaxAttempts;
      await this.db.query(
        `INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES ($1, 1, $2, CASE WHEN 1 >= $4 THEN $5::timestamptz END)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END,
           window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 ELSE login_throttle.window_start END,
           locked_until = CASE WHEN (CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END) >= $4 THEN $5::timestamptz ELSE login_throttle.locked_until END`,
        [key, now, windowStart, max, lockUntil],
      );
    }
  }

  /** Rows whose window ended and that lock nothing: the table stays the size of recent failures. */
  async prune(m?: EntityManager): Promise<void> {
    const now = this.clock.now();
    await this.db.query(
      'DELETE FROM login_throttle WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $2)',
      [new Date(now.getTime() - this.config.loginWindowSeconds * 1000), now],
      m,
    );
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = $1', [`account:${email.toLowerCase()}`]);
  }
}
