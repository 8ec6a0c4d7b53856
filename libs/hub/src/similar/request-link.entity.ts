import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const LINK_TARGETS = ['knowledge_item', 'request'] as const;
export const LINK_RELATIONS = ['replicated_from', 'related'] as const;
export type LinkTarget = (typeof LINK_TARGETS)[number];
export type LinkRelation = (typeof LINK_RELATIONS)[number];

/** A solution the hub linked to a request: a knowledge item or an earlier request it replicates or relates to. */
@Entity('request_link')
@Index('uq_request_link_target', ['requestId', 'targetType', 'targetId'], { unique: true })
export class RequestLinkEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  @Column('text')
  targetType: LinkTarget;

  @Column('uuid')
  targetId: string;

  @Column('text')
  relation: LinkRelation;

  @Column('text', { default: '' })
  note: string;

  @Column('uuid')
  createdById: string;

  @Column('timestamptz')
  createdAt: Date;
}
