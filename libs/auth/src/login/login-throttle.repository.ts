import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';

/** Failed sign-ins per key (`account:<email>`, `address:<ip>`), shared by every replica. */
@Injectable()
export class LoginThrottleRepository extends TransactionalRepository {
  /** The latest lock among `keys` still running at `now`, if any. */
  async lockedUntil(keys: string[], now: Date): Promise<Date | null> {
    const rows: { locked_until: Date }[] = await this.manager.query(
      'SELECT locked_until FROM login_throttle WHERE key = ANY($1) AND locked_until > $2',
      [keys, now],
    );
    return rows.length ? new Date(Math.max(...rows.map((r) => r.locked_until.getTime()))) : null;
  }

  /**
   * One more failure for `key` in the window that started after `windowStart` (a new window when the
   * last one ended); at `max` failures the key is locked until `lockUntil`. One statement, so
   * concurrent failures count each.
   */
  async fail(key: string, now: Date, windowStart: Date, max: number, lockUntil: Date): Promise<void> {
    await this.manager.query(
      `INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES ($1, 1, $2, CASE WHEN 1 >= $4 THEN $5::timestamptz END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END,
         window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 ELSE login_throttle.window_start END,
         locked_until = CASE WHEN (CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END) >= $4 THEN $5::timestamptz ELSE login_throttle.locked_until END`,
      [key, now, windowStart, max, lockUntil],
    );
  }

  async clear(key: string): Promise<void> {
    await this.manager.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }

  /**
   * Retention: the client-address rows (`address:<ip>`) whose window started before `windowStart`,
   * whatever their lock (a lock that old has long run out).
   */
  async pruneAddresses(windowStart: Date): Promise<number> {
    const rows: unknown[] = await this.manager.query(
      `WITH d AS (DELETE FROM login_throttle WHERE key LIKE 'address:%' AND window_start < $1 RETURNING 1) SELECT 1 FROM d`,
      [windowStart],
    );
    return rows.length;
  }

  /** Rows whose window started before `windowStart` and that lock nothing at `now`. */
  async prune(windowStart: Date, now: Date): Promise<void> {
    await this.manager.query(
      'DELETE FROM login_throttle WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $2)',
      [windowStart, now],
    );
  }
}
