import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ORGANISATION_TYPES, OrganisationType } from './organisation-types';

@Entity('organisation')
@Index('uq_organisation_acronym', ['acronym'], { unique: true })
@Index('ix_organisation_type_name', ['type', 'name', 'id'])
@Index('ix_organisation_name', ['name', 'id'])
@Check('ck_organisation_type', `"type" IN (${ORGANISATION_TYPES.map((t) => `'${t}'`).join(', ')})`)
@Check('ck_organisation_country_code', `"country_code" IS NULL OR "country_code" ~ '^[A-Z]{3}$'`)
export class OrganisationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Unique; the seed upserts by it. */
  @Column('text')
  acronym: string;

  @Column('text')
  type: OrganisationType;

  /** ISO 3166-1 alpha-3; set for Member States. */
  @Column('char', { length: 3, nullable: true })
  countryCode: string | null;

  @Column('text', { nullable: true })
  website: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('int', { default: 1 })
  version: number;
}
