import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { ANY_JSON_SCHEMA, Role } from '@cbm/core';
import { SUPPORTED_LANGUAGES } from '../search/text-config';
import { renderMarkdown } from '../markdown';
import { KnowledgeItemEntity, Translation } from './knowledge-item.entity';
import {
  allowedKnowledgeActions,
  KNOWLEDGE_ACTIONS,
  KNOWLEDGE_KINDS,
  KNOWLEDGE_STATUSES,
  KnowledgeAction,
  KnowledgeStatus,
} from './knowledge-item.workflow';

const TIME = { format: 'date-time' } as const;
/** The schema of `translations` (views and inputs): title and summary by language code. */
export const TRANSLATIONS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { title: { type: 'string' }, summary: { type: 'string' } },
    required: ['title'],
  },
  example: { fr: { title: '...', summary: '...' } },
  description: 'By language code',
};

export class ReplicatedFromView {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ type: String, nullable: true, example: 'CBM-2026-KEN-0007' }) reference: string | null;
  @ApiProperty({ example: '/api/v1/requests/0190a0e2-...' }) href: string;
}

/** The fields every shape of a knowledge item shares (working copy, published item, search hit). */
class KnowledgeFieldsView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: KNOWLEDGE_KINDS, enumName: 'KnowledgeKind' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [Number], description: 'GCM objectives 1-23' }) objectives: number[];
  @ApiProperty({ type: [String], example: ['1.c'] }) actions: string[];
  @ApiProperty({ type: [String] }) principles: string[];
  @ApiProperty({ type: [String], description: 'ISO 3166-1 alpha-3' }) countries: string[];
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: SUPPORTED_LANGUAGES }) language: string;
  @ApiProperty(TRANSLATIONS) translations: Record<string, Translation>;
  @ApiProperty({ example: 'cbm', description: 'Where the item came from (an import source, or cbm)' }) source: string;
  @ApiProperty({ type: String, nullable: true }) sourceId: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceUrl: string | null;
  @ApiProperty({ example: 'CC-BY-4.0' }) licence: string;
  @ApiProperty({ type: ReplicatedFromView, nullable: true }) replicatedFrom: ReplicatedFromView | null;
  @ApiProperty({ type: 'integer' }) version: number;
}

/** A knowledge item as its authors and reviewers see it, whatever its status. */
export class KnowledgeItemView extends KnowledgeFieldsView {
  @ApiProperty({ enum: KNOWLEDGE_STATUSES, enumName: 'KnowledgeStatus' }) status: KnowledgeStatus;
  @ApiProperty({ description: 'Markdown' }) body: string;
  @ApiProperty({ description: 'The body rendered and sanitised' }) bodyHtml: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Organisation ids' }) organisations: string[];
  @ApiProperty({ type: 'integer', nullable: true }) year: number | null;
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) publishedById: string | null;
  @ApiProperty({ type: String, nullable: true, ...TIME }) publishedAt: string | null;
  @ApiProperty(TIME) createdAt: string;
  @ApiProperty(TIME) updatedAt: string;
  @ApiProperty({ enum: KNOWLEDGE_ACTIONS, enumName: 'KnowledgeAction', isArray: true })
  allowedActions: KnowledgeAction[];
}

export class KnowledgeOrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'IOM' }) acronym: string;
}

/** A published item as the open data serves it (GET /open/knowledge/{id}, the exports). */
export class PublishedKnowledgeItemView extends KnowledgeFieldsView {
  @ApiProperty({ description: 'Markdown' }) body: string;
  @ApiProperty({ description: 'The body rendered and sanitised' }) bodyHtml: string;
  @ApiProperty({ type: [KnowledgeOrganisationView] }) organisations: KnowledgeOrganisationView[];
  @ApiProperty({ type: String, nullable: true }) licenceUrl: string | null;
  @ApiProperty({ type: 'integer', description: 'The year the item refers to, else the year published' }) year: number;
  @ApiProperty(TIME) publishedAt: string;
  @ApiProperty({ example: '/api/v1/open/knowledge/0190a0e2-...' }) url: string;
}

export class KnowledgeReviewView {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty({ description: 'true blocks this reviewer from publishing' }) conflictOfInterest: boolean;
  @ApiProperty({ type: String, nullable: true }) conflictStatement: string | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty(TIME) declaredAt: string;
}

export class KnowledgeReviewDeclarationView extends KnowledgeReviewView {
  @ApiProperty({ format: 'uuid' }) itemId: string;
}

export class KnowledgeVersionView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ example: 'edit', description: 'What made the version: create, edit, an action, an import' })
  change: string;
  @ApiProperty() actorId: string;
  @ApiProperty(TIME) at: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The item fields as they were' })
  snapshot: Record<string, unknown>;
}

export class TextLineChangeView {
  @ApiProperty({ enum: ['+', '-', ' '], description: 'added, removed, unchanged' }) op: '+' | '-' | ' ';
  @ApiProperty() text: string;
}

export class KnowledgeFieldChangeView {
  @ApiProperty({ example: 'title' }) field: string;
  @ApiProperty({ ...ANY_JSON_SCHEMA, description: 'The value in the older version' }) from: unknown;
  @ApiProperty({ ...ANY_JSON_SCHEMA, description: 'The value in the newer version' }) to: unknown;
  @ApiPropertyOptional({ type: 'array', items: {}, description: 'List fields: values added' }) added?: unknown[];
  @ApiPropertyOptional({ type: 'array', items: {}, description: 'List fields: values removed' }) removed?: unknown[];
  @ApiPropertyOptional({ type: [TextLineChangeView], description: 'Text fields: a line diff' })
  lines?: TextLineChangeView[];
}

export class KnowledgeDiffView {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
  @ApiProperty({ type: [KnowledgeFieldChangeView] }) changes: KnowledgeFieldChangeView[];
}

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

export function toKnowledgeView(k: KnowledgeItemEntity, role: Role | 'system'): KnowledgeItemView {
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
