import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, Clock, isUuid, newId } from '@cbm/core';
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

/** A presented refresh token, `<id>.<secret>`, taken apart. */
export interface PresentedToken {
  id: string;
  secret: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Tokens as values: signing access tokens, minting refresh tokens and checking presented ones (the rows are RefreshTokenRepository's). */
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

  /**
   * A new pair for `u`, and the refresh token's row to store (the SHA-256 of its secret).
   * `familyId` continues a rotation chain; none starts one (a sign-in).
   */
  issue(u: UserEntity, familyId = newId()): { row: RefreshTokenEntity; pair: TokenPair } {
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
    } satisfies RefreshTokenEntity);
    return {
      row,
      pair: {
        accessToken: this.signAccess(u),
        refreshToken: `${row.id}.${secret}`,
        expiresIn: this.config.accessTokenTtlSeconds,
        tokenType: 'Bearer',
      },
    };
  }

  /** The id and secret of a presented refresh token; AUTH_TOKEN_INVALID when malformed. */
  parse(presented: string): PresentedToken {
    const [id, secret] = presented.split('.');
    if (!isUuid(id) || !secret) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token is not valid');
    return { id, secret };
  }

  /** The stored row when the presented secret is its own (compared in constant time); else AUTH_TOKEN_INVALID. */
  check(row: RefreshTokenEntity | null, presented: PresentedToken): RefreshTokenEntity {
    const a = Buffer.from(row?.secretHash ?? '0'.repeat(64));
    const b = Buffer.from(sha256(presented.secret));
    if (!row || !timingSafeEqual(a, b)) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token is not valid');
    return row;
  }
}
