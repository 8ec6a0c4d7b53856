import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager } from 'typeorm';
import type { RoleScope } from './user-directory';
import { UserEntity } from './user.entity';

@Injectable()
export class UserRepository {
  constructor(private readonly db: Database) {}

  private repo(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(UserEntity);
  }

  findById(id: string, m?: EntityManager): Promise<UserEntity | null> {
    // never findOneBy({ id: undefined }): it matches the first row
    if (!id) return Promise.resolve(null);
    return this.repo(m).findOne({ where: { id } });
  }

  /** The active users among `ids`, each with their e-mail address (for delivering notifications). */
  async activeEmails(ids: string[], m?: EntityManager): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; email: string }[] = await (m ?? this.db.manager).query(
      'SELECT id, email FROM app_user WHERE id = ANY($1::uuid[]) AND active',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.email]));
  }

  findByEmail(email: string, m?: EntityManager): Promise<UserEntity | null> {
    if (!email) return Promise.resolve(null);
    return this.repo(m).findOne({ where: { email: email.toLowerCase() } });
  }

  async insert(u: UserEntity, m: EntityManager): Promise<void> {
    await this.repo(m).insert(u);
  }

  /** Optimistic: only when the version still matches. */
  async update(u: UserEntity, expectedVersion: number, m: EntityManager): Promise<boolean> {
    const res = await this.repo(m)
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

  async touchLogin(id: string, at: Date, m: EntityManager): Promise<void> {
    await this.repo(m).update({ id }, { lastLoginAt: at });
  }

  list(filter: { role?: string; q?: string }, after: string | undefined, limit: number): Promise<UserEntity[]> {
    const qb = this.repo().createQueryBuilder('u').orderBy('u.id', 'ASC').limit(limit);
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.q)
      qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (after) qb.andWhere('u.id > :after', { after });
    return qb.getMany();
  }

  async anyAdmin(m?: EntityManager): Promise<boolean> {
    return (await this.repo(m).count({ where: { role: 'admin', active: true } })) > 0;
  }

  /**
   * The active users of several role scopes in one query (for notifications: the hub officers,
   * a country's focal points, an organisation's officers), each id once.
   */
  async activeIdsOf(m: EntityManager, scopes: RoleScope[]): Promise<string[]> {
    if (!scopes.length) return [];
    const params: unknown[] = [];
    const terms = scopes.map((s) => {
      params.push(s.role);
      let term = `u.role = $${params.length}`;
      if (s.countryCode) term += ` AND u.country_code = $${params.push(s.countryCode)}`;
      if (s.organisationId) term += ` AND u.organisation_id = $${params.push(s.organisationId)}::uuid`;
      return `(${term})`;
    });
    const rows: { id: string }[] = await m.query(
      `SELECT DISTINCT u.id FROM app_user u WHERE u.active AND (${terms.join(' OR ')})`,
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
