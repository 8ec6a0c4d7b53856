import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The steering committee's decision register: every approval, rejection and recusal. */
@Entity('fund_decision')
@Index('ix_fund_decision_allocation', ['allocationId'])
@Index('ix_fund_decision_at', ['decidedAt', 'id'])
export class FundDecisionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  allocationId: string;

  /** approved, rejected, recused */
  @Column('text')
  kind: string;

  @Column('text', { nullable: true })
  decisionRef: string | null;

  @Column('uuid')
  memberId: string;

  @Column('uuid', { nullable: true })
  memberOrganisationId: string | null;

  @Column('text', { default: '' })
  note: string;

  @Column('timestamptz')
  decidedAt: Date;
}
