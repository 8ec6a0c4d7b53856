import { Injectable } from '@nestjs/common';
import { Database, Transaction, UnitOfWork } from '@cbm/core';
import { AuditLog, AuditService } from '@cbm/audit';
import { LoginThrottleRepository } from './login/login-throttle.repository';
import { RefreshTokenRepository } from './token/refresh-token.repository';
import { UserRepository } from './user/user.repository';

/**
 * Everything an auth use case writes in one transaction: users (`users`), refresh tokens
 * (`tokens`), the sign-in throttle (`throttle`) and audit events (`audit`, written just before
 * COMMIT). Auth sends no notifications and publishes no events.
 */
export interface AuthTx {
  readonly transaction: Transaction;
  readonly users: UserRepository;
  readonly tokens: RefreshTokenRepository;
  readonly throttle: LoginThrottleRepository;
  readonly audit: AuditLog;
}

@Injectable()
export class AuthUnitOfWork extends UnitOfWork<AuthTx> {
  constructor(
    db: Database,
    private readonly users: UserRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly audit: AuditService,
  ) {
    super(db);
  }

  protected open(t: Transaction): AuthTx {
    return {
      transaction: t,
      users: this.users.in(t),
      tokens: this.tokens.in(t),
      throttle: this.throttle.in(t),
      audit: this.audit.in(t),
    };
  }
}
