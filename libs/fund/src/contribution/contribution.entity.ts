import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type EarmarkType = 'none' | 'objectives' | 'country';

/** A pledge by a contributor organisation, with its earmark. Money movements are journal entries. */
@Entity('fund_contribution')
@Index('ix_fund_contribution_contributor', ['contributorId', 'id'])
export class FundContributionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  contributorId: string;

  /** The organisation's type when pledged: member_state, un_entity, ifi, private_sector, foundation, other. */
  @Column('text')
  contributorType: string;

  @Column('date')
  pledgedAt: string;

  @Column('bigint')
  pledgedAmount: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  earmarkType: EarmarkType;

  @Column('int', { array: true, default: () => "'{}'" })
  earmarkObjectives: number[];

  @Column('char', { length: 3, nullable: true })
  earmarkCountry: string | null;

  @Column('text')
  reference: string;

  @Column('uuid')
  createdById: string;

  @Column('timestamptz')
  createdAt: Date;
}
