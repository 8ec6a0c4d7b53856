import { Injectable } from '@nestjs/common';
import { isUuid, TransactionalRepository } from '@cbm/core';
import { In } from 'typeorm';
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

/** Organisations and their capability profiles. */
@Injectable()
export class OrganisationRepository extends TransactionalRepository {
  private get orgs() {
    return this.manager.getRepository(OrganisationEntity);
  }

  private get profilesRepo() {
    return this.manager.getRepository(CapabilityProfileEntity);
  }

  findById(id: string): Promise<OrganisationEntity | null> {
    // never findOneBy({ id: undefined }): it matches the first row; a non-UUID would make PostgreSQL throw
    if (!isUuid(id)) return Promise.resolve(null);
    return this.orgs.findOne({ where: { id } });
  }

  /** Locks the row for the rest of the transaction. */
  findByIdForUpdate(id: string): Promise<OrganisationEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.transaction.manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
  }

  findByAcronym(acronym: string): Promise<OrganisationEntity | null> {
    if (!acronym) return Promise.resolve(null);
    return this.orgs.findOne({ where: { acronym } });
  }

  /** Case-insensitive, so "iom" cannot sit beside "IOM". */
  async acronymTaken(acronym: string, exceptId: string | null): Promise<boolean> {
    const qb = this.orgs.createQueryBuilder('o').where('lower(o.acronym) = lower(:a)', { a: acronym });
    if (exceptId) qb.andWhere('o.id <> :id', { id: exceptId });
    return (await qb.getCount()) > 0;
  }

  async exists(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return (await this.orgs.count({ where: { id } })) > 0;
  }

  byIds(ids: string[]): Promise<OrganisationEntity[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return Promise.resolve([]);
    return this.orgs.find({ where: { id: In(valid) }, order: { name: 'ASC', id: 'ASC' } });
  }

  all(): Promise<OrganisationEntity[]> {
    return this.orgs.find({ order: { name: 'ASC', id: 'ASC' } });
  }

  /** Keyset on (name, id). */
  list(
    filter: OrganisationFilter,
    after: { name: string; id: string } | undefined,
    limit: number,
  ): Promise<OrganisationEntity[]> {
    const qb = this.orgs.createQueryBuilder('o').orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(limit);
    if (filter.type) qb.andWhere('o.type = :type', { type: filter.type });
    if (filter.q) qb.andWhere('(o.name ILIKE :q OR o.acronym ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    if (after) qb.andWhere('(o.name > :an OR (o.name = :an AND o.id > :ai))', { an: after.name, ai: after.id });
    return qb.getMany();
  }

  async insert(o: OrganisationEntity): Promise<void> {
    await this.orgs.insert(o);
  }

  /** Optimistic: only when the version still matches. */
  async update(o: OrganisationEntity, expectedVersion: number): Promise<boolean> {
    const res = await this.orgs
      .createQueryBuilder()
      .update()
      .set({
        name: o.name,
        acronym: o.acronym,
        type: o.type,
        countryCode: o.countryCode,
        website: o.website,
        iatiRef: o.iatiRef,
        updatedAt: o.updatedAt,
        version: expectedVersion + 1,
      })
      .where('id = :id AND version = :v', { id: o.id, v: expectedVersion })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  findProfile(organisationId: string): Promise<CapabilityProfileEntity | null> {
    if (!isUuid(organisationId)) return Promise.resolve(null);
    return this.profilesRepo.findOne({ where: { organisationId } });
  }

  /** Every saved profile as stored (the seeder compares them with its own in one read). */
  allProfiles(): Promise<CapabilityProfileEntity[]> {
    return this.profilesRepo.find();
  }

  async insertProfile(p: CapabilityProfileEntity): Promise<void> {
    await this.profilesRepo.insert(p);
  }

  async updateProfile(p: CapabilityProfileEntity, expectedVersion: number): Promise<boolean> {
    const res = await this.profilesRepo
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

  async profiles(): Promise<ProfileWithOrganisation[]> {
    const rows = await this.profilesRepo
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
