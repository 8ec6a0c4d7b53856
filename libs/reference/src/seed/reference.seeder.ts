import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@cbm/audit';
import { Clock, newId, SYSTEM_ACTOR } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { CapabilityProfileEntity } from '../organisation/capability-profile.entity';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { OrganisationRepository } from '../organisation/organisation.repository';
import { comparableProfile, OrganisationService } from '../organisation/organisation.service';
import type { CapabilityLevel } from '../organisation/organisation-types';
import { SEED_ORGANISATIONS, SeedOrganisation, SeedProfile } from './organisations.seed';

export interface SeedResult {
  created: number;
  updated: number;
  profilesCreated: number;
  profilesUpdated: number;
}

export interface SeedOptions {
  /**
   * Also bring existing organisations and profiles back to the seed's values.
   * Off by default: what an administrator or a partner changed survives restarts.
   */
  overwrite?: boolean;
}

export function seedProfileValues(p: SeedProfile) {
  return {
    objectives: Object.entries(p.objectives).map(([objective, level]) => ({
      objective: Number(objective),
      level: level as CapabilityLevel,
    })),
    countries: p.countries,
    regions: p.regions,
    thematicAreas: p.thematicAreas,
  };
}

/**
 * Upserts the organisations of the UN Network on Migration, IFIs and donors by
 * acronym, with their capability profiles. Idempotent: safe at every start; a
 * second run writes nothing. Every write is audited as the system.
 */
@Injectable()
export class ReferenceSeeder {
  private readonly logger = new Logger('ReferenceSeeder');

  constructor(
    private readonly repo: OrganisationRepository,
    private readonly organisations: OrganisationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async seed(m: EntityManager, options: SeedOptions = {}): Promise<SeedResult> {
    const result: SeedResult = { created: 0, updated: 0, profilesCreated: 0, profilesUpdated: 0 };
    const now = this.clock.now();
    for (const s of SEED_ORGANISATIONS) {
      const org = await this.upsertOrganisation(m, s, now, options, result);
      if (s.profile) await this.upsertProfile(m, org.id, s.profile, now, options, result);
    }
    if (result.created + result.updated + result.profilesCreated + result.profilesUpdated > 0) {
      this.logger.log(
        `reference seed: ${result.created} organisations created, ${result.updated} updated, ${result.profilesCreated} profiles created, ${result.profilesUpdated} updated`,
      );
    }
    return result;
  }

  private async upsertOrganisation(
    m: EntityManager,
    s: SeedOrganisation,
    now: Date,
    options: SeedOptions,
    result: SeedResult,
  ): Promise<OrganisationEntity> {
    const wanted = {
      name: s.name,
      acronym: s.acronym,
      type: s.type,
      countryCode: s.countryCode ?? null,
      website: s.website ?? null,
    };
    const existing = await this.repo.findByAcronym(s.acronym, m);
    if (!existing) {
      const org = Object.assign(new OrganisationEntity(), {
        id: newId(),
        ...wanted,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await this.repo.insert(org, m);
      await this.audit.record(m, {
        actor: SYSTEM_ACTOR,
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: org.id,
        before: null,
        after: wanted,
      });
      result.created++;
      return org;
    }
    if (!options.overwrite) return existing;
    const before = {
      name: existing.name,
      acronym: existing.acronym,
      type: existing.type,
      countryCode: existing.countryCode,
      website: existing.website,
    };
    if (JSON.stringify(before) === JSON.stringify(wanted)) return existing;
    const next = Object.assign(new OrganisationEntity(), existing, wanted, { updatedAt: now });
    if (await this.repo.update(next, existing.version, m)) {
      next.version = existing.version + 1;
      await this.audit.record(m, {
        actor: SYSTEM_ACTOR,
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: existing.id,
        before,
        after: wanted,
      });
      result.updated++;
    }
    return next;
  }

  private async upsertProfile(
    m: EntityManager,
    organisationId: string,
    p: SeedProfile,
    now: Date,
    options: SeedOptions,
    result: SeedResult,
  ): Promise<void> {
    const existing = await this.repo.findProfile(organisationId, m);
    if (existing && !options.overwrite) return;
    // the same validation and normal form as a PUT, so seeded profiles compare equal to edited ones
    const values = this.organisations.normaliseProfile(seedProfileValues(p));
    if (!existing) {
      const profile = Object.assign(new CapabilityProfileEntity(), {
        organisationId,
        ...values,
        updatedAt: now,
        version: 1,
      });
      await this.repo.insertProfile(profile, m);
      await this.audit.record(m, {
        actor: SYSTEM_ACTOR,
        action: 'organisation.capability_profile.created',
        entityType: 'organisation',
        entityId: organisationId,
        before: null,
        after: values,
      });
      result.profilesCreated++;
      return;
    }
    const before = comparableProfile(existing);
    if (JSON.stringify(before) === JSON.stringify(values)) return;
    const next = Object.assign(new CapabilityProfileEntity(), {
      organisationId,
      ...values,
      updatedAt: now,
      version: existing.version + 1,
    });
    if (await this.repo.updateProfile(next, existing.version, m)) {
      await this.audit.record(m, {
        actor: SYSTEM_ACTOR,
        action: 'organisation.capability_profile.updated',
        entityType: 'organisation',
        entityId: organisationId,
        before,
        after: values,
      });
      result.profilesUpdated++;
    }
  }
}
