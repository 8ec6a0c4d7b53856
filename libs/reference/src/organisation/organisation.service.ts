import { Injectable } from '@nestjs/common';
import { changedFields as changed } from '@cbm/audit';
import { Actor, Clock, decodeCursor, newId, Page, pageOf, Transaction } from '@cbm/core';
import { ReferenceUnitOfWork } from '../reference-unit-of-work';
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
    iatiRef: o.iatiRef,
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
  iatiRef: o.iatiRef,
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
    private readonly uow: ReferenceUnitOfWork,
    private readonly repo: OrganisationRepository,
    private readonly reference: ReferenceService,
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
    return this.uow.run(async (tx) => {
      const acronym = input.acronym.trim();
      if (await tx.organisations.acronymTaken(acronym, null))
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
        iatiRef: input.iatiRef ?? null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await tx.organisations.insert(org);
      tx.audit.record({
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
    return this.uow.run(async (tx) => {
      const current = await tx.organisations.findByIdForUpdate(id);
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
        iatiRef: input.iatiRef !== undefined ? input.iatiRef : current.iatiRef,
      });
      this.checkOrganisation(next.type, next.countryCode);
      if (next.acronym !== current.acronym && (await tx.organisations.acronymTaken(next.acronym, id))) {
        throw ReferenceError('ORGANISATION_ACRONYM_TAKEN', `an organisation with acronym ${next.acronym} exists`, {
          fields: [{ field: 'acronym', message: 'already used' }],
        });
      }
      const diff = changed(auditableOrganisation(current), auditableOrganisation(next));
      if (Object.keys(diff.after).length === 0) return toOrganisationView(current);
      next.updatedAt = this.clock.now();
      if (!(await tx.organisations.update(next, current.version))) {
        throw ReferenceError('ORGANISATION_STALE_VERSION', 'the organisation changed since it was read', {
          currentVersion: current.version,
        });
      }
      next.version = current.version + 1;
      tx.audit.record({
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
    return this.uow.run(async (tx) => {
      // the organisation's row lock queues concurrent edits of its profile
      if (!(await tx.organisations.findByIdForUpdate(id)))
        throw ReferenceError('ORGANISATION_NOT_FOUND', 'organisation not found', { id });
      const current = await tx.organisations.findProfile(id);
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
        if (!(await tx.organisations.updateProfile(next, currentVersion))) {
          throw ReferenceError('CAPABILITY_PROFILE_STALE_VERSION', 'the capability profile changed since it was read', {
            currentVersion,
          });
        }
        tx.audit.record({
          actor,
          action: 'organisation.capability_profile.updated',
          entityType: 'organisation',
          entityId: id,
          ...diff,
        });
      } else {
        await tx.organisations.insertProfile(next);
        tx.audit.record({
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

  // ---- public read API for other libraries: `t`, the caller's transaction ----

  async idByAcronym(acronym: string, t?: Transaction): Promise<string | null> {
    return (await this.reading(t).findByAcronym(acronym))?.id ?? null;
  }

  organisationExists(id: string, t?: Transaction): Promise<boolean> {
    return this.reading(t).exists(id);
  }

  /** Every capability profile with its organisation's name, acronym and type (the partner matcher's input). */
  profiles(t?: Transaction): Promise<ProfileWithOrganisation[]> {
    return this.reading(t).profiles();
  }

  async byIds(ids: string[], t?: Transaction): Promise<OrganisationViewDto[]> {
    return (await this.reading(t).byIds(ids)).map(toOrganisationView);
  }

  /**
   * The repository reading in the caller's transaction `t` (pass it: on the embedded database a read
   * outside the transaction would wait for it), or on the pool.
   */
  private reading(t?: Transaction): OrganisationRepository {
    return t ? this.repo.in(t) : this.repo;
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
