import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';

const TTL_MS = 30_000;

/**
 * Whether an access token's user still exists and is active, remembered for 30 s: a
 * deactivated account loses access within that time on every replica, without a query
 * on every request.
 */
@Injectable()
export class ActiveUserCache {
  private readonly seen = new Map<string, { active: boolean; at: number }>();

  constructor(private readonly db: Database) {}

  async isActive(userId: string): Promise<boolean> {
    const hit = this.seen.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.active;
    const rows = await this.db.query<{ active: boolean }>('SELECT active FROM app_user WHERE id = $1', [userId]);
    const active = rows.length === 1 && rows[0].active;
    if (this.seen.size > 50_000) this.seen.clear();
    this.seen.set(userId, { active, at: Date.now() });
    return active;
  }

  forget(userId: string): void {
    this.seen.delete(userId);
  }
}
