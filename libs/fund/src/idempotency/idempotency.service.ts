import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Actor, Clock, CoreError } from '@cbm/core';
import { FundError } from '../fund.errors';
import { FundTx, FundUnitOfWork } from '../fund-unit-of-work';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

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
 * Money-moving POSTs: the caller's key is claimed first, in a statement of its own (a concurrent
 * duplicate then finds it in flight: 409), the work and the stored answer commit together in one
 * unit of work, and a failed attempt releases the key so it can be retried.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly uow: FundUnitOfWork,
    private readonly keys: IdempotencyKeyRepository,
    private readonly clock: Clock,
  ) {}

  async run<T>(
    actor: Actor,
    route: string,
    key: string | undefined,
    body: unknown,
    work: (tx: FundTx) => Promise<T>,
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
    if (!(await this.keys.claim(actor.id, key, route, bodyHash, this.clock.now()))) {
      const prior = await this.keys.find(actor.id, key);
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
      return await this.uow.run(async (tx) => {
        // stored as the client saw it: JSON round trip
        const response = JSON.parse(JSON.stringify(await work(tx))) as T;
        await tx.keys.complete(actor.id, key, response);
        return response;
      });
    } catch (err) {
      await this.keys.release(actor.id, key);
      throw err;
    }
  }
}
