import { Injectable } from '@nestjs/common';
import type { Role, Transaction } from '@cbm/core';
import { UserRepository } from './user.repository';

/** Active users of a role, narrowed to a country or an organisation when given. */
export interface RoleScope {
  role: Role;
  countryCode?: string;
  organisationId?: string;
}

/** A user as the other contexts see one: no e-mail address, password hash or version. */
export interface Person {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  countryCode: string | null;
  organisationId: string | null;
}

/**
 * The other contexts' way to auth's users (who someone is, who holds a role, where to write to them),
 * so that none of them reads UserRepository or UserEntity.
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UserRepository) {}

  /** Someone, read in transaction `t` when given. */
  async person(id: string, t?: Transaction): Promise<Person | null> {
    const u = await (t ? this.users.in(t) : this.users).findById(id);
    if (!u) return null;
    const { name, role, active, countryCode, organisationId } = u;
    return { id: u.id, name, role, active, countryCode, organisationId };
  }

  /** The active users of several role scopes in one query, each id once. */
  activeIdsOf(scopes: RoleScope[], t?: Transaction): Promise<string[]> {
    return (t ? this.users.in(t) : this.users).activeIdsOf(scopes);
  }

  /**
   * The same audience as a subquery (`SELECT id ...`), for a statement that resolves it itself (the
   * notifications a transaction writes); `bind` adds a parameter and answers its placeholder.
   */
  activeIdsSql(scopes: RoleScope[], bind: (value: unknown) => string): string {
    return this.users.activeIdsSql(scopes, bind);
  }

  /** The active users among `ids`, each with their e-mail address. */
  activeEmails(ids: string[], t?: Transaction): Promise<Map<string, string>> {
    return (t ? this.users.in(t) : this.users).activeEmails(ids);
  }
}
