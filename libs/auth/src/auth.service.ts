import { Injectable } from '@nestjs/common';
import { Actor, Clock, Database, SYSTEM_ACTOR } from '@cbm/core';
import { AuditService } from '@cbm/audit';
import { createHash } from 'node:crypto';
import { AuthError } from './auth.errors';
import { LoginThrottleService } from './login/login-throttle.service';
import { verifyAgainstDummy, verifyPassword } from './password';
import { TokenPair, TokenService } from './token/token.service';
import { UserEntity, toUserView } from './user/user.entity';
import { UserRepository } from './user/user.repository';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** passport-local's check: the same answer for an unknown e-mail and a wrong password. */
  async validateCredentials(email: string, password: string, address?: string): Promise<UserEntity> {
    const normalised = String(email ?? '')
      .trim()
      .toLowerCase();
    await this.throttle.assertNotLocked(normalised, address);
    const user = await this.users.findByEmail(normalised);
    const ok =
      user && user.active
        ? await verifyPassword(user.passwordHash, String(password ?? ''))
        : (await verifyAgainstDummy(String(password ?? '')), false);
    if (!ok || !user) {
      await this.throttle.recordFailure(normalised, address);
      await this.db.transaction(({ manager: m }) =>
        this.audit.record(m, {
          actor: user ? { id: user.id, role: user.role } : SYSTEM_ACTOR,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? `email-sha256:${createHash('sha256').update(normalised).digest('hex').slice(0, 16)}`,
        }),
      );
      throw AuthError('AUTH_INVALID_CREDENTIALS', 'The e-mail or password is not correct.');
    }
    await this.throttle.recordSuccess(normalised);
    return user;
  }

  login(user: UserEntity): Promise<TokenPair> {
    return this.db.transaction(async ({ manager: m }) => {
      await this.users.touchLogin(user.id, this.clock.now(), m);
      await this.audit.record(m, {
        actor: { id: user.id, role: user.role },
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      });
      return this.tokens.issue(user, m);
    });
  }

  /** Rotation: each refresh token works once; presenting a used one revokes its whole family. */
  async refresh(presented: string): Promise<TokenPair> {
    const outcome = await this.db.transaction(async ({ manager: m }) => {
      const row = await this.tokens.find(presented, m);
      if (row.usedAt || row.revokedAt) {
        await this.tokens.revokeFamily(row.familyId, m);
        await this.audit.record(m, {
          actor: { id: row.userId, role: 'system' },
          action: 'auth.refresh_reused',
          entityType: 'user',
          entityId: row.userId,
          after: { familyId: row.familyId },
        });
        return { reused: true as const };
      }
      if (row.expiresAt <= this.clock.now())
        throw AuthError('AUTH_TOKEN_INVALID', 'refresh token has expired; sign in again');
      const user = await this.users.findById(row.userId, m);
      if (!user || !user.active) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token is not valid');
      await this.tokens.markUsed(row, m);
      return { reused: false as const, pair: await this.tokens.issue(user, m, row.familyId) };
    });
    // the revocation above must commit, so the error is thrown after the transaction
    if (outcome.reused)
      throw AuthError(
        'AUTH_REFRESH_REUSED',
        'this refresh token was already used; every session it belongs to has been signed out',
      );
    return outcome.pair;
  }

  logout(actor: Actor, presented: string): Promise<void> {
    return this.db.transaction(async ({ manager: m }) => {
      const row = await this.tokens.find(presented, m);
      if (row.userId !== actor.id) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token is not valid');
      await this.tokens.revokeFamily(row.familyId, m);
      await this.audit.record(m, { actor, action: 'auth.logout', entityType: 'user', entityId: actor.id });
    });
  }

  async me(actor: Actor) {
    const user = await this.users.findById(actor.id);
    if (!user || !user.active) throw AuthError('AUTH_TOKEN_INVALID', 'the account no longer exists or is deactivated');
    const v = toUserView(user);
    return {
      id: v.id,
      email: v.email,
      name: v.name,
      role: v.role,
      countryCode: v.countryCode,
      organisationId: v.organisationId,
    };
  }
}
