import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SupportRequestEntity } from '../request/support-request.entity';

export const LINK_TARGETS = ['knowledge_item', 'request'] as const;
export const LINK_RELATIONS = ['replicated_from', 'related'] as const;
export type LinkTarget = (typeof LINK_TARGETS)[number];
export type LinkRelation = (typeof LINK_RELATIONS)[number];

/** A solution the hub linked to a request: a knowledge item or an earlier request it replicates or relates to. */
@Entity('request_link')
@Index('uq_request_link_target', ['requestId', 'targetType', 'targetId'], { unique: true })
@Check('ck_request_link_target_type', `"target_type" IN (${LINK_TARGETS.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_request_link_relation', `"relation" IN (${LINK_RELATIONS.map((s) => `'${s}'`).join(', ')})`)
export class RequestLinkEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  requestId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => SupportRequestEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_request_link_request_id' })
  request?: SupportRequestEntity;

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

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_request_link_created_by_id' })
  createdBy?: object;

  @Column('timestamptz')
  createdAt: Date;
}
