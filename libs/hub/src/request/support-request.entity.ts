import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RequestStatus } from './support-request.state-machine';

@Entity('support_request')
@Index('uq_support_request_reference', ['reference'], { unique: true })
@Index('ix_support_request_country', ['countryCode', 'id'])
@Index('ix_support_request_status', ['status', 'id'])
@Index('ix_support_request_assignee', ['assigneeId', 'status'])
export class SupportRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Human reference, e.g. CBM-2026-KEN-0007. */
  @Column('text')
  reference: string;

  @Column('char', { length: 3 })
  countryCode: string;

  @Column('text')
  status: RequestStatus;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  summary: string;

  @Column('text', { default: '' })
  expectedResults: string;

  @Column('int', { array: true, default: () => "'{}'" })
  objectives: number[];

  @Column('text', { array: true, default: () => "'{}'" })
  actions: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  principles: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  supportTypes: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  targetGroups: string[];

  @Column('text', { default: '' })
  geographicScope: string;

  @Column('text', { default: '' })
  nationalCounterparts: string;

  @Column('bigint', { nullable: true })
  estimatedBudgetAmount: string | null;

  @Column('char', { length: 3, nullable: true })
  estimatedBudgetCurrency: string | null;

  @Column('date', { nullable: true })
  startDate: string | null;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column('uuid')
  createdById: string;

  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz')
  statusChangedAt: Date;

  @Column('int')
  version: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
