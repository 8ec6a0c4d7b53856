import { client, itemsOf, unwrap } from './client';
import type { components, paths } from './schema';

/* The knowledge workspace (authors and reviewers) and documents attached to records. */

export type KnowledgeItem = components['schemas']['KnowledgeItemView'];
export type KnowledgeStatus = components['schemas']['KnowledgeStatus'];
export type KnowledgeAction = components['schemas']['KnowledgeAction'];
export type KnowledgeKind = components['schemas']['KnowledgeKind'];
export type KnowledgeInput = components['schemas']['CreateKnowledgeItemDto'];
export type Finding = components['schemas']['FindingViewDto'];
export type KnowledgeDiff = components['schemas']['KnowledgeDiffView'];
export type DocumentView = components['schemas']['DocumentView'];

export const knowledgeItems = (status: KnowledgeStatus) =>
  unwrap(client.GET('/api/v1/knowledge/items', { params: { query: { status: [status], limit: 100 } } })).then(itemsOf);
export const knowledgeDraft = (id: string) =>
  unwrap(client.GET('/api/v1/knowledge/items/{id}', { params: { path: { id } } }));
export const createKnowledgeItem = (body: KnowledgeInput) => unwrap(client.POST('/api/v1/knowledge/items', { body }));
export const updateKnowledgeItem = (id: string, version: number, body: KnowledgeInput) =>
  unwrap(client.PATCH('/api/v1/knowledge/items/{id}', { params: { path: { id } }, body: { ...body, version } }));
export const actOnKnowledgeItem = (
  id: string,
  action: KnowledgeAction,
  body: paths['/api/v1/knowledge/items/{id}/actions/{action}']['post']['requestBody']['content']['application/json'],
) => unwrap(client.POST('/api/v1/knowledge/items/{id}/actions/{action}', { params: { path: { id, action } }, body }));
export const declareReview = (id: string, body: components['schemas']['ReviewDeclarationDto']) =>
  unwrap(client.POST('/api/v1/knowledge/items/{id}/reviews', { params: { path: { id } }, body }));
export const reviews = (id: string) =>
  unwrap(client.GET('/api/v1/knowledge/items/{id}/reviews', { params: { path: { id } } }));
export const personalData = (id: string) =>
  unwrap(client.GET('/api/v1/knowledge/items/{id}/personal-data', { params: { path: { id } } }));
export const overrideFinding = (id: string, findingId: string, reason: string) =>
  unwrap(
    client.POST('/api/v1/knowledge/items/{id}/personal-data/{findingId}/override', {
      params: { path: { id, findingId } },
      body: { reason },
    }),
  );
export const knowledgeVersions = (id: string) =>
  unwrap(client.GET('/api/v1/knowledge/items/{id}/versions', { params: { path: { id } } })).then(itemsOf);
export const knowledgeDiff = (id: string, from: number, to: number) =>
  unwrap(client.GET('/api/v1/knowledge/items/{id}/diff', { params: { path: { id }, query: { from, to } } }));

// --- documents ---
/** Where documents hang: the record that owns them, or a published item read anonymously. */
export type DocumentParent =
  { type: 'request'; id: string } | { type: 'knowledge_item'; id: string } | { type: 'open_knowledge'; id: string };

export function documentsUrl(parent: DocumentParent): string {
  switch (parent.type) {
    case 'request':
      return `/api/v1/requests/${encodeURIComponent(parent.id)}/documents`;
    case 'knowledge_item':
      return `/api/v1/knowledge/items/${encodeURIComponent(parent.id)}/documents`;
    case 'open_knowledge':
      return `/api/v1/open/knowledge/${encodeURIComponent(parent.id)}/documents`;
  }
}

export function documentContentUrl(parent: DocumentParent, documentId: string): string {
  return parent.type === 'open_knowledge'
    ? `${documentsUrl(parent)}/${encodeURIComponent(documentId)}/content`
    : `/api/v1/documents/${encodeURIComponent(documentId)}/content`;
}

export const documents = (parent: DocumentParent): Promise<DocumentView[]> => {
  const path = { params: { path: { id: parent.id }, query: { limit: 100 } } };
  switch (parent.type) {
    case 'request':
      return unwrap(client.GET('/api/v1/requests/{id}/documents', path)).then(itemsOf);
    case 'knowledge_item':
      return unwrap(client.GET('/api/v1/knowledge/items/{id}/documents', path)).then(itemsOf);
    case 'open_knowledge':
      return unwrap(client.GET('/api/v1/open/knowledge/{id}/documents', path)).then(itemsOf);
  }
};

export const deleteDocument = (id: string) =>
  unwrap(client.DELETE('/api/v1/documents/{id}', { params: { path: { id } } }));
