import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ROLES, type Role } from '@cbm/core';
import { UserView } from '../dto/auth.dto';

/** The wire shape lives with the DTOs (it is also the OpenAPI schema). */
export { UserView };

@Entity('app_user')
@Index('uq_app_user_email', ['email'], { unique: true })
@Index('ix_app_user_role', ['role'])
@Check('ck_app_user_role', `"role" IN (${ROLES.map((r) => `'${r}'`).join(', ')})`)
@Check('ck_app_user_country_code', `"country_code" IS NULL OR "country_code" ~ '^[A-Z]{3}$'`)
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Stored lower-cased. */
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  passwordHash: string;

  @Column('text')
  role: Role;

  @Column('char', { length: 3, nullable: true })
  countryCode: string | null;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_app_user_organisation_id' })
  organisation?: object;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('timestamptz', { nullable: true })
  lastLoginAt: Date | null;

  /** Set by erasure (name and e-mail replaced by a pseudonym): the account can no longer be changed or reactivated. */
  @Column('timestamptz', { nullable: true })
  erasedAt: Date | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @Column('int', { default: 1 })
  version: number;
}

export function toUserView(u: UserEntity): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    countryCode: u.countryCode,
    organisationId: u.organisationId,
    active: u.active,
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
    erasedAt: u.erasedAt ? u.erasedAt.toISOString() : null,
  };
}
