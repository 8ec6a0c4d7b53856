import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FundAllocationEntity } from './allocation.entity';
import { FundMeetingEntity, FundMeetingPackEntity } from '../committee/meeting.entity';

export const DECISION_KINDS = [
  'approved',
  'rejected',
  'recused',
  'suspended',
  'resumed',
  'cancelled',
  'operationally_closed',
  'financially_closed',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * The fund's decision register: every approval, rejection and recusal of the steering committee, of
 * allocations and of their revisions, and every step of a project's life the fund decides (suspension,
 * resumption, cancellation, operational and financial closure).
 */
@Entity('fund_decision')
@Index('ix_fund_decision_allocation', ['allocationId'])
@Index('ix_fund_decision_at', ['decidedAt', 'id'])
@Check('ck_fund_decision_kind_v2', `"kind" IN (${DECISION_KINDS.map((s) => `'${s}'`).join(', ')})`)
export class FundDecisionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => FundAllocationEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_fund_decision_allocation_id' })
  allocation?: FundAllocationEntity;

  /** Set when the decision is on a revision of the allocation's plan (approved or rejected); null for the allocation itself. */
  @Column('uuid', { nullable: true })
  revisionId: string | null;

  @ManyToOne('FundRevisionEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'revision_id', foreignKeyConstraintName: 'fk_fund_decision_revision_id' })
  revision?: object;

  /** One of DECISION_KINDS. */
  @Column('text')
  kind: string;

  @Column('text', { nullable: true })
  decisionRef: string | null;

  @Column('uuid')
  memberId: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_fund_decision_member_id' })
  member?: object;

  @Column('uuid', { nullable: true })
  memberOrganisationId: string | null;

  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'member_organisation_id', foreignKeyConstraintName: 'fk_fund_decision_member_organisation_id' })
  memberOrganisation?: object;

  @Column('text', { default: '' })
  note: string;

  @Column('timestamptz')
  decidedAt: Date;

  /** An approval or rejection taken on a meeting's agenda with a generated pack: the meeting. */
  @Column('uuid', { nullable: true })
  meetingId: string | null;

  @ManyToOne(() => FundMeetingEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_fund_decision_meeting_id' })
  meeting?: FundMeetingEntity;

  /** ... and the pack the members had (its SHA-256 copied beside it, as the decision cites it). */
  @Column('uuid', { nullable: true })
  packId: string | null;

  @ManyToOne(() => FundMeetingPackEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'pack_id', foreignKeyConstraintName: 'fk_fund_decision_pack_id' })
  pack?: FundMeetingPackEntity;

  @Column('char', { length: 64, nullable: true })
  packSha256: string | null;
}
