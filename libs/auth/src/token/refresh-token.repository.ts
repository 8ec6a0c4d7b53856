import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import { IsNull } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

/** Refresh tokens: one row per token, a family per sign-in. */
@Injectable()
export class RefreshTokenRepository extends TransactionalRepository {
  private get tokens() {
    return this.manager.getRepository(RefreshTokenEntity);
  }

  async insert(row: RefreshTokenEntity): Promise<void> {
    await this.tokens.insert(row);
  }

  /**
   * The token, locked for the rest of the transaction: a second use of the same token waits for the
   * first and then reads it as the first left it (used).
   */
  findForUpdate(id: string): Promise<RefreshTokenEntity | null> {
    return this.transaction.manager
      .getRepository(RefreshTokenEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.tokens.update({ id }, { usedAt: at });
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllOf(userId: string, at: Date): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: at });
  }
}
