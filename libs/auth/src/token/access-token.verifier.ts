import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { verify } from 'jsonwebtoken';
import { Actor, APP_CONFIG, AppConfig, ROLES, Role } from '@cbm/core';
import { AuthError } from '../auth.errors';
import type { AccessClaims } from './token.service';
import { ActiveUserCache } from './active-user.cache';

const BEARER = /(\S+)\s+(\S+)/;
const invalid = (message = 'sign in first: the access token is missing, expired or not valid') =>
  AuthError('AUTH_TOKEN_INVALID', message);

/**
 * The actor of a request's access token. Called by AccessGuard directly: going through
 * passport and passport-jwt cost more than the verification itself on every request.
 */
@Injectable()
export class AccessTokenVerifier {
  // a KeyObject made once: given a string, jsonwebtoken 9 tries createPublicKey on it at every
  // verify (and fails over to a secret key), which was a quarter of the CPU of an authenticated GET
  private readonly key: KeyObject;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly activeUsers: ActiveUserCache,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  /** `Authorization: Bearer <token>` (scheme in any case) → the actor; AUTH_TOKEN_INVALID otherwise. */
  async actor(authorization: string | string[] | undefined): Promise<Actor> {
    const m = typeof authorization === 'string' ? BEARER.exec(authorization) : null;
    if (!m || m[1].toLowerCase() !== 'bearer') throw invalid();
    let claims: AccessClaims;
    try {
      // pinned: `alg: none` and algorithm confusion are refused; expiry and not-before are checked
      claims = verify(m[2], this.key, { algorithms: ['HS256'] }) as AccessClaims;
    } catch {
      throw invalid();
    }
    if (!claims?.sub || !(ROLES as readonly string[]).includes(claims.role)) throw invalid('access token is not valid');
    if (!(await this.activeUsers.isActive(claims.sub))) throw invalid('the account no longer exists or is deactivated');
    return {
      id: claims.sub,
      role: claims.role as Role,
      email: claims.email,
      countryCode: claims.cty ?? null,
      organisationId: claims.org ?? null,
    };
  }
}
