import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DOCUMENT_PARENT_TYPES, DocumentParentType } from './ports';

/** The bytes of one content, stored once however many documents carry it (content-addressed by SHA-256). */
@Entity('document_blob')
export class DocumentBlobEntity {
  /** Lower-case hex SHA-256 of the content. */
  @PrimaryColumn('varchar', { length: 64 })
  sha256: string;

  @Column('bigint')
  size: string;

  /** The type sniffed from the bytes when the content was first stored. */
  @Column('text')
  mediaType: string;

  @Column('timestamptz')
  createdAt: Date;
}

/**
 * One slice (256 KiB) of a content, in order. While an upload is being written its chunks carry a
 * temporary key (`upload-<uuid>`), renamed to the hash at the end, so there is no foreign key to
 * document_blob; the upload's transaction renames or deletes them before it commits.
 */
@Entity('document_blob_chunk')
export class DocumentBlobChunkEntity {
  @PrimaryColumn('varchar', { length: 64 })
  sha256: string;

  @PrimaryColumn('int')
  seq: number;

  @Column('bytea')
  data: Buffer;
}

/** A file attached to a record of another context (its parent); soft-deleted. */
@Entity('document')
@Index('ix_document_parent', ['parentType', 'parentId'])
@Check('ck_document_parent_type', `"parent_type" IN (${DOCUMENT_PARENT_TYPES.map((t) => `'${t}'`).join(', ')})`)
export class DocumentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  parentType: DocumentParentType;

  @Column('uuid')
  parentId: string;

  /** A label: concept_note, endorsement_letter, contribution_agreement, resource... */
  @Column('text', { nullable: true })
  kind: string | null;

  /** The uploader's file name, sanitised. */
  @Column('text')
  name: string;

  @Column('text')
  mediaType: string;

  @Column('bigint')
  size: string;

  @Column('varchar', { length: 64 })
  sha256: string;

  @ManyToOne(() => DocumentBlobEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'sha256', foreignKeyConstraintName: 'fk_document_sha256' })
  blob?: DocumentBlobEntity;

  @Column('uuid')
  uploadedById: string;

  @ManyToOne('UserEntity', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'uploaded_by_id', foreignKeyConstraintName: 'fk_document_uploaded_by_id' })
  uploadedBy?: object;

  @Column('timestamptz')
  uploadedAt: Date;

  @Column('timestamptz', { nullable: true })
  deletedAt: Date | null;

  @Column('uuid', { nullable: true })
  deletedById: string | null;

  /** Text extracted from PDF and Office files for the personal-data scanner (bounded); null when none. */
  @Column('text', { nullable: true, select: false })
  extractedText: string | null;
}
