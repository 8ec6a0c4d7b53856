import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { KnowledgeStatus } from './knowledge-item.workflow';

export interface Translation {
  title: string;
  summary?: string;
}

/** The working copy of a knowledge item, whatever its status. Public reads never touch this table. */
@Entity('knowledge_item')
@Index('uq_knowledge_item_source', ['source', 'sourceId'], { unique: true, where: '"source_id" IS NOT NULL' })
@Index('ix_knowledge_item_status', ['status', 'id'])
@Index('ix_knowledge_item_created_by', ['createdById', 'id'])
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

  /** A solution prefilled from a completed request: where it was replicated from. */
  @Column('uuid', { nullable: true })
  replicatedFromRequestId: string | null;

  @Column('text', { nullable: true })
  replicatedFromReference: string | null;

  @Column('uuid')
  createdById: string;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('uuid', { nullable: true })
  publishedById: string | null;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('int')
  version: number;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
