import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ORGANISATION_TYPES } from '@cbm/reference';

export const EARMARK_TYPES = ['none', 'objectives', 'country'] as const;
export type EarmarkType = (typeof EARMARK_TYPES)[number];

/** A pledge by a contributor organisation, with its earmark. Money movements are journal entries. */
@Entity('fund_contribution')
@Index('ix_fund_contribution_contributor', ['contributorId', 'id'])
@Check('ck_fund_contribution_amount', `"pledged_amount" > 0 AND "currency" ~ '^[A-Z]{3}$'`)
@Check(
  'ck_fund_contribution_earmark',
  `"earmark_type" IN (${EARMARK_TYPES.map((s) => `'${s}'`).join(', ')}) AND ("earmark_type" = 'country') = ("earmark_country" IS NOT NULL) AND ("earmark_country" IS NULL OR "earmark_country" ~ '^[A-Z]{3}$')`,
)
@Check(
  'ck_fund_contribution_contributor_type',
  `"contributor_type" IN (${ORGANISATION_TYPES.map((s) => `'${s}'`).join(', ')})`,
)
export class FundContributionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  contributorId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'contributor_id', foreignKeyConstraintName: 'fk_fund_contribution_contributor_id' })
  contributor?: object;

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

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_fund_contribution_created_by_id' })
  createdBy?: object;

  @Column('timestamptz')
  createdAt: Date;
}
