import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The public projection: one row per PUBLISHED item, written in the same transaction as
 * publish/archive/edit. Public search, facets, counts and exports read only this table,
 * so drafts cannot leak into them by construction.
 */
@Entity('knowledge_search')
@Index('ix_knowledge_search_doc', ['doc'], { type: 'gin' })
@Index('ix_knowledge_search_head_doc', ['headDoc'], { type: 'gin' })
@Index('ix_knowledge_search_objectives', ['objectives'], { type: 'gin' })
@Index('ix_knowledge_search_countries', ['countries'], { type: 'gin' })
@Index('ix_knowledge_search_regions', ['regions'], { type: 'gin' })
@Index('ix_knowledge_search_organisations', ['organisationIds'], { type: 'gin' })
@Index('ix_knowledge_search_published', ['publishedAt', 'itemId'])
@Index('ix_knowledge_search_kind', ['kind', 'publishedAt'])
export class KnowledgeSearchEntity {
  @PrimaryColumn('uuid')
  itemId: string;

  @Column('text')
  kind: string;

  @Column('text')
  language: string;

  @Column('int')
  year: number;

  @Column('timestamptz')
  publishedAt: Date;

  @Column('int')
  version: number;

  @Column('int', { array: true })
  objectives: number[];

  @Column('text', { array: true })
  countries: string[];

  /** Regions and subregions given plus those of the countries. */
  @Column('text', { array: true })
  regions: string[];

  @Column('uuid', { array: true })
  organisationIds: string[];

  @Column('text')
  title: string;

  @Column('text')
  summary: string;

  /** Markdown stripped to text, for snippets. */
  @Column('text')
  bodyText: string;

  /** The text-search configuration of the item's language (english, french, ...). */
  @Column('text')
  textConfig: string;

  /** Configurations of the item's language and of its translations: a query parsed with one matches only these. */
  @Column('text', { array: true })
  textConfigs: string[];

  /** Weighted: title and translated titles A, summaries B, body C, tags D. */
  @Column('tsvector')
  doc: string;

  /**
   * Titles and summaries (with translations), weighted A and B: small, so ranking a
   * candidate reads this instead of decompressing the whole document.
   */
  @Column('tsvector')
  headDoc: string;

  /** The public JSON of the item (what GET /open/knowledge/{id} and the exports serve). */
  @Column('jsonb')
  payload: Record<string, unknown>;
}

/** Words of published titles and summaries: typo correction looks them up by trigram similarity. */
@Entity('knowledge_term')
// gin_trgm_ops is not expressible in decorators: created in the hand-written migration
@Index('ix_knowledge_term_trgm', { synchronize: false })
export class KnowledgeTermEntity {
  @PrimaryColumn('text')
  word: string;
}
