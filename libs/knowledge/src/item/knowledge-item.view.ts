import { Role } from '@cbm/core';
import { renderMarkdown } from '../markdown';
import { KnowledgeItemEntity } from './knowledge-item.entity';
import { allowedKnowledgeActions, KnowledgeAction } from './knowledge-item.workflow';

/** The fields a version snapshot keeps and a diff compares. */
export const snapshotOf = (k: KnowledgeItemEntity) => ({
  kind: k.kind,
  status: k.status,
  title: k.title,
  summary: k.summary,
  body: k.body,
  objectives: k.objectives,
  actions: k.actions,
  principles: k.principles,
  countries: k.countries,
  regions: k.regions,
  organisations: k.organisationIds,
  tags: k.tags,
  language: k.language,
  translations: k.translations,
  source: k.source,
  sourceId: k.sourceId,
  sourceUrl: k.sourceUrl,
  licence: k.licence,
  year: k.year,
});

export const replicatedFrom = (k: KnowledgeItemEntity) =>
  k.replicatedFromRequestId
    ? {
        requestId: k.replicatedFromRequestId,
        reference: k.replicatedFromReference,
        href: `/api/v1/requests/${k.replicatedFromRequestId}`,
      }
    : null;

export function toKnowledgeView(k: KnowledgeItemEntity, role: Role | 'system') {
  return {
    id: k.id,
    ...snapshotOf(k),
    bodyHtml: renderMarkdown(k.body),
    replicatedFrom: replicatedFrom(k),
    createdById: k.createdById,
    publishedById: k.publishedById,
    publishedAt: k.publishedAt?.toISOString() ?? null,
    version: k.version,
    createdAt: k.createdAt.toISOString(),
    updatedAt: k.updatedAt.toISOString(),
    allowedActions: allowedKnowledgeActions(k.status, role) as KnowledgeAction[],
  };
}
export type KnowledgeItemView = ReturnType<typeof toKnowledgeView>;
