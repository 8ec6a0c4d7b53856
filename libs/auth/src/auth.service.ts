import { Injectable } from '@nestjs/common';
import { Actor, Clock, SYSTEM_ACTOR } from '@cbm/core';
import { createHash } from 'node:crypto';
import { AuthError } from './auth.errors';
import { AuthTx, AuthUnitOfWork } from './auth-unit-of-work';
import { LoginThrottleService } from './login/login-throttle.service';
import { verifyAgainstDummy, verifyPassword } from './password';
import { RefreshTokenEntity } from './token/refresh-token.entity';
import { TokenPair, TokenService } from './token/token.service';
import { UserEntity, toUserView } from './user/user.entity';
import { UserRepository } from './user/user.repository';

/** Sign-in, token rotation and sign-out: each one transaction, every row it writes named in it. */
@Injectable()
export class AuthService {
  constructor(
    private readonly uow: AuthUnitOfWork,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
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
      // counted and audited even though the sign-in fails: the transaction commits, then the 401
      await this.uow.run(async (tx) => {
        await this.throttle.recordFailure(normalised, address, tx.transaction);
        tx.audit.record({
          actor: user ? { id: user.id, role: user.role } : SYSTEM_ACTOR,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? `email-sha256:${createHash('sha256').update(normalised).digest('hex').slice(0, 16)}`,
        });
      });
      throw AuthError('AUTH_INVALID_CREDENTIALS', 'The e-mail or password is not correct.');
    }
    await this.throttle.recordSuccess(normalised);
    return user;
  }

  /** A sign-in: the last sign-in time, a new token family, the audit event. */
  login(user: UserEntity): Promise<TokenPair> {
    return this.uow.run(async (tx) => {
      await tx.users.touchLogin(user.id, this.clock.now());
      const { row, pair } = this.tokens.issue(user);
      await tx.tokens.insert(row);
      tx.audit.record({
        actor: { id: user.id, role: user.role },
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      });
      return pair;
    });
  }

  /** Rotation: each refresh token works once; presenting a used one revokes its whole family. */
  async refresh(presented: string): Promise<TokenPair> {
    const outcome = await this.uow.run(async (tx) => {
      const row = await this.stored(tx, presented); // locked: a concurrent use of it waits, then sees it used
      const now = this.clock.now();
      if (row.usedAt || row.revokedAt) {
        await tx.tokens.revokeFamily(row.familyId, now);
        tx.audit.record({
          actor: { id: row.userId, role: 'system' },
          action: 'auth.refresh_reused',
          entityType: 'user',
          entityId: row.userId,
          after: { familyId: row.familyId },
        });
        return { reused: true as const };
      }
      if (row.expiresAt <= now) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token has expired; sign in again');
      const user = await tx.users.findById(row.userId);
      if (!user || !user.active) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token is not valid');
      await tx.tokens.markUsed(row.id, now);
      const next = this.tokens.issue(user, row.familyId);
      await tx.tokens.insert(next.row);
      return { reused: false as const, pair: next.pair };
    });
    // the revocation above must commit, so the error is thrown after the transaction
    if (outcome.reused)
      throw AuthError(
        'AUTH_REFRESH_REUSED',
        'this refresh token was already used; every session it belongs to has been signed out',
      );
    return outcome.pair;
  }

  /** Sign-out: the presented token's family is revoked. */
  logout(actor: Actor, presented: string): Promise<void> {
    return this.uow.run(async (tx) => {
      const row = await this.stored(tx, presented);
      if (row.userId !== actor.id) throw AuthError('AUTH_TOKEN_INVALID', 'refresh token is not valid');
      await tx.tokens.revokeFamily(row.familyId, this.clock.now());
      tx.audit.record({ actor, action: 'auth.logout', entityType: 'user', entityId: actor.id });
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

  /** The stored row of a presented refresh token, locked for this transaction; AUTH_TOKEN_INVALID otherwise. */
  private async stored(tx: AuthTx, presented: string): Promise<RefreshTokenEntity> {
    const token = this.tokens.parse(presented);
    return this.tokens.check(await tx.tokens.findForUpdate(token.id), token);
  }
}
