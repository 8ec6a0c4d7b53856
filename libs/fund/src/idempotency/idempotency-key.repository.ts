import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** The keys of money-moving POSTs, per caller: claimed, answered, or released after a failure. */
@Injectable()
export class IdempotencyKeyRepository extends TransactionalRepository {
  /** Claims the key (state in_flight); false when the caller already used it. One statement: on the pool, it commits at once. */
  async claim(actorId: string, key: string, route: string, bodyHash: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO fund_idempotency_key (actor_id, key, route, body_hash, state, created_at)
       VALUES ($1, $2, $3, $4, 'in_flight', $5)
       ON CONFLICT (actor_id, key) DO NOTHING RETURNING key`,
      [actorId, key, route, bodyHash, now],
    );
    return rows.length === 1;
  }

  find(actorId: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.manager.getRepository(IdempotencyKeyEntity).findOne({ where: { actorId, key } });
  }

  /** The first answer, stored in the transaction of the work it answers. */
  async complete(actorId: string, key: string, response: unknown): Promise<void> {
    await this.manager.query(
      `UPDATE fund_idempotency_key SET state = 'done', response_status = 201, response = $3
        WHERE actor_id = $1 AND key = $2 AND state = 'in_flight'`,
      [actorId, key, JSON.stringify(response)],
    );
  }

  /** After a failed attempt: the key may be used again. */
  async release(actorId: string, key: string): Promise<void> {
    await this.manager.query(
      `DELETE FROM fund_idempotency_key WHERE actor_id = $1 AND key = $2 AND state = 'in_flight'`,
      [actorId, key],
    );
  }
}
