import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, Clock, isUuid, newId } from '@cbm/core';
import { EntityManager, IsNull } from 'typeorm';
import { AuthError } from '../auth.errors';
import { UserEntity } from '../user/user.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface AccessClaims {
  sub: string;
  role: string;
  email: string;
  cty?: string | null;
  org?: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private signAccess(u: UserEntity): string {
    const claims: AccessClaims = { sub: u.id, role: u.role, email: u.email, cty: u.countryCode, org: u.organisationId };
    return this.jwt.sign(claims, { algorithm: 'HS256', expiresIn: this.config.accessTokenTtlSeconds });
  }

  /** A new pair; `familyId` continues a rotation chain, none starts one (a sign-in). */
  async issue(u: UserEntity, m: EntityManager, familyId = newId()): Promise<TokenPair> {
    const secret = randomBytes(32).toString('base64url');
    const row = Object.assign(new RefreshTokenEntity(), {
      id: newId(),
      userId: u.id,
      familyId,
      secretHash: sha256(secret),
      expiresAt: new Date(this.clock.now().getTime() + this.config.refreshTokenTtlSeconds * 1000),
      usedAt: null,
      revokedAt: null,
      createdAt: this.clock.now(),
    });
    await m.getRepository(RefreshTokenEntity).insert(row);
    return {
      accessToken: this.signAccess(u),
      refreshToken: `${row.id}.${secret}`,
      expiresIn: this.config.accessTokenTtlSeconds,
      tokenType: 'Bearer',
    };
  }

  /**
   * Finds the stored token for a presented one, locked for this transaction.
   * Throws when it is malformed, unknown, expired or revoked.
   */
  async find(presented: string, m: EntityManager): Promise<RefreshTokenEntity> {
    const [id, secret] = presented.split('.');
    if (!isUuid(id) || !secret) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token is not valid');
    const row = await m
      .getRepository(RefreshTokenEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    const a = Buffer.from(row?.secretHash ?? '0'.repeat(64));
    const b = Buffer.from(sha256(secret));
    if (!row || !timingSafeEqual(a, b)) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token is not valid');
    return row;
  }

  async markUsed(row: RefreshTokenEntity, m: EntityManager): Promise<void> {
    await m.getRepository(RefreshTokenEntity).update({ id: row.id }, { usedAt: this.clock.now() });
  }

  async revokeFamily(familyId: string, m: EntityManager): Promise<void> {
    await m
      .getRepository(RefreshTokenEntity)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  async revokeAllOf(userId: string, m: EntityManager): Promise<void> {
    await m.getRepository(RefreshTokenEntity).update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }
}
