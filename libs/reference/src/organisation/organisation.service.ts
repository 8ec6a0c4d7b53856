import { Injectable } from '@nestjs/common';
import { AuditService, changedFields as changed } from '@cbm/audit';
import { Actor, Clock, Database, decodeCursor, newId, Page, pageOf } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { ReferenceError } from '../reference.errors';
import { ReferenceService } from '../reference.service';
import { CapabilityProfileEntity } from './capability-profile.entity';
import type { CapabilityProfileViewDto, PutCapabilityProfileDto } from './dto/capability-profile.dto';
import type {
  CreateOrganisationDto,
  OrganisationQueryDto,
  OrganisationViewDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationRepository, ProfileWithOrganisation } from './organisation.repository';
import type { OrganisationType } from './organisation-types';

export function toOrganisationView(o: OrganisationEntity): OrganisationViewDto {
  return {
    id: o.id,
    name: o.name,
    acronym: o.acronym,
    type: o.type,
    countryCode: o.countryCode,
    website: o.website,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    version: o.version,
  };
}

export function toProfileView(organisationId: string, p: CapabilityProfileEntity | null): CapabilityProfileViewDto {
  if (!p)
    return {
      organisationId,
      objectives: [],
      countries: [],
      regions: [],
      thematicAreas: [],
      updatedAt: null,
      version: 0,
    };
  return {
    organisationId,
    objectives: p.objectives.map((o) => ({ objective: o.objective, level: o.level })),
    countries: [...p.countries],
    regions: [...p.regions],
    thematicAreas: [...p.thematicAreas],
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

const auditableOrganisation = (o: OrganisationEntity) => ({
  name: o.name,
  acronym: o.acronym,
  type: o.type,
  countryCode: o.countryCode,
  website: o.website,
});
/** jsonb reorders object keys, so objectives are rebuilt in one key order before comparing. */
export const comparableProfile = (
  p: Pick<CapabilityProfileEntity, 'objectives' | 'countries' | 'regions' | 'thematicAreas'>,
) => ({
  objectives: p.objectives.map((o) => ({ objective: o.objective, level: o.level })),
  countries: [...p.countries],
  regions: [...p.regions],
  thematicAreas: [...p.thematicAreas],
});
const auditableProfile = (p: CapabilityProfileEntity | null) => (p ? comparableProfile(p) : null);

type Field = { field: string; message: string };

@Injectable()
export class OrganisationService {
  constructor(
    private readonly db: Database,
    private readonly repo: OrganisationRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: OrganisationQueryDto): Promise<Page<OrganisationViewDto>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor, 2);
    const after = cursor ? { name: String(cursor[0]), id: String(cursor[1]) } : undefined;
    const rows = await this.repo.list({ type: query.type, q: query.q?.trim() || undefined }, after, limit + 1);
    const page = pageOf(rows, limit, (o) => [o.name, o.id]);
    return { items: page.items.map(toOrganisationView), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<OrganisationViewDto> {
    return toOrganisationView(await this.mustFind(id));
  }

  async create(actor: Actor, input: CreateOrganisationDto): Promise<OrganisationViewDto> {
    const countryCode = input.countryCode ?? null;
    this.checkOrganisation(input.type, countryCode);
    return this.db.transaction(async ({ manager: m }) => {
      const acronym = input.acronym.trim();
      if (await this.repo.acronymTaken(acronym, null, m))
        throw ReferenceError('ORGANISATION_ACRONYM_TAKEN', `an organisation with acronym ${acronym} exists`, {
          fields: [{ field: 'acronym', message: 'already used' }],
        });
      const now = this.clock.now();
      const org = Object.assign(new OrganisationEntity(), {
        id: newId(),
        name: input.name.trim(),
        acronym,
        type: input.type,
        countryCode,
        website: input.website ?? null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await this.repo.insert(org, m);
      await this.audit.record(m, {
        actor,
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: org.id,
        before: null,
        after: auditableOrganisation(org),
      });
      return toOrganisationView(org);
    });
  }

  async update(actor: Actor, id: string, input: UpdateOrganisationDto): Promise<OrganisationViewDto> {
    return this.db.transaction(async ({ manager: m }) => {
      const current = await this.repo.findByIdForUpdate(id, m);
      if (!current) throw ReferenceError('ORGANISATION_NOT_FOUND', 'organisation not found', { id });
      if (input.version !== undefined && input.version !== current.version) {
        throw ReferenceError('ORGANISATION_STALE_VERSION', 'the organisation changed since it was read', {
          currentVersion: current.version,
        });
      }
      const next = Object.assign(new OrganisationEntity(), current, {
        name: input.name !== undefined ? input.name.trim() : current.name,
        acronym: input.acronym !== undefined ? input.acronym.trim() : current.acronym,
        type: input.type ?? current.type,
        countryCode: input.countryCode !== undefined ? input.countryCode : current.countryCode,
        website: input.website !== undefined ? input.website : current.website,
      });
      this.checkOrganisation(next.type, next.countryCode);
      if (next.acronym !== current.acronym && (await this.repo.acronymTaken(next.acronym, id, m))) {
        throw ReferenceError('ORGANISATION_ACRONYM_TAKEN', `an organisation with acronym ${next.acronym} exists`, {
          fields: [{ field: 'acronym', message: 'already used' }],
        });
      }
      const diff = changed(auditableOrganisation(current), auditableOrganisation(next));
      if (Object.keys(diff.after).length === 0) return toOrganisationView(current);
      next.updatedAt = this.clock.now();
      if (!(await this.repo.update(next, current.version, m))) {
        throw ReferenceError('ORGANISATION_STALE_VERSION', 'the organisation changed since it was read', {
          currentVersion: current.version,
        });
      }
      next.version = current.version + 1;
      await this.audit.record(m, {
        actor,
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: id,
        ...diff,
      });
      return toOrganisationView(next);
    });
  }

  async getProfile(id: string): Promise<CapabilityProfileViewDto> {
    await this.mustFind(id);
    return toProfileView(id, await this.repo.findProfile(id));
  }

  /** Replaces the profile. Admins may edit any; a partner officer only their own organisation's. */
  async putProfile(actor: Actor, id: string, input: PutCapabilityProfileDto): Promise<CapabilityProfileViewDto> {
    const allowed =
      actor.role === 'admin' ||
      (actor.role === 'partner_officer' && !!actor.organisationId && actor.organisationId === id);
    if (!allowed)
      throw ReferenceError(
        'ORGANISATION_FORBIDDEN',
        "only an administrator or the organisation's own partner officers may edit its capability profile",
      );
    const values = this.normaliseProfile(input);
    return this.db.transaction(async ({ manager: m }) => {
      if (!(await this.repo.findByIdForUpdate(id, m)))
        throw ReferenceError('ORGANISATION_NOT_FOUND', 'organisation not found', { id });
      const current = await this.repo.findProfile(id, m);
      const currentVersion = current?.version ?? 0;
      if (input.version !== undefined && input.version !== currentVersion) {
        throw ReferenceError('CAPABILITY_PROFILE_STALE_VERSION', 'the capability profile changed since it was read', {
          currentVersion,
        });
      }
      const next = Object.assign(new CapabilityProfileEntity(), {
        organisationId: id,
        ...values,
        updatedAt: this.clock.now(),
        version: currentVersion + 1,
      });
      if (current) {
        const diff = changed(auditableProfile(current) ?? {}, auditableProfile(next) ?? {});
        if (Object.keys(diff.after).length === 0) return toProfileView(id, current);
        if (!(await this.repo.updateProfile(next, currentVersion, m))) {
          throw ReferenceError('CAPABILITY_PROFILE_STALE_VERSION', 'the capability profile changed since it was read', {
            currentVersion,
          });
        }
        await this.audit.record(m, {
          actor,
          action: 'organisation.capability_profile.updated',
          entityType: 'organisation',
          entityId: id,
          ...diff,
        });
      } else {
        await this.repo.insertProfile(next, m);
        await this.audit.record(m, {
          actor,
          action: 'organisation.capability_profile.created',
          entityType: 'organisation',
          entityId: id,
          before: null,
          after: auditableProfile(next),
        });
      }
      return toProfileView(id, next);
    });
  }

  // ---- public read API for other libraries ----

  async idByAcronym(acronym: string, m?: EntityManager): Promise<string | null> {
    return (await this.repo.findByAcronym(acronym, m))?.id ?? null;
  }

  organisationExists(id: string, m?: EntityManager): Promise<boolean> {
    return this.repo.exists(id, m);
  }

  /** Every capability profile with its organisation's name, acronym and type (the partner matcher's input). */
  profiles(m?: EntityManager): Promise<ProfileWithOrganisation[]> {
    return this.repo.profiles(m);
  }

  async byIds(ids: string[], m?: EntityManager): Promise<OrganisationViewDto[]> {
    return (await this.repo.byIds(ids, m)).map(toOrganisationView);
  }

  // ---- rules ----

  private async mustFind(id: string): Promise<OrganisationEntity> {
    const org = await this.repo.findById(id);
    if (!org) throw ReferenceError('ORGANISATION_NOT_FOUND', 'organisation not found', { id });
    return org;
  }

  private checkOrganisation(type: OrganisationType, countryCode: string | null): void {
    if (countryCode !== null && !this.reference.isCountry(countryCode)) {
      throw ReferenceError('ORGANISATION_INVALID', `unknown country ${countryCode}`, {
        fields: [{ field: 'countryCode', message: 'not an ISO 3166-1 alpha-3 code we know' }],
      });
    }
    if (type === 'member_state' && countryCode === null) {
      throw ReferenceError('ORGANISATION_INVALID', 'a member_state needs its countryCode', {
        fields: [{ field: 'countryCode', message: 'required for a member_state' }],
      });
    }
  }

  /** Validates against the reference data, removes duplicates and sorts, so equal profiles compare equal. */
  normaliseProfile(input: Pick<PutCapabilityProfileDto, 'objectives' | 'countries' | 'regions' | 'thematicAreas'>) {
    const fields: Field[] = [];
    const seen = new Set<number>();
    input.objectives.forEach((o, i) => {
      if (!this.reference.isObjective(o.objective))
        fields.push({ field: `objectives.${i}.objective`, message: 'not a GCM objective (1-23)' });
      else if (seen.has(o.objective))
        fields.push({ field: `objectives.${i}.objective`, message: `objective ${o.objective} is listed twice` });
      seen.add(o.objective);
    });
    input.countries.forEach((c, i) => {
      if (!this.reference.isCountry(c))
        fields.push({ field: `countries.${i}`, message: `${c} is not an ISO 3166-1 alpha-3 code we know` });
    });
    input.regions.forEach((r, i) => {
      if (!this.reference.isRegion(r))
        fields.push({ field: `regions.${i}`, message: `${r} is not a UN M49 region or sub-region` });
    });
    if (fields.length)
      throw ReferenceError('CAPABILITY_PROFILE_INVALID', fields.map((f) => `${f.field}: ${f.message}`).join('; '), {
        fields,
      });
    return {
      objectives: [...input.objectives]
        .sort((a, b) => a.objective - b.objective)
        .map((o) => ({ objective: o.objective, level: o.level })),
      countries: [...new Set(input.countries)].sort(),
      regions: [...new Set(input.regions)].sort(),
      thematicAreas: [...new Set(input.thematicAreas)].sort(),
    };
  }
}
