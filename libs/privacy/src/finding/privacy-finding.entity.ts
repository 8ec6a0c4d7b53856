import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const FINDING_STATUSES = ['open', 'redacted', 'overridden'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * Personal data the detector found in one field of a record (a knowledge item, a request, an answer,
 * a report, a document's text), where it is, masked, and what a reviewer did about it: `open` until
 * the text no longer holds it (`redacted`) or a reviewer keeps it with a reason (`overridden`). The
 * personal data itself is never stored: only its place and its masked excerpt.
 */
@Entity('privacy_finding')
@Index('ix_privacy_finding_subject', ['subjectType', 'subjectId', 'status'])
@Index('ix_privacy_finding_parent', ['parentType', 'parentId', 'status'], { where: 'parent_id IS NOT NULL' })
@Check('ck_privacy_finding_status', `status IN ('open', 'redacted', 'overridden')`)
@Check(
  'ck_privacy_finding_override',
  `status <> 'overridden' OR (override_reason IS NOT NULL AND overridden_by_id IS NOT NULL AND overridden_at IS NOT NULL)`,
)
@Check('ck_privacy_finding_offsets', `start_offset >= 0 AND end_offset > start_offset`)
export class PrivacyFindingEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** The kind of record: `knowledge_item`, `request`, `request_info_answer`, `report`, `document`. */
  @Column('text')
  subjectType: string;

  @Column('uuid')
  subjectId: string;

  /**
   * The record the subject belongs to, when it has one (a document attached to a knowledge item): the
   * parent's findings include its children's, so a passport number in an attached PDF blocks the item.
   */
  @Column('text', { nullable: true })
  parentType: string | null;

  @Column('uuid', { nullable: true })
  parentId: string | null;

  /** The record's version when the finding was last seen, when the record has versions. */
  @Column('integer', { nullable: true })
  subjectVersion: number | null;

  /** The field scanned: `title`, `summary`, `body`, `translations.fr.title`, `text`... */
  @Column('text')
  field: string;

  @Column('text')
  kind: string;

  /** UTF-16 offsets into the field's text when last seen. */
  @Column('integer')
  startOffset: number;

  @Column('integer')
  endOffset: number;

  @Column('text')
  excerpt: string;

  @Column('real')
  confidence: number;

  @Column('text')
  status: FindingStatus;

  @Column('text', { nullable: true })
  overrideReason: string | null;

  // no foreign key: the system actor overrides nothing, but any user id here is a user's
  @Column('uuid', { nullable: true })
  overriddenById: string | null;

  @Column('timestamptz', { nullable: true })
  overriddenAt: Date | null;

  @Column('timestamptz')
  detectedAt: Date;

  /** When the text stopped holding it. */
  @Column('timestamptz', { nullable: true })
  redactedAt: Date | null;
}
