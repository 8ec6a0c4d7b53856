import { OrganisationViewDto, ReferenceService } from '@cbm/reference';
import { markdownToText, renderMarkdown } from '../markdown';
import { KnowledgeItemEntity } from '../item/knowledge-item.entity';
import { replicatedFrom } from '../item/knowledge-item.view';
import { ProjectionRow } from './knowledge-search.repository';
import { textConfigFor } from './text-config';

export const LICENCE_URLS: Record<string, string> = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
};

/** The public row of a published item: what search, GET /open/knowledge/{id} and the exports serve. */
export function buildProjection(
  k: KnowledgeItemEntity,
  organisations: OrganisationViewDto[],
  reference: ReferenceService,
): ProjectionRow {
  const publishedAt = k.publishedAt ?? k.updatedAt;
  const regions = new Set(k.regions);
  for (const c of k.countries) {
    const region = reference.regionOf(c);
    const subregion = reference.subregionOf(c);
    if (region) regions.add(region);
    if (subregion) regions.add(subregion);
  }
  const year = k.year ?? publishedAt.getUTCFullYear();
  const payload = {
    id: k.id,
    kind: k.kind,
    title: k.title,
    summary: k.summary,
    body: k.body,
    bodyHtml: renderMarkdown(k.body),
    objectives: k.objectives,
    actions: k.actions,
    principles: k.principles,
    countries: k.countries,
    regions: [...regions].sort(),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, acronym: o.acronym })),
    tags: k.tags,
    language: k.language,
    translations: k.translations,
    source: k.source,
    sourceId: k.sourceId,
    sourceUrl: k.sourceUrl,
    licence: k.licence,
    licenceUrl: LICENCE_URLS[k.licence] ?? null,
    year,
    publishedAt: publishedAt.toISOString(),
    version: k.version,
    replicatedFrom: replicatedFrom(k),
    url: `/api/v1/open/knowledge/${k.id}`,
  };
  return {
    itemId: k.id,
    kind: k.kind,
    language: k.language,
    year,
    publishedAt,
    version: k.version,
    objectives: k.objectives,
    countries: k.countries,
    regions: [...regions],
    organisationIds: k.organisationIds,
    title: k.title,
    summary: k.summary,
    bodyText: markdownToText(k.body),
    tags: k.tags,
    textConfig: textConfigFor(k.language),
    translations: Object.entries(k.translations ?? {}).map(([lang, t]) => ({
      textConfig: textConfigFor(lang),
      title: t.title,
      summary: t.summary ?? '',
    })),
    payload,
  };
}
