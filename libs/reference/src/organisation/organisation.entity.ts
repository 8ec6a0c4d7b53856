import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ORGANISATION_TYPES, OrganisationType } from './organisation-types';

@Entity('organisation')
@Index('uq_organisation_acronym', ['acronym'], { unique: true })
@Index('ix_organisation_type_name', ['type', 'name', 'id'])
@Index('ix_organisation_name', ['name', 'id'])
@Check('ck_organisation_type', `"type" IN (${ORGANISATION_TYPES.map((t) => `'${t}'`).join(', ')})`)
@Check('ck_organisation_country_code', `"country_code" IS NULL OR "country_code" ~ '^[A-Z]{3}$'`)
@Check('ck_organisation_iati_ref', `"iati_ref" IS NULL OR "iati_ref" ~ '^[A-Z]{2}-[A-Z0-9]+-[^\\s/&|?]+$'`)
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

  /**
   * The organisation's registered IATI organisation identifier (`XM-DAC-47066` for IOM), when it has one;
   * the IATI files cite an organisation by it, and by its name alone without it.
   */
  @Column('text', { nullable: true })
  iatiRef: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('int', { default: 1 })
  version: number;
}
