import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per write of an item: the full snapshot, so any two versions can be compared. */
@Entity('knowledge_item_version')
@Index('uq_knowledge_item_version', ['itemId', 'version'], { unique: true })
export class KnowledgeItemVersionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  itemId: string;

  @Column('int')
  version: number;

  /** created, updated, imported, or the workflow action. */
  @Column('text')
  change: string;

  @Column('jsonb')
  snapshot: Record<string, unknown>;

  @Column('uuid')
  actorId: string;

  @Column('timestamptz')
  at: Date;
}
