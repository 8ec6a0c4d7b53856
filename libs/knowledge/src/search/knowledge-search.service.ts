import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { EntityManager } from 'typeorm';
import { countFacets, Facets, snippetHtml } from './facets';
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
      query = { ...query, organisation: (await this.organisations.idByAcronym(query.organisation)) ?? '00000000-0000-0000-0000-000000000000' };
    }
    return this.repo.session((m) => this.searchIn(m, query));
  }

  private async searchIn(m: EntityManager, query: SearchQuery): Promise<SearchResult> {
    const limit = query.limit ?? 20;
    const { q: rawQ, limit: _l, cursor, ...filters } = query;
    let q = rawQ?.trim() || null;
    if (!q) return this.browse(m, filters, limit, cursor);
    const configs = filters.language ? [textConfigFor(filters.language)] : DEFAULT_QUERY_CONFIGS;
    const cap = SEARCH_CANDIDATE_CAP;
    let mode: SearchResult['mode'] = 'fulltext';
    let { candidates, docMatches } = await this.repo.textCandidates(m, q, configs, filters, cap);
    let didYouMean: string | null = null;
    if (!candidates.length) {
      const corrected = await this.correct(m, q);
      if (corrected) {
        mode = 'fuzzy';
        didYouMean = corrected;
        q = corrected;
        ({ candidates, docMatches } = await this.repo.textCandidates(m, q, configs, filters, cap));
      }
    }
    const exact = docMatches <= cap;
    const total = exact ? docMatches : Math.max(await this.repo.estimateCount(m, q, configs, filters), docMatches);
    const sample = exact ? candidates : candidates.slice(0, cap);
    const facets = countFacets(sample, exact ? 1 : total / sample.length);
    const ranked = candidates.map((c) => ({ id: c.id, rank: Number(c.rank) })).sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : 1));
    const after = decodeCursor(cursor, 2) as [number, string] | undefined;
    const start = after ? ranked.findIndex((r) => r.rank < after[0] || (r.rank === after[0] && r.id > after[1])) : 0;
    const page = start < 0 ? [] : ranked.slice(start, start + limit);
    const hasMore = start >= 0 && start + limit < ranked.length;
    const rows = await this.repo.pageWithSnippets(m, page.map((p) => p.id), q, configs);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = page.map((p) => {
      const row = byId.get(p.id)!;
      return { ...row.item, score: Math.round(p.rank * 10000) / 10000, snippet: snippetHtml(row.snippet) ?? snippetHtml(String(row.item.summary ?? '').slice(0, 240)), match: mode };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: hasMore && last ? encodeCursor([last.rank, last.id]) : null, total, totalIsEstimate: !exact, facets, facetsAreEstimate: !exact, mode, didYouMean };
  }

  /** Plain words only (no quotes or operators): each unknown word replaced by the closest known one. */
  private async correct(m: EntityManager, q: string): Promise<string | null> {
    if (/["()]|(^|\s)-|\bor\b/i.test(q)) return null;
    const words = q.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3).slice(0, 8);
    const fixes = await this.repo.corrections(m, words);
    const replacements = new Map(fixes.filter((f) => f.suggestion && f.suggestion !== f.word).map((f) => [f.word, f.suggestion!]));
    if (!replacements.size) return null;
    return q.toLowerCase().split(/\s+/).map((w) => replacements.get(w) ?? w).join(' ');
  }

  private async browse(m: EntityManager, filters: SearchFilters, limit: number, cursor: string | undefined): Promise<SearchResult> {
    const cap = SEARCH_CANDIDATE_CAP;
    const after = decodeCursor(cursor, 2) as [string, string] | undefined;
    const sample = await this.repo.filterCandidates(m, filters, cap);
    const rows = await this.repo.browsePage(m, filters, after ? { publishedAt: after[0], id: after[1] } : undefined, limit + 1);
    const exact = sample.length <= cap;
    const total = exact ? sample.length : Math.max(await this.repo.estimateCount(m, null, [], filters), sample.length);
    const facets = countFacets(exact ? sample : sample.slice(0, cap), exact ? 1 : total / cap);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...r.item, snippet: null, match: 'browse' })),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.published_at).toISOString(), last.id]) : null,
      total, totalIsEstimate: !exact, facets, facetsAreEstimate: !exact, mode: 'browse', didYouMean: null,
    };
  }

  /** Ranked published items for a case: text, shared objectives, same country or region; reasons given. */
  async similarItems(input: { text: string; objectives: number[]; countryCode: string; limit: number }): Promise<SimilarItem[]> {
    const country = this.reference.country(input.countryCode);
    const regions = country ? [country.region, country.subregion] : [];
    const rows = await this.repo.session((m) => this.repo.similar(m, input.text.slice(0, 20000), input.objectives, input.countryCode, regions, input.limit, 300));
    const maxText = Math.max(1e-9, ...rows.map((r) => Number(r.text_score)));
    const scored = rows.map((r) => {
      const reasons: string[] = [];
      const text = Number(r.text_score) / maxText;
      const objectiveFit = input.objectives.length ? r.shared_objectives.length / input.objectives.length : 0;
      const geo = r.same_country ? 1 : r.same_region ? 0.5 : 0;
      if (r.terms?.length) reasons.push(`shares the terms ${r.terms.slice(0, 5).join(', ')}`);
      if (r.shared_objectives.length) reasons.push(`addresses objective${r.shared_objectives.length > 1 ? 's' : ''} ${r.shared_objectives.join(', ')}`);
      if (r.same_country) reasons.push(`same country (${input.countryCode})`);
      else if (r.same_region) reasons.push(`same region (${regions.join(' / ')})`);
      if (r.kind === 'solution') reasons.push(r.replicated_from ? `a solution replicated from ${r.replicated_from}` : 'a replicable solution');
      const score = 0.5 * text + 0.3 * objectiveFit + 0.15 * geo + (r.kind === 'solution' ? 0.05 : 0);
      return { id: r.id, title: r.title, kind: r.kind, score: Math.round(score * 1000) / 1000, reasons };
    });
    return scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, input.limit);
  }
}
