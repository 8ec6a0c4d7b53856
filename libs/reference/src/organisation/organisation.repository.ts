import { Injectable } from '@nestjs/common';
import { Database, isUuid } from '@cbm/core';
import { EntityManager, In } from 'typeorm';
import { CapabilityProfileEntity } from './capability-profile.entity';
import { OrganisationEntity } from './organisation.entity';
import type { ObjectiveCapability, OrganisationType } from './organisation-types';

export interface OrganisationFilter {
  type?: OrganisationType;
  q?: string;
}

/** A capability profile with the organisation it belongs to, for the partner matcher. */
export interface ProfileWithOrganisation {
  organisationId: string;
  name: string;
  acronym: string;
  type: OrganisationType;
  objectives: ObjectiveCapability[];
  countries: string[];
  regions: string[];
  thematicAreas: string[];
  updatedAt: Date;
  version: number;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

@Injectable()
export class OrganisationRepository {
  constructor(private readonly db: Database) {}

  private orgs(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(OrganisationEntity);
  }

  private profilesRepo(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(CapabilityProfileEntity);
  }

  findById(id: string, m?: EntityManager): Promise<OrganisationEntity | null> {
    // never findOneBy({ id: undefined }): it matches the first row; a non-UUID would make PostgreSQL throw
    if (!isUuid(id)) return Promise.resolve(null);
    return this.orgs(m).findOne({ where: { id } });
  }

  /** Locks the row for the rest of the transaction. */
  findByIdForUpdate(id: string, m: EntityManager): Promise<OrganisationEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.orgs(m).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id }).getOne();
  }

  findByAcronym(acronym: string, m?: EntityManager): Promise<OrganisationEntity | null> {
    if (!acronym) return Promise.resolve(null);
    return this.orgs(m).findOne({ where: { acronym } });
  }

  /** Case-insensitive, so "iom" cannot sit beside "IOM". */
  async acronymTaken(acronym: string, exceptId: string | null, m?: EntityManager): Promise<boolean> {
    const qb = this.orgs(m).createQueryBuilder('o').where('lower(o.acronym) = lower(:a)', { a: acronym });
    if (exceptId) qb.andWhere('o.id <> :id', { id: exceptId });
    return (await qb.getCount()) > 0;
  }

  async exists(id: string, m?: EntityManager): Promise<boolean> {
    if (!isUuid(id)) return false;
    return (await this.orgs(m).count({ where: { id } })) > 0;
  }

  byIds(ids: string[], m?: EntityManager): Promise<OrganisationEntity[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return Promise.resolve([]);
    return this.orgs(m).find({ where: { id: In(valid) }, order: { name: 'ASC', id: 'ASC' } });
  }

  all(m?: EntityManager): Promise<OrganisationEntity[]> {
    return this.orgs(m).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  /** Keyset on (name, id). */
  list(
    filter: OrganisationFilter,
    after: { name: string; id: string } | undefined,
    limit: number,
    m?: EntityManager,
  ): Promise<OrganisationEntity[]> {
    const qb = this.orgs(m).createQueryBuilder('o').orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(limit);
    if (filter.type) qb.andWhere('o.type = :type', { type: filter.type });
    if (filter.q) qb.andWhere('(o.name ILIKE :q OR o.acronym ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    if (after) qb.andWhere('(o.name > :an OR (o.name = :an AND o.id > :ai))', { an: after.name, ai: after.id });
    return qb.getMany();
  }

  async insert(o: OrganisationEntity, m: EntityManager): Promise<void> {
    await this.orgs(m).insert(o);
  }

  /** Optimistic: only when the version still matches. */
  async update(o: OrganisationEntity, expectedVersion: number, m: EntityManager): Promise<boolean> {
    const res = await this.orgs(m)
      .createQueryBuilder()
      .update()
      .set({
        name: o.name,
        acronym: o.acronym,
        type: o.type,
        countryCode: o.countryCode,
        website: o.website,
        updatedAt: o.updatedAt,
        version: expectedVersion + 1,
      })
      .where('id = :id AND version = :v', { id: o.id, v: expectedVersion })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  findProfile(organisationId: string, m?: EntityManager): Promise<CapabilityProfileEntity | null> {
    if (!isUuid(organisationId)) return Promise.resolve(null);
    return this.profilesRepo(m).findOne({ where: { organisationId } });
  }

  async insertProfile(p: CapabilityProfileEntity, m: EntityManager): Promise<void> {
    await this.profilesRepo(m).insert(p);
  }

  async updateProfile(p: CapabilityProfileEntity, expectedVersion: number, m: EntityManager): Promise<boolean> {
    const res = await this.profilesRepo(m)
      .createQueryBuilder()
      .update()
      .set({
        objectives: p.objectives,
        countries: p.countries,
        regions: p.regions,
        thematicAreas: p.thematicAreas,
        updatedAt: p.updatedAt,
        version: expectedVersion + 1,
      })
      .where('organisation_id = :id AND version = :v', { id: p.organisationId, v: expectedVersion })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  async profiles(m?: EntityManager): Promise<ProfileWithOrganisation[]> {
    const rows = await this.profilesRepo(m)
      .createQueryBuilder('p')
      .innerJoin(OrganisationEntity, 'o', 'o.id = p.organisationId')
      .select([
        'p.organisationId AS "organisationId"',
        'o.name AS "name"',
        'o.acronym AS "acronym"',
        'o.type AS "type"',
        'p.objectives AS "objectives"',
        'p.countries AS "countries"',
        'p.regions AS "regions"',
        'p.thematicAreas AS "thematicAreas"',
        'p.updatedAt AS "updatedAt"',
        'p.version AS "version"',
      ])
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getRawMany<ProfileWithOrganisation>();
    return rows.map((r) => ({
      ...r,
      objectives: r.objectives.map((o) => ({ objective: o.objective, level: o.level })),
      updatedAt: new Date(r.updatedAt),
      version: Number(r.version),
    }));
  }
}
