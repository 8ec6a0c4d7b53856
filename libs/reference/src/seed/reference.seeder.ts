import { Injectable, Logger } from '@nestjs/common';
import { Clock, newId, SYSTEM_ACTOR, Transaction } from '@cbm/core';
import { CapabilityProfileEntity } from '../organisation/capability-profile.entity';
import { OrganisationEntity } from '../organisation/organisation.entity';
import { ReferenceTx, ReferenceUnitOfWork } from '../reference-unit-of-work';
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
 * second run writes nothing (and reads the two tables once). Every write is audited as the system.
 */
@Injectable()
export class ReferenceSeeder {
  private readonly logger = new Logger('ReferenceSeeder');

  constructor(
    private readonly uow: ReferenceUnitOfWork,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
  ) {}

  /** In a transaction of its own, or in the caller's `t`. */
  async seed(options: SeedOptions = {}, t?: Transaction): Promise<SeedResult> {
    const work = async (tx: ReferenceTx) => {
      const result: SeedResult = { created: 0, updated: 0, profilesCreated: 0, profilesUpdated: 0 };
      const now = this.clock.now();
      const byAcronym = new Map((await tx.organisations.all()).map((o) => [o.acronym, o]));
      const profiles = new Map((await tx.organisations.allProfiles()).map((p) => [p.organisationId, p]));
      for (const s of SEED_ORGANISATIONS) {
        const org = await this.upsertOrganisation(tx, s, byAcronym.get(s.acronym) ?? null, now, options, result);
        if (s.profile)
          await this.upsertProfile(tx, org.id, s.profile, profiles.get(org.id) ?? null, now, options, result);
      }
      return result;
    };
    const result = await (t ? this.uow.within(t, work) : this.uow.run(work));
    if (result.created + result.updated + result.profilesCreated + result.profilesUpdated > 0) {
      this.logger.log(
        `reference seed: ${result.created} organisations created, ${result.updated} updated, ${result.profilesCreated} profiles created, ${result.profilesUpdated} updated`,
      );
    }
    return result;
  }

  private async upsertOrganisation(
    tx: ReferenceTx,
    s: SeedOrganisation,
    existing: OrganisationEntity | null,
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
      iatiRef: s.iatiRef ?? null,
    };
    if (!existing) {
      const org = Object.assign(new OrganisationEntity(), {
        id: newId(),
        ...wanted,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await tx.organisations.insert(org);
      tx.audit.record({
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
      iatiRef: existing.iatiRef,
    };
    if (JSON.stringify(before) === JSON.stringify(wanted)) return existing;
    const next = Object.assign(new OrganisationEntity(), existing, wanted, { updatedAt: now });
    if (await tx.organisations.update(next, existing.version)) {
      next.version = existing.version + 1;
      tx.audit.record({
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
    tx: ReferenceTx,
    organisationId: string,
    p: SeedProfile,
    existing: CapabilityProfileEntity | null,
    now: Date,
    options: SeedOptions,
    result: SeedResult,
  ): Promise<void> {
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
      await tx.organisations.insertProfile(profile);
      tx.audit.record({
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
    if (await tx.organisations.updateProfile(next, existing.version)) {
      tx.audit.record({
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
