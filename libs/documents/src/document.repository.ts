import { Injectable } from '@nestjs/common';
import { Database, EntityRows, TransactionalRepository } from '@cbm/core';
import { DocumentEntity } from './document.entity';
import { DocumentParent } from './ports';

/** Every query on documents and their content-addressed bytes. */
@Injectable()
export class DocumentRepository extends TransactionalRepository {
  private readonly rows: EntityRows<DocumentEntity>;

  constructor(db: Database) {
    super(db);
    this.rows = new EntityRows(db.dataSource, DocumentEntity, 'd');
  }

  /** One slice of an upload in progress, under its temporary key. */
  async writeChunk(key: string, seq: number, data: Buffer): Promise<void> {
    await this.manager.query(`INSERT INTO document_blob_chunk (sha256, seq, data) VALUES ($1, $2, $3)`, [
      key,
      seq,
      data,
    ]);
  }

  /**
   * Files the upload under its hash: a new content keeps its chunks (renamed from the temporary
   * key); a content already stored keeps the first copy and the upload's chunks go. A concurrent
   * upload of the same bytes waits on the blob's key and then finds it stored. True when new.
   */
  async seal(key: string, sha256: string, size: number, mediaType: string, at: Date): Promise<boolean> {
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO document_blob (sha256, size, media_type, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
      [sha256, String(size), mediaType, at],
    );
    if (inserted.length)
      await this.manager.query(`UPDATE document_blob_chunk SET sha256 = $2 WHERE sha256 = $1`, [key, sha256]);
    else await this.manager.query(`DELETE FROM document_blob_chunk WHERE sha256 = $1`, [key]);
    return inserted.length > 0;
  }

  async insert(d: DocumentEntity): Promise<void> {
    await this.manager.query(
      `INSERT INTO document (id, parent_type, parent_id, kind, name, media_type, size, sha256, uploaded_by_id, uploaded_at, extracted_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        d.id,
        d.parentType,
        d.parentId,
        d.kind,
        d.name,
        d.mediaType,
        d.size,
        d.sha256,
        d.uploadedById,
        d.uploadedAt,
        d.extractedText,
      ],
    );
  }

  /** A document not deleted. */
  async find(id: string): Promise<DocumentEntity | null> {
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.rows.select} FROM document d WHERE d.id = $1 AND d.deleted_at IS NULL`,
      [id],
    );
    return found.length ? this.rows.entity(found[0]) : null;
  }

  /** The parent's documents not deleted, oldest first, after `afterId`. */
  async list(parent: DocumentParent, afterId: string | undefined, limit: number): Promise<DocumentEntity[]> {
    const found: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${this.rows.select} FROM document d
       WHERE d.parent_type = $1 AND d.parent_id = $2 AND d.deleted_at IS NULL AND ($3::uuid IS NULL OR d.id > $3::uuid)
       ORDER BY d.id LIMIT $4`,
      [parent.type, parent.id, afterId ?? null, limit],
    );
    return found.map((r) => this.rows.entity(r));
  }

  /** Soft delete; false when someone deleted it meanwhile. */
  async markDeleted(id: string, byId: string, at: Date): Promise<boolean> {
    const [, affected] = (await this.manager.query(
      `UPDATE document SET deleted_at = $3, deleted_by_id = $2 WHERE id = $1 AND deleted_at IS NULL`,
      [id, byId, at],
    )) as [unknown, number];
    return affected > 0;
  }

  /** One slice of a stored content, or null past the last one. */
  async chunk(sha256: string, seq: number): Promise<Buffer | null> {
    const found: { data: Buffer }[] = await this.manager.query(
      `SELECT data FROM document_blob_chunk WHERE sha256 = $1 AND seq = $2`,
      [sha256, seq],
    );
    return found.length ? found[0].data : null;
  }

  /** The whole content, for reading its text (callers bound its size first). */
  async content(sha256: string): Promise<Buffer> {
    const rows: { data: Buffer }[] = await this.manager.query(
      `SELECT data FROM document_blob_chunk WHERE sha256 = $1 ORDER BY seq`,
      [sha256],
    );
    return Buffer.concat(rows.map((r) => r.data));
  }

  /** A document whose text has not been read yet (deleted ones too: their text is still scanned), locked. */
  async awaitingText(
    id: string,
  ): Promise<Pick<DocumentEntity, 'id' | 'parentType' | 'parentId' | 'mediaType' | 'sha256'> | null> {
    const found: Pick<DocumentEntity, 'id' | 'parentType' | 'parentId' | 'mediaType' | 'sha256'>[] =
      await this.manager.query(
        `SELECT id, parent_type AS "parentType", parent_id AS "parentId", media_type AS "mediaType", sha256
         FROM document WHERE id = $1 AND extracted_text IS NULL FOR UPDATE`,
        [id],
      );
    return found[0] ?? null;
  }

  async setExtractedText(id: string, text: string): Promise<void> {
    await this.manager.query(`UPDATE document SET extracted_text = $2 WHERE id = $1`, [id, text]);
  }

  /** What was extracted (null: not yet, or a type without text). */
  async extractedText(id: string): Promise<string | null> {
    const found: { text: string | null }[] = await this.manager.query(
      `SELECT extracted_text AS text FROM document WHERE id = $1`,
      [id],
    );
    return found[0]?.text ?? null;
  }
}
