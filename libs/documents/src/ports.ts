import type { Actor, Transaction } from '@cbm/core';

/** The records a document can be attached to (its parent). */
export const DOCUMENT_PARENT_TYPES = [
  'request',
  'report',
  'implementation_plan',
  'information_answer',
  'contribution',
  'committee_decision',
  'knowledge_item',
] as const;
export type DocumentParentType = (typeof DOCUMENT_PARENT_TYPES)[number];

export interface DocumentParent {
  type: DocumentParentType;
  /** The record's id (an implementation plan: its request's). */
  id: string;
  /** For a report reached through its request's URL: that request (a report of another request is not found). */
  requestId?: string;
}

/**
 * What a caller may do with a parent record's documents: `none` (they do not see the record: 404,
 * as for the record), `read`, or `write` (attach and delete).
 */
export type DocumentAccess = 'none' | 'read' | 'write';

/**
 * Who sees a parent record is its own context's rule: the documents library asks, never decides.
 * Bound in libs/composition to the hub's, the fund's and the knowledge platform's public services.
 */
export const DOCUMENT_PARENTS_PORT = Symbol('DOCUMENT_PARENTS_PORT');
export interface DocumentParentsPort {
  /** The actor's access to `parent`'s documents, by the parent's own read and write rules. */
  access(actor: Actor, parent: DocumentParent): Promise<DocumentAccess>;
  /** Whether anyone, signed in or not, may read `parent` (a published knowledge item). */
  isPublic(parent: DocumentParent): Promise<boolean>;
}

/**
 * The seam for the personal-data scanner: called inside the upload's transaction with the text
 * extracted from the new document (PDF, Office, OpenDocument, CSV, plain text; bounded). Bound in
 * libs/composition; until the scanner is wired it does nothing.
 */
export const DOCUMENT_TEXT_PORT = Symbol('DOCUMENT_TEXT_PORT');
export interface DocumentTextPort {
  onDocumentText(documentId: string, parent: DocumentParent, text: string, t: Transaction): Promise<void>;
  /** A new document whose text is not read yet (read later in a job) or cannot be read (an image). */
  onDocumentUnread(documentId: string, parent: DocumentParent, t: Transaction): Promise<void>;
  /** A document deleted: what was found in it no longer stands in the way of its parent. */
  onDocumentDeleted(documentId: string, parent: DocumentParent, t: Transaction): Promise<void>;
}
