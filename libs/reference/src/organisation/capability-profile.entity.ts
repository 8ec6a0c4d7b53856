import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import type { ObjectiveCapability } from './organisation-types';

/** What an organisation can bring to a request; read by the hub's partner matcher. */
@Entity('capability_profile')
export class CapabilityProfileEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  @OneToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_capability_profile_organisation' })
  organisation?: OrganisationEntity;

  /** `[{ objective: 1..23, level: 1..3 }]`, one entry per objective. */
  @Column('jsonb')
  objectives: ObjectiveCapability[];

  /** ISO 3166-1 alpha-3 codes of countries with presence. */
  @Column('text', { array: true })
  countries: string[];

  /** M49 regions or sub-regions with presence (e.g. "Africa", "Eastern Africa"). */
  @Column('text', { array: true })
  regions: string[];

  /** snake_case slugs such as `labour_migration`. */
  @Column('text', { array: true })
  thematicAreas: string[];

  @Column('timestamptz')
  updatedAt: Date;

  @Column('int', { default: 1 })
  version: number;
}
