import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { KNOWLEDGE_KINDS, KNOWLEDGE_STATUSES, type KnowledgeStatus } from './knowledge-item.workflow';

export interface Translation {
  title: string;
  summary?: string;
}

/** The working copy of a knowledge item, whatever its status. Public reads never touch this table. */
@Entity('knowledge_item')
@Index('uq_knowledge_item_source', ['source', 'sourceId'], { unique: true, where: '"source_id" IS NOT NULL' })
@Index('ix_knowledge_item_status', ['status', 'id'])
@Index('ix_knowledge_item_created_by', ['createdById', 'id'])
@Check('ck_knowledge_item_status', `"status" IN (${KNOWLEDGE_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_knowledge_item_kind', `"kind" IN (${KNOWLEDGE_KINDS.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_knowledge_item_year', `"year" BETWEEN 1900 AND 2100`)
export class KnowledgeItemEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: string;

  @Column('text')
  status: KnowledgeStatus;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  summary: string;

  /** Markdown as written; rendered sanitised on read. */
  @Column('text', { default: '' })
  body: string;

  @Column('int', { array: true, default: () => "'{}'" })
  objectives: number[];

  @Column('text', { array: true, default: () => "'{}'" })
  actions: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  principles: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  countries: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  regions: string[];

  @Column('uuid', { array: true, default: () => "'{}'" })
  organisationIds: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];

  /** ISO 639-1 code of title, summary and body. */
  @Column('text', { default: 'en' })
  language: string;

  /** Title and summary in other languages, keyed by ISO 639-1 code. */
  @Column('jsonb', { default: () => "'{}'" })
  translations: Record<string, Translation>;

  /** Where the item came from: `manual`, `hub`, or an import source such as `gfmd-pfp`. */
  @Column('text', { default: 'manual' })
  source: string;

  @Column('text', { nullable: true })
  sourceId: string | null;

  @Column('text', { nullable: true })
  sourceUrl: string | null;

  @Column('text', { default: 'CC-BY-4.0' })
  licence: string;

  /** Year the practice or evidence refers to; defaults to the year of first publication. */
  @Column('int', { nullable: true })
  year: number | null;

  /**
   * A solution prefilled from a completed request: where it was replicated from. No foreign key:
   * copied from the hub's event (migrations/README.md).
   */
  @Column('uuid', { nullable: true })
  replicatedFromRequestId: string | null;

  @Column('text', { nullable: true })
  replicatedFromReference: string | null;

  /** No foreign key: the system actor, no user row, creates solutions from completed requests. */
  @Column('uuid')
  createdById: string;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne('OrganisationEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_knowledge_item_organisation_id' })
  organisation?: object;

  @Column('uuid', { nullable: true })
  publishedById: string | null;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'published_by_id', foreignKeyConstraintName: 'fk_knowledge_item_published_by_id' })
  publishedBy?: object;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('int')
  version: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
