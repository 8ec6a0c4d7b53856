import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { KnowledgeItemEntity } from './knowledge-item.entity';

/** One row per write of an item: the full snapshot, so any two versions can be compared. */
@Entity('knowledge_item_version')
@Index('uq_knowledge_item_version', ['itemId', 'version'], { unique: true })
@Check('ck_knowledge_item_version_version', `"version" >= 1`)
export class KnowledgeItemVersionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  itemId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => KnowledgeItemEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_knowledge_item_version_item_id' })
  item?: KnowledgeItemEntity;

  @Column('int')
  version: number;

  /** created, updated, imported, or the workflow action. */
  @Column('text')
  change: string;

  @Column('jsonb')
  snapshot: Record<string, unknown>;

  /** No foreign key: may be the system actor, which is no user row. */
  @Column('uuid')
  actorId: string;

  @Column('timestamptz')
  at: Date;
}
