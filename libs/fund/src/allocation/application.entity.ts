import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { APPLICATION_STATUSES, type ApplicationStatus } from './application.workflow';

/**
 * A funding application filed by the hub for a request in set-up. It keeps the request's facts
 * (country, objectives, organisations) as the fund's projection of the request.
 */
@Entity('fund_application')
@Index('uq_fund_application_request', ['requestId'], { unique: true })
@Check('ck_fund_application_status', `"status" IN (${APPLICATION_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_fund_application_amount', `"amount" > 0 AND "currency" ~ '^[A-Z]{3}$'`)
@Check('ck_fund_application_country_code', `"country_code" ~ '^[A-Z]{3}$'`)
export class FundApplicationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne('SupportRequestEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_fund_application_request_id' })
  request?: object;

  @Column('text')
  requestReference: string;

  @Column('text')
  title: string;

  @Column('text')
  requestStatus: string;

  @Column('char', { length: 3 })
  countryCode: string;

  @Column('int', { array: true, default: () => "'{}'" })
  objectives: number[];

  @Column('uuid', { nullable: true })
  leadOrganisationId: string | null;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'lead_organisation_id', foreignKeyConstraintName: 'fk_fund_application_lead_organisation_id' })
  leadOrganisation?: object;

  @Column('uuid', { array: true, default: () => "'{}'" })
  organisationIds: string[];

  @Column('bigint')
  amount: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  justification: string;

  @Column('text')
  status: ApplicationStatus;

  @Column('uuid')
  createdById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_fund_application_created_by_id' })
  createdBy?: object;

  @Column('timestamptz')
  createdAt: Date;

  /** Counts the application's workflow steps; its status writes are guarded by it. */
  @Column('int', { default: 1 })
  version: number;
}
