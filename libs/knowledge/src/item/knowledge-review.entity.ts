import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A reviewer's declaration on an item in review; a declared conflict blocks their review. */
@Entity('knowledge_review')
@Index('uq_knowledge_review_reviewer', ['itemId', 'reviewerId'], { unique: true })
export class KnowledgeReviewEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  itemId: string;

  @Column('uuid')
  reviewerId: string;

  @Column('boolean')
  conflictOfInterest: boolean;

  @Column('text', { nullable: true })
  conflictStatement: string | null;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('timestamptz')
  declaredAt: Date;
}
