import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { KnowledgeItemEntity } from './knowledge-item.entity';

/** A reviewer's declaration on an item in review; a declared conflict blocks their review. */
@Entity('knowledge_review')
@Index('uq_knowledge_review_reviewer', ['itemId', 'reviewerId'], { unique: true })
export class KnowledgeReviewEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  itemId: string;

  // relations only declare foreign keys: never loaded, the code reads and writes the id columns
  @ManyToOne(() => KnowledgeItemEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_knowledge_review_item_id' })
  item?: KnowledgeItemEntity;

  @Column('uuid')
  reviewerId: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'reviewer_id', foreignKeyConstraintName: 'fk_knowledge_review_reviewer_id' })
  reviewer?: object;

  @Column('boolean')
  conflictOfInterest: boolean;

  @Column('text', { nullable: true })
  conflictStatement: string | null;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('timestamptz')
  declaredAt: Date;
}
