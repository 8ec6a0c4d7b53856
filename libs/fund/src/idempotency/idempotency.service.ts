import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Actor, Clock, CoreError, Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { FundError } from '../fund.errors';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** JSON with sorted keys, so the same body hashes the same whatever its key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * Money-moving POSTs: the caller's key is claimed in a short transaction first (a concurrent
 * duplicate then sees it in flight: 409), the work and the stored answer commit together, and a
 * failed attempt releases the key so it can be retried.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async run<T>(
    actor: Actor,
    route: string,
    key: string | undefined,
    body: unknown,
    work: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (!key)
      throw CoreError('IDEMPOTENCY_KEY_REQUIRED', 'this request moves money: send an Idempotency-Key header', {
        fields: [{ field: 'Idempotency-Key', message: 'required' }],
      });
    if (!KEY.test(key))
      throw CoreError('VALIDATION_FAILED', 'Idempotency-Key must be 1-200 letters, digits or ._:-', {
        fields: [{ field: 'Idempotency-Key', message: 'invalid' }],
      });
    const bodyHash = createHash('sha256')
      .update(`${route}\n${canonicalJson(body)}`)
      .digest('hex');
    const claimed = await this.db.transaction(async ({ manager: m }) => {
      const rows = await m.query(
        `INSERT INTO "fund_idempotency_key" ("actor_id", "key", "route", "body_hash", "state", "created_at") VALUES ($1, $2, $3, $4, 'in_flight', $5)
         ON CONFLICT ("actor_id", "key") DO NOTHING RETURNING "key"`,
        [actor.id, key, route, bodyHash, this.clock.now()],
      );
      return rows.length === 1;
    });
    if (!claimed) {
      const prior = await this.db.manager
        .getRepository(IdempotencyKeyEntity)
        .findOne({ where: { actorId: actor.id, key } });
      if (!prior)
        throw FundError(
          'FUND_IDEMPOTENCY_IN_FLIGHT',
          'a request with this Idempotency-Key is being processed; retry shortly',
        );
      if (prior.bodyHash !== bodyHash)
        throw CoreError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request body', { key });
      if (prior.state !== 'done')
        throw FundError(
          'FUND_IDEMPOTENCY_IN_FLIGHT',
          'a request with this Idempotency-Key is being processed; retry shortly',
        );
      return prior.response as T;
    }
    try {
      return await this.db.transaction(async ({ manager: m }) => {
        const result = await work(m);
        // stored as the client saw it: JSON round trip
        const response = JSON.parse(JSON.stringify(result)) as unknown;
        await m.query(
          `UPDATE "fund_idempotency_key" SET "state" = 'done', "response_status" = 201, "response" = $3 WHERE "actor_id" = $1 AND "key" = $2`,
          [actor.id, key, JSON.stringify(response)],
        );
        return response as T;
      });
    } catch (err) {
      await this.db.query(
        `DELETE FROM "fund_idempotency_key" WHERE "actor_id" = $1 AND "key" = $2 AND "state" = 'in_flight'`,
        [actor.id, key],
      );
      throw err;
    }
  }
}
