import { CapabilityProfileEntity } from './organisation/capability-profile.entity';
import { OrganisationEntity } from './organisation/organisation.entity';

export * from './reference.module';
export * from './reference.service';
export * from './reference.errors';
export * from './reference.dto';
export * from './data/gcm';
export type { Country } from './data/countries';
export type { Currency } from './data/currencies';
export * from './data/assessment-criteria';
export * from './organisation/organisation-types';
export { OrganisationService, toOrganisationView, toProfileView } from './organisation/organisation.service';
export type { ProfileWithOrganisation } from './organisation/organisation.repository';
export * from './organisation/dto/organisation.dto';
export * from './organisation/dto/capability-profile.dto';
export { ReferenceSeeder } from './seed/reference.seeder';
export type { SeedResult, SeedOptions } from './seed/reference.seeder';

export const REFERENCE_ENTITIES = [OrganisationEntity, CapabilityProfileEntity];
