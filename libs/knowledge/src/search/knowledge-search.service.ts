import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { Facets, facetsFromCounts, snippetHtml } from './facets';
import { KnowledgeSearchRepository, SearchFilters } from './knowledge-search.repository';
import { DEFAULT_QUERY_CONFIGS, textConfigFor } from './text-config';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How many matches are ranked and counted exactly; above it the total is the planner's estimate. */
export const SEARCH_CANDIDATE_CAP = 1000;

export interface SearchQuery extends SearchFilters {
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface SearchResult {
  items: Record<string, unknown>[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
  facets: Facets;
  facetsAreEstimate: boolean;
  /** fuzzy: no item matched the words as typed; the closest words of published titles and summaries were used. */
  mode: 'browse' | 'fulltext' | 'fuzzy';
  /** The corrected query when mode is fuzzy. */
  didYouMean: string | null;
}

/** Plain words only (no quotes or operators) can be corrected: those of three letters or more. */
function correctableWords(q: string): string[] {
  if (/["()]|(^|\s)-|\bor\b/i.test(q)) return [];
  return q
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 3)
    .slice(0, 8);
}

/** Each unknown word replaced by the closest known one; null when there is nothing to replace. */
function applyCorrections(q: string, fixes: [string, string | null][]): string | null {
  const replacements = new Map(
    fixes.filter(([word, suggestion]) => suggestion && suggestion !== word) as [string, string][],
  );
  if (!replacements.size) return null;
  return q
    .toLowerCase()
    .split(/\s+/)
    .map((w) => replacements.get(w) ?? w)
    .join(' ');
}

export interface SimilarItem {
  id: string;
  title: string;
  kind: string;
  score: number;
  reasons: string[];
}

@Injectable()
export class KnowledgeSearchService {
  constructor(
    private readonly repo: KnowledgeSearchRepository,
    private readonly reference: ReferenceService,
    private readonly organisations: OrganisationService,
  ) {}

  async search(query: SearchQuery): Promise<SearchResult> {
    // an acronym becomes its id before the read session opens (one connection when embedded)
    if (query.organisation && !UUID.test(query.organisation)) {
      query = {
        ...query,
        organisation:
          (await this.organisations.idByAcronym(query.organisation)) ?? '00000000-0000-0000-0000-000000000000',
      };
    }
    return this.repo.session((search) => this.searchIn(search, query));
  }

  private async searchIn(search: KnowledgeSearchRepository, query: SearchQuery): Promise<SearchResult> {
    const limit = query.limit ?? 20;
    const { q: rawQ, limit: _l, cursor, ...filters } = query;
    let q = rawQ?.trim() || null;
    if (!q) return this.browse(search, filters, limit, cursor);
    const configs = filters.language ? [textConfigFor(filters.language)] : DEFAULT_QUERY_CONFIGS;
    const cap = SEARCH_CANDIDATE_CAP;
    const decoded = decodeCursor(cursor, 2) as [number, string] | undefined;
    const after = decoded ? { rank: Number(decoded[0]), id: decoded[1] } : undefined;
    let mode: SearchResult['mode'] = 'fulltext';
    let didYouMean: string | null = null;
    // the statement looks the words up only when nothing matched, so a found query pays nothing for it
    let rows = await search.textSearch(q, configs, filters, cap, {
      after,
      limit,
      typoWords: correctableWords(q),
    });
    const corrected = rows.corrections ? applyCorrections(q, rows.corrections) : null;
    if (corrected) {
      mode = 'fuzzy';
      didYouMean = corrected;
      q = corrected;
      rows = await search.textSearch(q, configs, filters, cap, { after, limit, typoWords: [] });
    }
    const exact = rows.matches <= cap;
    const total = exact ? rows.matches : Math.max(rows.estimate ?? 0, rows.matches);
    const facets = facetsFromCounts(rows.facets, exact ? 1 : total / cap);
    const page = rows.page.slice(0, limit);
    const items = page.map((r) => {
      const rank = Number(r.key);
      return {
        ...r.item,
        score: Math.round(rank * 10000) / 10000,
        snippet: snippetHtml(r.snippet ?? null) ?? snippetHtml(String(r.item.summary ?? '').slice(0, 240)),
        match: mode,
      };
    });
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.page.length > limit && last ? encodeCursor([Number(last.key), last.id]) : null,
      total,
      totalIsEstimate: !exact,
      facets,
      facetsAreEstimate: !exact,
      mode,
      didYouMean,
    };
  }

  private async browse(
    search: KnowledgeSearchRepository,
    filters: SearchFilters,
    limit: number,
    cursor: string | undefined,
  ): Promise<SearchResult> {
    const cap = SEARCH_CANDIDATE_CAP;
    const after = decodeCursor(cursor, 2) as [string, string] | undefined;
    const rows = await search.browse(filters, cap, after ? { publishedAt: after[0], id: after[1] } : undefined, limit);
    const exact = rows.matches <= cap;
    const total = exact ? rows.matches : Math.max(rows.estimate ?? 0, rows.matches);
    const facets = facetsFromCounts(rows.facets, exact ? 1 : total / cap);
    const page = rows.page.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...r.item, snippet: null, match: 'browse' })),
      nextCursor: rows.page.length > limit && last ? encodeCursor([new Date(last.key).toISOString(), last.id]) : null,
      total,
      totalIsEstimate: !exact,
      facets,
      facetsAreEstimate: !exact,
      mode: 'browse',
      didYouMean: null,
    };
  }

  /** Ranked published items for a case: text, shared objectives, same country or region; reasons given. */
  async similarItems(input: {
    text: string;
    objectives: number[];
    countryCode: string;
    limit: number;
  }): Promise<SimilarItem[]> {
    const country = this.reference.country(input.countryCode);
    const regions = country ? [country.region, country.subregion] : [];
    const rows = await this.repo.session((search) =>
      search.similar(input.text.slice(0, 20000), input.objectives, input.countryCode, regions, input.limit, 300),
    );
    const maxText = Math.max(1e-9, ...rows.map((r) => Number(r.text_score)));
    const scored = rows.map((r) => {
      const reasons: string[] = [];
      const text = Number(r.text_score) / maxText;
      const objectiveFit = input.objectives.length ? r.shared_objectives.length / input.objectives.length : 0;
      const geo = r.same_country ? 1 : r.same_region ? 0.5 : 0;
      if (r.terms?.length) reasons.push(`shares the terms ${r.terms.slice(0, 5).join(', ')}`);
      if (r.shared_objectives.length)
        reasons.push(
          `addresses objective${r.shared_objectives.length > 1 ? 's' : ''} ${r.shared_objectives.join(', ')}`,
        );
      if (r.same_country) reasons.push(`same country (${input.countryCode})`);
      else if (r.same_region) reasons.push(`same region (${regions.join(' / ')})`);
      if (r.kind === 'solution')
        reasons.push(r.replicated_from ? `a solution replicated from ${r.replicated_from}` : 'a replicable solution');
      const score = 0.5 * text + 0.3 * objectiveFit + 0.15 * geo + (r.kind === 'solution' ? 0.05 : 0);
      return { id: r.id, title: r.title, kind: r.kind, score: Math.round(score * 1000) / 1000, reasons };
    });
    return scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, input.limit);
  }
}
