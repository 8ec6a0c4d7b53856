import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const REPORT_KINDS = ['progress', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export interface MilestoneUpdate {
  code: string;
  status: 'planned' | 'in_progress' | 'done' | 'delayed';
  note: string;
}

/** A partner's progress or final report on a request in implementation. */
@Entity('request_report')
@Index('ix_request_report_request', ['requestId', 'id'])
@Index('ix_request_report_organisation', ['organisationId', 'kind'])
export class RequestReportEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  @Column('uuid')
  organisationId: string;

  @Column('text')
  kind: ReportKind;

  @Column('text')
  period: string;

  @Column('text')
  narrative: string;

  @Column('jsonb')
  milestoneUpdates: MilestoneUpdate[];

  @Column('text', { nullable: true })
  lessonsLearned: string | null;

  @Column('uuid')
  submittedById: string;

  @Column('timestamptz')
  submittedAt: Date;
}
