import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, Clock, newId, Role, SYSTEM_ACTOR, Transaction } from '@cbm/core';
import { AuditService, changedFields } from '@cbm/audit';
import { randomBytes } from 'node:crypto';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { AuthError } from '../auth.errors';
import { AuthTx, AuthUnitOfWork } from '../auth-unit-of-work';
import { hashPassword } from '../password';
import { ActiveUserCache } from '../token/active-user.cache';
import { toUserView, UserEntity, UserView } from './user.entity';
import { UserRepository } from './user.repository';

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role: Role;
  countryCode?: string | null;
  organisationId?: string | null;
  /** Bulk creation (volume data) hashes one password once and passes the hash. */
  passwordHash?: string;
}

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  countryCode?: string | null;
  organisationId?: string | null;
  active?: boolean;
  password?: string;
  version?: number;
}

const auditable = (u: UserEntity) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  countryCode: u.countryCode,
  organisationId: u.organisationId,
  active: u.active,
});

/** The users' use cases: each one transaction, every row it writes named in it. */
@Injectable()
export class UserService {
  private readonly logger = new Logger('UserService');

  constructor(
    private readonly uow: AuthUnitOfWork,
    private readonly users: UserRepository,
    private readonly reference: ReferenceService,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
    private readonly activeUsers: ActiveUserCache,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A focal point needs a country; partner officers and donors an organisation; others neither. */
  private async checkScope(tx: AuthTx, role: Role, countryCode: string | null, organisationId: string | null) {
    if (role === 'focal_point') {
      if (!countryCode || !this.reference.isCountry(countryCode))
        throw AuthError('USER_SCOPE_INVALID', 'a focal point needs a valid ISO 3166-1 alpha-3 countryCode', {
          fields: [{ field: 'countryCode', message: 'required for focal points' }],
        });
    } else if (countryCode) {
      throw AuthError('USER_SCOPE_INVALID', 'only focal points have a countryCode', {
        fields: [{ field: 'countryCode', message: 'only for focal points' }],
      });
    }
    if (role === 'partner_officer' || role === 'donor') {
      if (!organisationId || !(await this.organisations.organisationExists(organisationId, tx.transaction))) {
        throw AuthError('USER_SCOPE_INVALID', `a ${role} needs an existing organisationId`, {
          fields: [{ field: 'organisationId', message: 'unknown organisation' }],
        });
      }
    } else if (organisationId && role !== 'steering_committee') {
      throw AuthError('USER_SCOPE_INVALID', `a ${role} has no organisation scope`, {
        fields: [{ field: 'organisationId', message: 'not allowed for this role' }],
      });
    } else if (organisationId && !(await this.organisations.organisationExists(organisationId, tx.transaction))) {
      throw AuthError('USER_SCOPE_INVALID', 'organisationId names no organisation', {
        fields: [{ field: 'organisationId', message: 'unknown organisation' }],
      });
    }
  }

  /** A new account (audited). `t`: inside the caller's transaction (the demo's accounts are made in one). */
  async create(actor: Actor, input: CreateUserInput, t?: Transaction): Promise<UserView> {
    const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
    const work = async (tx: AuthTx) => {
      const email = input.email.trim().toLowerCase();
      if (await tx.users.findByEmail(email))
        throw AuthError('USER_EMAIL_TAKEN', 'a user with this e-mail already exists');
      const countryCode = input.countryCode ?? null;
      const organisationId = input.organisationId ?? null;
      await this.checkScope(tx, input.role, countryCode, organisationId);
      const now = this.clock.now();
      const user = Object.assign(new UserEntity(), {
        id: newId(),
        email,
        name: input.name,
        passwordHash,
        role: input.role,
        countryCode,
        organisationId,
        active: true,
        lastLoginAt: null,
        erasedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await tx.users.insert(user);
      tx.audit.record({
        actor,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: auditable(user),
      });
      return toUserView(user);
    };
    return t ? this.uow.within(t, work) : this.uow.run(work);
  }

  /** An admin's edit: a deactivation, a new password or a new role signs the user out everywhere. */
  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return this.uow.run(async (tx) => {
      const user = await tx.users.findById(id);
      if (!user) throw AuthError('USER_NOT_FOUND', 'no such user');
      if (user.erasedAt) throw AuthError('USER_ERASED', 'this account was erased: it can no longer be changed');
      if (input.version !== undefined && input.version !== user.version)
        throw AuthError('USER_STALE_VERSION', 'the user was changed by someone else; reload and retry');
      const before = auditable(user);
      const next = Object.assign(new UserEntity(), user, {
        name: input.name ?? user.name,
        role: input.role ?? user.role,
        countryCode: input.countryCode !== undefined ? input.countryCode : user.countryCode,
        organisationId: input.organisationId !== undefined ? input.organisationId : user.organisationId,
        active: input.active ?? user.active,
        passwordHash: passwordHash ?? user.passwordHash,
        updatedAt: this.clock.now(),
      });
      await this.checkScope(tx, next.role, next.countryCode, next.organisationId);
      if (!(await tx.users.update(next, user.version)))
        throw AuthError('USER_STALE_VERSION', 'the user was changed by someone else; reload and retry');
      if (!next.active || passwordHash || next.role !== user.role) await tx.tokens.revokeAllOf(user.id, next.updatedAt);
      // forgotten once the change is visible, so no request re-reads the old row into the cache
      tx.transaction.afterCommit(() => this.activeUsers.forget(user.id));
      const diff = changedFields(before, auditable(next));
      tx.audit.record({
        actor,
        action: next.active === user.active ? 'user.updated' : next.active ? 'user.reactivated' : 'user.deactivated',
        entityType: 'user',
        entityId: id,
        ...diff,
      });
      return toUserView(Object.assign(next, { version: user.version + 1 }));
    });
  }

  /**
   * Erasure on request (an administrator, with a reason): in one transaction the user's audit key is
   * destroyed (their name and e-mail in every sealed event read "[erased]", the chain still verifies),
   * the account gets a pseudonym for name and e-mail, is deactivated with a password nobody knows and
   * signed out everywhere, and its sign-in throttle row (keyed by the e-mail) is deleted. Audited as
   * `user.erased` with the reason and nothing of the person. The reason may not quote their name or
   * e-mail (it is kept in the clear). An administrator cannot erase themselves.
   */
  async erase(actor: Actor, id: string, reason: string): Promise<UserView> {
    if (actor.id === id) throw AuthError('USER_ERASURE_REFUSED', 'an administrator cannot erase their own account');
    const passwordHash = await hashPassword(randomBytes(32).toString('base64'));
    return this.uow.run(async (tx) => {
      const user = await tx.users.findById(id);
      if (!user) throw AuthError('USER_NOT_FOUND', 'no such user');
      if (user.erasedAt) throw AuthError('USER_ERASED', 'this account was already erased');
      const pseudonym = `erased-user-${user.id.replace(/-/g, '').slice(-12)}`;
      const text = reason.toLowerCase();
      if ([user.email, user.name].some((v) => v.trim().length >= 3 && text.includes(v.trim().toLowerCase())))
        throw AuthError('USER_ERASURE_REASON', "the reason must not quote the person's name or e-mail", {
          fields: [{ field: 'reason', message: "quotes the person's name or e-mail" }],
        });
      const now = this.clock.now();
      const erased = Object.assign(new UserEntity(), user, {
        email: `${pseudonym}@erased.invalid`,
        name: pseudonym,
        passwordHash,
        active: false,
        lastLoginAt: null,
        erasedAt: now,
        updatedAt: now,
        version: user.version + 1,
      });
      await tx.users.erase(erased);
      await tx.tokens.revokeAllOf(user.id, now);
      await tx.throttle.clear(`account:${user.email}`);
      await this.audit.eraseSubject(tx.transaction, user.id);
      tx.transaction.afterCommit(() => this.activeUsers.forget(user.id));
      tx.audit.record({
        actor,
        action: 'user.erased',
        entityType: 'user',
        entityId: user.id,
        after: { reason, active: false },
      });
      return toUserView(erased);
    });
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user) throw AuthError('USER_NOT_FOUND', 'no such user');
    return toUserView(user);
  }

  async findByEmail(email: string): Promise<UserView | null> {
    const user = await this.users.findByEmail(email);
    return user && toUserView(user);
  }

  async list(filter: { role?: string; q?: string }, after: string | undefined, limit: number): Promise<UserView[]> {
    return (await this.users.list(filter, after, limit)).map(toUserView);
  }

  /** ADMIN_EMAIL/ADMIN_PASSWORD: the first admin, created only when there is none. */
  async ensureBootstrapAdmin(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    if (await this.users.anyAdmin()) return;
    await this.create(SYSTEM_ACTOR, {
      email: adminEmail,
      name: 'Administrator',
      password: adminPassword,
      role: 'admin',
    });
    this.logger.log(`created the first administrator ${adminEmail}`);
  }

  /** For the CLI: create, or reset the password of, an admin. */
  async upsertAdmin(email: string, password: string): Promise<UserView> {
    const existing = await this.users.findByEmail(email);
    if (!existing) return this.create(SYSTEM_ACTOR, { email, name: 'Administrator', password, role: 'admin' });
    return this.update(SYSTEM_ACTOR, existing.id, {
      password,
      role: 'admin',
      active: true,
      countryCode: null,
      organisationId: null,
    });
  }
}
