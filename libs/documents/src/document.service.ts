import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Actor, APP_CONFIG, AppConfig, Clock, newId, SYSTEM_ACTOR } from '@cbm/core';
import { sniffMediaType } from './content-type';
import { DocumentEntity } from './document.entity';
import { DocumentError } from './document.errors';
import { DocumentRepository } from './document.repository';
import { DocumentTx, DocumentUnitOfWork } from './document-unit-of-work';
import { DocumentView, toDocumentView } from './document.view';
import { sanitiseFileName } from './file-name';
import {
  DOCUMENT_PARENTS_PORT,
  DOCUMENT_TEXT_PORT,
  DocumentAccess,
  DocumentParent,
  DocumentParentsPort,
  DocumentTextPort,
} from './ports';
import { isExtractable, MAX_EXTRACTED_FILE_BYTES, TextCollector } from './text-extraction';

/** Published when a PDF or Office file is stored, for its text to be read. */
export const DOCUMENT_UPLOADED = 'document.uploaded';

/** Bytes per stored slice: small enough to stream, large enough that a 25 MB file is 100 rows. */
export const CHUNK_BYTES = 256 * 1024;

export interface IncomingFile {
  /** The name the client gave (sanitised here). */
  fileName: string;
  /** The bytes, read once, in pieces. */
  stream: AsyncIterable<Buffer>;
  /** After the bytes: fails when the body holds more than the one file (nothing is stored then). */
  end(): Promise<void>;
  /** Reads and drops what is left of the body (after a refusal, so the client gets the answer). */
  discard(): void;
}

/** What a download hands the controller: the metadata for the headers and the bytes as a stream. */
export interface DocumentContent {
  document: DocumentView;
  stream: Readable;
}

const RANK: Record<DocumentAccess, number> = { none: 0, read: 1, write: 2 };

@Injectable()
export class DocumentService {
  constructor(
    private readonly uow: DocumentUnitOfWork,
    private readonly documents: DocumentRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DOCUMENT_PARENTS_PORT) private readonly parents: DocumentParentsPort,
    @Inject(DOCUMENT_TEXT_PORT) private readonly text: DocumentTextPort,
  ) {}

  /**
   * Stores `file` under `parent`, streaming: each 256 KiB slice is hashed and written as it
   * arrives, in one transaction with the document row and its audit event, so a refused upload
   * (too large, a type not allowed, the client gone) leaves nothing behind. The type is sniffed
   * from the first slice. The same bytes uploaded again are stored once.
   */
  async upload(actor: Actor, parent: DocumentParent, file: IncomingFile, kind?: string): Promise<DocumentView> {
    try {
      await this.require(actor, parent, 'write');
      const name = sanitiseFileName(file.fileName);
      return await this.uow.run(async (tx) => {
        const stored = await this.store(tx, file.stream, name);
        await file.end();
        const d: DocumentEntity = {
          id: newId(),
          parentType: parent.type,
          parentId: parent.id,
          kind: kind ?? null,
          name,
          mediaType: stored.mediaType,
          size: String(stored.size),
          sha256: stored.sha256,
          uploadedById: actor.id,
          uploadedAt: this.clock.now(),
          deletedAt: null,
          deletedById: null,
          extractedText: stored.text,
        };
        await tx.documents.insert(d);
        tx.audit.record({
          actor,
          action: 'document.uploaded',
          entityType: 'document',
          entityId: d.id,
          after: { ...toDocumentView(d), newContent: stored.isNew },
        });
        if (stored.text) await this.text.onDocumentText(d.id, parent, stored.text, tx.transaction);
        else {
          await this.text.onDocumentUnread(d.id, parent, tx.transaction);
          // PDF and Office text is read back after COMMIT, in a job (it needs the whole file at once)
          if (isExtractable(d.mediaType) && stored.size <= MAX_EXTRACTED_FILE_BYTES)
            tx.publish({ name: DOCUMENT_UPLOADED, payload: { documentId: d.id } });
        }
        return toDocumentView(d);
      });
    } catch (err) {
      // the rest of the body is read and dropped, so the client gets the answer rather than a reset
      file.discard();
      throw err;
    }
  }

  private async store(tx: DocumentTx, stream: AsyncIterable<Buffer>, name: string) {
    const max = this.config.documentMaxBytes;
    const key = `upload-${randomUUID().replace(/-/g, '')}`;
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    let mediaType = '';
    const extract: { text: TextCollector | null } = { text: null };
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const write = async (slice: Buffer) => {
      if (seq === 0) {
        const sniffed = await sniffMediaType(slice, name);
        if ('rejected' in sniffed)
          throw DocumentError(
            'DOCUMENT_TYPE_NOT_ALLOWED',
            `this file's bytes are ${sniffed.rejected}; allowed: PDF, Office and OpenDocument documents, CSV, plain text, PNG, JPEG`,
          );
        mediaType = sniffed.mediaType;
        extract.text = TextCollector.for(mediaType);
      }
      extract.text?.add(slice);
      await tx.documents.writeChunk(key, seq++, slice);
    };
    for await (const piece of stream) {
      size += piece.length;
      if (size > max)
        throw DocumentError('DOCUMENT_TOO_LARGE', `a document is at most ${max} bytes`, { maxBytes: max });
      hash.update(piece);
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes >= CHUNK_BYTES) {
        const all = Buffer.concat(pending, pendingBytes);
        let at = 0;
        for (; all.length - at >= CHUNK_BYTES; at += CHUNK_BYTES) await write(all.subarray(at, at + CHUNK_BYTES));
        pending = at < all.length ? [Buffer.from(all.subarray(at))] : [];
        pendingBytes = all.length - at;
      }
    }
    if (pendingBytes) await write(Buffer.concat(pending, pendingBytes));
    if (size === 0) throw DocumentError('DOCUMENT_INVALID', 'the file is empty');
    const sha256 = hash.digest('hex');
    const isNew = await tx.documents.seal(key, sha256, size, mediaType, this.clock.now());
    return { sha256, size, mediaType, isNew, text: extract.text?.text() ?? null };
  }

  /** The parent's documents the actor may see (404 when they do not see the parent). */
  async list(actor: Actor, parent: DocumentParent, afterId: string | undefined, limit: number) {
    await this.require(actor, parent, 'read');
    return (await this.documents.list(parent, afterId, limit)).map(toDocumentView);
  }

  async get(actor: Actor, id: string): Promise<DocumentView> {
    return toDocumentView(await this.visible(actor, id));
  }

  /** The bytes, audited before the first byte leaves. */
  async download(actor: Actor, id: string): Promise<DocumentContent> {
    const d = await this.visible(actor, id);
    await this.uow.run(async (tx) => {
      tx.audit.record({
        actor,
        action: 'document.downloaded',
        entityType: 'document',
        entityId: d.id,
        after: { sha256: d.sha256, size: Number(d.size) },
      });
    });
    return { document: toDocumentView(d), stream: this.bytes(d.sha256) };
  }

  /** Anonymous: a document of a published knowledge item only (404 otherwise, whatever exists). */
  async downloadPublic(itemId: string, id: string): Promise<DocumentContent> {
    const d = await this.publicDocument(itemId, id);
    await this.uow.run(async (tx) => {
      tx.audit.record({
        actor: SYSTEM_ACTOR,
        action: 'document.downloaded_public',
        entityType: 'document',
        entityId: d.id,
        after: { sha256: d.sha256, size: Number(d.size), knowledgeItemId: itemId },
      });
    });
    return { document: toDocumentView(d), stream: this.bytes(d.sha256) };
  }

  /** Anonymous: the documents of a published knowledge item. */
  async listPublic(itemId: string, afterId: string | undefined, limit: number): Promise<DocumentView[]> {
    const parent: DocumentParent = { type: 'knowledge_item', id: itemId };
    if (!(await this.parents.isPublic(parent))) throw DocumentError('DOCUMENT_NOT_FOUND', 'no such knowledge item');
    return (await this.documents.list(parent, afterId, limit)).map(toDocumentView);
  }

  /** Soft delete by the uploader or a hub officer (or admin), who must still be able to change the parent. */
  async remove(actor: Actor, id: string): Promise<void> {
    const d = await this.visible(actor, id);
    const mayDelete = d.uploadedById === actor.id || actor.role === 'hub_officer' || actor.role === 'admin';
    if (!mayDelete || !(await this.allows(actor, d, 'write')))
      throw DocumentError('DOCUMENT_FORBIDDEN', 'the uploader or a hub officer deletes a document');
    await this.uow.run(async (tx) => {
      if (!(await tx.documents.markDeleted(d.id, actor.id, this.clock.now())))
        throw DocumentError('DOCUMENT_NOT_FOUND', 'no such document');
      tx.audit.record({
        actor,
        action: 'document.deleted',
        entityType: 'document',
        entityId: d.id,
        before: { ...toDocumentView(d) },
      });
      await this.text.onDocumentDeleted(d.id, { type: d.parentType, id: d.parentId }, tx.transaction);
    });
  }

  private async publicDocument(itemId: string, id: string): Promise<DocumentEntity> {
    const d = await this.documents.find(id);
    const parent: DocumentParent = { type: 'knowledge_item', id: itemId };
    if (!d || d.parentType !== 'knowledge_item' || d.parentId !== itemId || !(await this.parents.isPublic(parent)))
      throw DocumentError('DOCUMENT_NOT_FOUND', 'no such document');
    return d;
  }

  /** The document if the actor sees its parent; 404 otherwise, as for the parent. */
  private async visible(actor: Actor, id: string): Promise<DocumentEntity> {
    const d = await this.documents.find(id);
    if (!d || !(await this.allows(actor, d, 'read'))) throw DocumentError('DOCUMENT_NOT_FOUND', 'no such document');
    return d;
  }

  private async allows(actor: Actor, d: DocumentEntity, needed: DocumentAccess): Promise<boolean> {
    const parent: DocumentParent = { type: d.parentType, id: d.parentId };
    return RANK[await this.parents.access(actor, parent)] >= RANK[needed];
  }

  private async require(actor: Actor, parent: DocumentParent, needed: DocumentAccess): Promise<void> {
    const has = await this.parents.access(actor, parent);
    if (has === 'none') throw DocumentError('DOCUMENT_NOT_FOUND', `no such ${parent.type.replace('_', ' ')}`);
    if (RANK[has] < RANK[needed])
      throw DocumentError('DOCUMENT_FORBIDDEN', `you may read but not change this ${parent.type.replace('_', ' ')}`);
  }

  /** The content, one slice per query, read as the client takes it (back-pressure, never all in memory). */
  private bytes(sha256: string): Readable {
    const documents = this.documents;
    return Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const slice = await documents.chunk(sha256, seq);
          if (!slice) return;
          yield slice;
        }
      })(),
      { objectMode: false, highWaterMark: 1 },
    );
  }
}
