import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { Actor, newId } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { checkContent } from '../item/knowledge-content';
import { Translation } from '../item/knowledge-item.entity';
import { KnowledgeError } from '../item/knowledge-item.errors';
import { ContentSet, KnowledgeItemService, NewItem } from '../item/knowledge-item.service';
import { isEditable, KNOWLEDGE_KINDS } from '../item/knowledge-item.workflow';
import { KnowledgeUnitOfWork } from '../knowledge-unit-of-work';
import { snapshotOf } from '../item/knowledge-item.view';
import { SUPPORTED_LANGUAGES } from '../search/text-config';
import { ImportReportDto } from './knowledge-import.dto';

export const MAX_IMPORT_ROWS = 5000;
const SOURCE = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** CSV headers as the GFMD Platform for Partnerships and similar exports name them → our fields. */
const HEADER_ALIASES: Record<string, string> = {
  sourceid: 'sourceId',
  id: 'sourceId',
  partnershipid: 'sourceId',
  recordid: 'sourceId',
  title: 'title',
  name: 'title',
  partnershipname: 'title',
  partnershiptitle: 'title',
  summary: 'summary',
  description: 'summary',
  shortdescription: 'summary',
  abstract: 'summary',
  body: 'body',
  details: 'body',
  fulldescription: 'body',
  narrative: 'body',
  kind: 'kind',
  type: 'kind',
  category: 'kind',
  objectives: 'objectives',
  gcmobjectives: 'objectives',
  objective: 'objectives',
  actions: 'actions',
  principles: 'principles',
  guidingprinciples: 'principles',
  countries: 'countries',
  country: 'countries',
  countrycodes: 'countries',
  regions: 'regions',
  region: 'regions',
  organisations: 'organisations',
  organizations: 'organisations',
  partners: 'organisations',
  leadpartner: 'organisations',
  tags: 'tags',
  keywords: 'tags',
  themes: 'tags',
  language: 'language',
  lang: 'language',
  sourceurl: 'sourceUrl',
  url: 'sourceUrl',
  website: 'sourceUrl',
  link: 'sourceUrl',
  licence: 'licence',
  license: 'licence',
  year: 'year',
  startyear: 'year',
};

type RawRecord = Record<string, unknown>;
interface RowError {
  row: number;
  sourceId: string | null;
  field: string;
  message: string;
}

const list = (v: unknown): unknown[] =>
  Array.isArray(v)
    ? v
    : typeof v === 'string'
      ? v
          .split(/[;|,]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v === undefined || v === null
        ? []
        : [v];
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

@Injectable()
export class KnowledgeImportService {
  constructor(
    private readonly uow: KnowledgeUnitOfWork,
    private readonly items: KnowledgeItemService,
    private readonly reference: ReferenceService,
    private readonly organisations: OrganisationService,
  ) {}

  /** JSON `{ format, source, records, submitForReview? }` or a CSV string with `source` from the query. */
  async import(
    actor: Actor,
    body: unknown,
    query: { source?: string; submitForReview?: boolean },
  ): Promise<ImportReportDto> {
    let source = query.source;
    let submit = query.submitForReview ?? false;
    let records: RawRecord[];
    if (typeof body === 'string') {
      records = this.parseCsv(body);
    } else if (body && typeof body === 'object' && !Array.isArray(body)) {
      const b = body as Record<string, unknown>;
      const unknownKeys = Object.keys(b).filter((k) => !['format', 'source', 'records', 'submitForReview'].includes(k));
      if (unknownKeys.length)
        throw KnowledgeError('KNOWLEDGE_IMPORT_INVALID', `unknown fields: ${unknownKeys.join(', ')}`, {
          fields: unknownKeys.map((field) => ({ field, message: 'not allowed' })),
        });
      if (b.format !== undefined && b.format !== 'json')
        throw KnowledgeError('KNOWLEDGE_IMPORT_INVALID', 'format must be json (or upload text/csv)', {
          fields: [{ field: 'format', message: 'must be json' }],
        });
      if (!Array.isArray(b.records))
        throw KnowledgeError('KNOWLEDGE_IMPORT_INVALID', 'records must be an array', {
          fields: [{ field: 'records', message: 'must be an array' }],
        });
      if (b.submitForReview !== undefined && typeof b.submitForReview !== 'boolean')
        throw KnowledgeError('KNOWLEDGE_IMPORT_INVALID', 'submitForReview must be a boolean', {
          fields: [{ field: 'submitForReview', message: 'must be a boolean' }],
        });
      source = typeof b.source === 'string' ? b.source : source;
      submit = (b.submitForReview as boolean | undefined) ?? submit;
      records = b.records as RawRecord[];
    } else {
      throw KnowledgeError(
        'KNOWLEDGE_IMPORT_INVALID',
        'send JSON { format: "json", source, records } or a text/csv body',
      );
    }
    if (!source || !SOURCE.test(source) || source === 'hub' || source === 'manual')
      throw KnowledgeError(
        'KNOWLEDGE_IMPORT_INVALID',
        'source must name the origin, e.g. gfmd-pfp (not hub or manual)',
        { fields: [{ field: 'source', message: 'required: 2-40 of a-z 0-9 . _ -' }] },
      );
    if (records.length > MAX_IMPORT_ROWS)
      throw KnowledgeError('KNOWLEDGE_IMPORT_INVALID', `at most ${MAX_IMPORT_ROWS} records per import`);

    const errors: RowError[] = [];
    const warnings: ImportReportDto['warnings'] = [];
    // a file names the same few partners on many rows: each looked up once
    const organisationIds = new Map<string, Promise<string | null>>();
    const valid: { row: number; item: NewItem & { sourceId: string } }[] = [];
    const seen = new Set<string>();
    for (const [i, rec] of records.entries()) {
      const row = i + 1;
      const result = await this.validateRecord(rec, row, source, warnings, organisationIds);
      if ('errors' in result) errors.push(...result.errors);
      else if (seen.has(result.item.sourceId))
        errors.push({ row, sourceId: result.item.sourceId, field: 'sourceId', message: 'appears twice in this file' });
      else {
        seen.add(result.item.sourceId);
        valid.push({ row, item: result.item });
      }
    }
    // valid rows land together, in one transaction; a bad row contributes nothing
    const counts = await this.uow.run(async (tx) => {
      const existing = await tx.items.bySources(
        source,
        valid.map((v) => v.item.sourceId),
      );
      const created = await this.items.insertItems(
        tx,
        actor,
        valid.filter((v) => !existing.has(v.item.sourceId)).map((v) => v.item),
        'imported',
      );
      if (submit) for (const k of created) await this.items.transition(tx, actor, k, 'submit_for_review', {});
      const c = { created: created.length, updated: 0, skipped: 0 };
      for (const { row, item } of valid) {
        const k = existing.get(item.sourceId);
        if (!k) continue;
        const set: ContentSet = {
          kind: item.kind,
          title: item.title,
          summary: item.summary,
          body: item.body ?? '',
          objectives: [...item.objectives].sort((a, b) => a - b),
          actions: item.actions ?? [],
          principles: item.principles ?? [],
          countries: item.countries ?? [],
          regions: item.regions ?? [],
          organisationIds: item.organisations ?? [],
          tags: item.tags ?? [],
          language: item.language ?? 'en',
          translations: item.translations ?? {},
          sourceUrl: item.sourceUrl ?? null,
          licence: item.licence ?? 'CC-BY-4.0',
          year: item.year ?? null,
        };
        if (JSON.stringify(snapshotOf({ ...k, ...set })) === JSON.stringify(snapshotOf(k))) c.skipped++;
        else if (isEditable(k.status)) {
          await this.items.applyContent(tx, actor, k, set, k.version, 'imported');
          c.updated++;
        } else {
          c.skipped++;
          warnings.push({
            row,
            sourceId: item.sourceId,
            message: `the item is ${k.status}: return it to draft to take this change`,
          });
        }
      }
      tx.audit.record({
        actor,
        action: 'knowledge.import.completed',
        entityType: 'knowledge_import',
        entityId: newId(),
        after: { source, rows: records.length, ...c, errors: errors.length },
      });
      return c;
    });
    return { ...counts, errors, warnings };
  }

  private parseCsv(text: string): RawRecord[] {
    let rows: Record<string, string>[];
    try {
      rows = parse(text, {
        columns: (header: string[]) =>
          header.map((h) => HEADER_ALIASES[h.toLowerCase().replace(/[^a-z]/g, '')] ?? `unknown:${h}`),
        bom: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
        max_record_size: 200_000,
      });
    } catch (err) {
      throw KnowledgeError('KNOWLEDGE_IMPORT_INVALID', `the CSV cannot be read: ${(err as Error).message}`);
    }
    return rows.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k, v]) => !k.startsWith('unknown:') && v !== '')),
    );
  }

  /** A partner named by id or acronym: its id when registered. */
  private async organisationId(o: string): Promise<string | null> {
    if (/^[0-9a-f-]{36}$/i.test(o)) return (await this.organisations.organisationExists(o)) ? o : null;
    return this.organisations.idByAcronym(o);
  }

  private async validateRecord(
    rec: RawRecord,
    row: number,
    source: string,
    warnings: ImportReportDto['warnings'],
    organisationIds: Map<string, Promise<string | null>>,
  ): Promise<{ item: NewItem & { sourceId: string } } | { errors: RowError[] }> {
    const sourceId = str(rec?.sourceId) ?? null;
    const errors: RowError[] = [];
    const err = (field: string, message: string) => errors.push({ row, sourceId, field, message });
    if (!rec || typeof rec !== 'object' || Array.isArray(rec))
      return { errors: [{ row, sourceId: null, field: 'record', message: 'must be an object' }] };
    const allowed = new Set(Object.values(HEADER_ALIASES).concat('translations'));
    for (const k of Object.keys(rec)) if (!allowed.has(k)) err(k, 'unknown field');
    if (!sourceId || sourceId.length > 200) err('sourceId', 'required, at most 200 characters');
    const title = str(rec.title);
    if (!title || title.length < 3 || title.length > 300) err('title', 'required, 3 to 300 characters');
    const summary = str(rec.summary) ?? '';
    if (summary.length > 5000) err('summary', 'at most 5000 characters');
    const body = str(rec.body) ?? '';
    if (body.length > 100_000) err('body', 'at most 100000 characters');
    const kind = (str(rec.kind) ?? 'practice').toLowerCase();
    if (!(KNOWLEDGE_KINDS as readonly string[]).includes(kind))
      err('kind', `must be one of ${KNOWLEDGE_KINDS.join(', ')}`);
    const objectives = list(rec.objectives).map((o) => Number(String(o).replace(/^objective\s*/i, '')));
    if (!objectives.length) err('objectives', 'at least one GCM objective (1-23)');
    const language = (str(rec.language) ?? 'en').toLowerCase();
    if (!SUPPORTED_LANGUAGES.includes(language)) err('language', 'not a supported ISO 639-1 code');
    const sourceUrl = str(rec.sourceUrl);
    if (sourceUrl && (!/^https?:\/\/[^\s]+$/i.test(sourceUrl) || sourceUrl.length > 2000))
      err('sourceUrl', 'must be an http(s) URL');
    const yearRaw = str(rec.year);
    const year = yearRaw ? Number(yearRaw) : undefined;
    if (year !== undefined && (!Number.isInteger(year) || year < 1900 || year > 2100))
      err('year', 'must be a year between 1900 and 2100');
    const tags = list(rec.tags).map(String);
    if (tags.length > 30 || tags.some((t) => t.length > 60)) err('tags', 'at most 30 tags of 60 characters');
    const translations = rec.translations as Record<string, Translation> | undefined;
    if (
      translations !== undefined &&
      (typeof translations !== 'object' || translations === null || Array.isArray(translations))
    )
      err('translations', 'must be an object keyed by language');
    const organisations: string[] = [];
    for (const o of list(rec.organisations).map(String)) {
      if (!organisationIds.has(o)) organisationIds.set(o, this.organisationId(o));
      const id = await organisationIds.get(o);
      if (id) organisations.push(id);
      else warnings.push({ row, sourceId, message: `organisation ${o} is not registered; left out` });
    }
    const content = {
      objectives,
      actions: list(rec.actions).map(String),
      principles: list(rec.principles).map(String),
      countries: list(rec.countries).map((c) => String(c).toUpperCase()),
      regions: list(rec.regions).map(String),
      organisations: [...new Set(organisations)],
      language,
      translations,
    };
    // the organisations were looked up above: only the registered ones are in `content`
    for (const e of await checkContent(this.reference, this.organisations, { ...content, organisations: [] }))
      err(e.field, e.message);
    if (errors.length) return { errors };
    return {
      item: {
        ...content,
        kind,
        title: title!,
        summary,
        body,
        tags,
        sourceUrl,
        licence: str(rec.licence) ?? 'CC-BY-4.0',
        year,
        source,
        sourceId: sourceId!,
      },
    };
  }
}
