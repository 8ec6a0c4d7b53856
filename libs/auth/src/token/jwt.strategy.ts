import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Actor, APP_CONFIG, AppConfig, ROLES, Role } from '@cbm/core';
import { AuthError } from '../auth.errors';
import type { AccessClaims } from './token.service';
import { ActiveUserCache } from './active-user.cache';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly activeUsers: ActiveUserCache) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // a KeyObject made once: given a string, jsonwebtoken 9 tries createPublicKey on it at every
      // verify (and fails over to a secret key), which was a quarter of the CPU of an authenticated GET
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      // pinned: `alg: none` and algorithm confusion are refused
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<Actor> {
    if (!claims?.sub || !(ROLES as readonly string[]).includes(claims.role)) throw AuthError('AUTH_TOKEN_INVALID', 'access token is not valid');
    if (!(await this.activeUsers.isActive(claims.sub))) throw AuthError('AUTH_TOKEN_INVALID', 'the account no longer exists or is deactivated');
    return { id: claims.sub, role: claims.role as Role, email: claims.email, countryCode: claims.cty ?? null, organisationId: claims.org ?? null };
  }
}
