import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApplicationStatus } from './application.workflow';

/**
 * A funding application filed by the hub for a request in set-up. It keeps the request's facts
 * (country, objectives, organisations) as the fund's projection of the request.
 */
@Entity('fund_application')
@Index('uq_fund_application_request', ['requestId'], { unique: true })
export class FundApplicationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

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

  @Column('timestamptz')
  createdAt: Date;

  /** Counts the application's workflow steps; its status writes are guarded by it. */
  @Column('int', { default: 1 })
  version: number;
}
