import { Injectable } from '@nestjs/common';
import { TransactionalRepository } from '@cbm/core';
import type { RoleScope } from './user-directory';
import { UserEntity } from './user.entity';

/** Users (`app_user`). */
@Injectable()
export class UserRepository extends TransactionalRepository {
  private get users() {
    return this.manager.getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    // never findOneBy({ id: undefined }): it matches the first row
    if (!id) return Promise.resolve(null);
    return this.users.findOne({ where: { id } });
  }

  /** The active users among `ids`, each with their e-mail address (for delivering notifications). */
  async activeEmails(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; email: string }[] = await this.manager.query(
      'SELECT id, email FROM app_user WHERE id = ANY($1::uuid[]) AND active',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.email]));
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    if (!email) return Promise.resolve(null);
    return this.users.findOne({ where: { email: email.toLowerCase() } });
  }

  async insert(u: UserEntity): Promise<void> {
    await this.users.insert(u);
  }

  /** Optimistic: only when the version still matches. */
  async update(u: UserEntity, expectedVersion: number): Promise<boolean> {
    const res = await this.users
      .createQueryBuilder()
      .update()
      .set({
        name: u.name,
        role: u.role,
        countryCode: u.countryCode,
        organisationId: u.organisationId,
        active: u.active,
        passwordHash: u.passwordHash,
        updatedAt: u.updatedAt,
        version: expectedVersion + 1,
      })
      .where('id = :id AND version = :v', { id: u.id, v: expectedVersion })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Erasure: the pseudonym for the name and e-mail, deactivated, a password nobody knows. */
  async erase(u: Pick<UserEntity, 'id' | 'email' | 'name' | 'passwordHash' | 'updatedAt'>): Promise<void> {
    await this.manager.query(
      `UPDATE app_user SET email = $2, name = $3, password_hash = $4, active = false, last_login_at = NULL,
              erased_at = $5, updated_at = $5, version = version + 1 WHERE id = $1`,
      [u.id, u.email, u.name, u.passwordHash, u.updatedAt],
    );
  }

  async touchLogin(id: string, at: Date): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: at });
  }

  list(filter: { role?: string; q?: string }, after: string | undefined, limit: number): Promise<UserEntity[]> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.id', 'ASC').limit(limit);
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.q)
      qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (after) qb.andWhere('u.id > :after', { after });
    return qb.getMany();
  }

  async anyAdmin(): Promise<boolean> {
    return (await this.users.count({ where: { role: 'admin', active: true } })) > 0;
  }

  /**
   * The active users of several role scopes in one query (the hub officers, a country's focal
   * points, an organisation's officers), each id once.
   */
  async activeIdsOf(scopes: RoleScope[]): Promise<string[]> {
    if (!scopes.length) return [];
    const params: unknown[] = [];
    const rows: { id: string }[] = await this.manager.query(
      `SELECT DISTINCT p.id FROM (${this.activeIdsSql(scopes, (v) => `$${params.push(v)}`)}) p`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /**
   * The same audience as a subquery (`SELECT id ...`) for a statement that resolves it itself
   * (the notifications a transaction writes); `bind` adds a parameter.
   */
  activeIdsSql(scopes: RoleScope[], bind: (value: unknown) => string): string {
    if (!scopes.length) return 'SELECT NULL::uuid AS id WHERE false';
    const terms = scopes.map((s) => {
      let term = `u.role = ${bind(s.role)}::text`;
      if (s.countryCode) term += ` AND u.country_code = ${bind(s.countryCode)}::text`;
      if (s.organisationId) term += ` AND u.organisation_id = ${bind(s.organisationId)}::uuid`;
      return `(${term})`;
    });
    return `SELECT u.id FROM app_user u WHERE u.active AND (${terms.join(' OR ')})`;
  }
}
