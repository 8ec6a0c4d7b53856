import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import { EntityManager } from 'typeorm';

export interface SearchFilters {
  kind?: string;
  objective?: number;
  country?: string;
  region?: string;
  organisation?: string;
  year?: number;
  language?: string;
}

/** One matching item as the ranker and the facet counter need it (no text). */
export interface Candidate {
  id: string;
  rank: number;
  kind: string;
  language: string;
  year: number;
  objectives: number[];
  countries: string[];
  regions: string[];
  organisation_ids: string[];
}

export interface ProjectionRow {
  itemId: string;
  kind: string;
  language: string;
  year: number;
  publishedAt: Date;
  version: number;
  objectives: number[];
  countries: string[];
  regions: string[];
  organisationIds: string[];
  title: string;
  summary: string;
  bodyText: string;
  tags: string[];
  textConfig: string;
  translations: { textConfig: string; title: string; summary: string }[];
  payload: Record<string, unknown>;
}

export interface SimilarRow {
  id: string;
  title: string;
  kind: string;
  text_score: number;
  shared_objectives: number[];
  same_country: boolean;
  same_region: boolean;
  terms: string[] | null;
  replicated_from: string | null;
}

const FACET_COLUMNS = 's.kind, s.language, s.year, s.objectives, s.countries, s.regions, s.organisation_ids';
const MARK_START = '\u0002';
const MARK_STOP = '\u0003';

/** Builds `AND ...` filter SQL with numbered parameters appended to `params`. */
function filterSql(f: SearchFilters, params: unknown[]): string {
  const parts: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.kind) parts.push(`s.kind = ${p(f.kind)}`);
  if (f.language) parts.push(`s.language = ${p(f.language)}`);
  if (f.year) parts.push(`s.year = ${p(f.year)}`);
  if (f.objective) parts.push(`s.objectives @> ARRAY[${p(f.objective)}::int]`);
  if (f.country) parts.push(`s.countries @> ARRAY[${p(f.country)}::text]`);
  if (f.region) parts.push(`s.regions @> ARRAY[${p(f.region)}::text]`);
  if (f.organisation) parts.push(`s.organisation_ids @> ARRAY[${p(f.organisation)}::uuid]`);
  return parts.map((x) => ` AND ${x}`).join('');
}

/** websearch syntax parsed with each configuration, OR-ed: a French query finds French items. */
function tsquerySql(configs: string[], qParam: string): string {
  return `(${configs.map((c) => `websearch_to_tsquery('${c}'::regconfig, ${qParam})`).join(' || ')})`;
}

/**
 * Each configuration's parse matches only items written or translated in that language, so
 * stems of one language never meet another's (and `-word` keeps its meaning).
 */
function matchSql(configs: string[], qParam: string, column: 'doc' | 'head_doc'): string {
  return `(${configs.map((c) => `(s.text_configs @> ARRAY['${c}'] AND s.${column} @@ websearch_to_tsquery('${c}'::regconfig, ${qParam}))`).join(' OR ')})`;
}

/** Every public-search query: reads only the published projection. */
@Injectable()
export class KnowledgeSearchRepository {
  constructor(private readonly db: Database) {}

  /**
   * One short read transaction per search. Bounded queries: no parallel workers (starting
   * them cost 20 ms for a 0.4 ms query, measured) and no sequential scans (a scan tests every
   * document; the tiers must stop after `cap` index hits whatever the word). No JIT: the cost
   * penalty of a disabled scan pushed a 3 ms browse query over the JIT threshold (370 ms to compile).
   */
  session<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await m.query('SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_seqscan = off; SET LOCAL jit = off');
      return work(m);
    });
  }

  async upsert(m: EntityManager, r: ProjectionRow): Promise<void> {
    const params: unknown[] = [
      r.itemId, r.kind, r.language, r.year, r.publishedAt, r.version, r.objectives, r.countries, r.regions, r.organisationIds, r.title, r.summary, r.bodyText, r.textConfig, JSON.stringify(r.payload), r.tags.join(' '),
      [...new Set([r.textConfig, ...r.translations.map((t) => t.textConfig)])],
    ];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const translatedTitles = r.translations.map((t) => `setweight(to_tsvector(${p(t.textConfig)}::regconfig, ${p(t.title)}), 'A')`);
    const translatedSummaries = r.translations.map((t) => `setweight(to_tsvector(${p(t.textConfig)}::regconfig, ${p(t.summary)}), 'B')`);
    const head = [`setweight(to_tsvector($14::text::regconfig, $11), 'A')`, ...translatedTitles, `setweight(to_tsvector($14::text::regconfig, $12), 'B')`, ...translatedSummaries];
    const doc = [...head, `setweight(to_tsvector($14::text::regconfig, $13), 'C')`, `setweight(to_tsvector('simple', $16), 'D')`].join(' || ');
    await m.query(
      `INSERT INTO knowledge_search (item_id, kind, language, year, published_at, version, objectives, countries, regions, organisation_ids, title, summary, body_text, text_config, payload, text_configs, doc, head_doc)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text, $15, $17, ${doc}, ${head.join(' || ')})
       ON CONFLICT (item_id) DO UPDATE SET kind = EXCLUDED.kind, language = EXCLUDED.language, year = EXCLUDED.year, published_at = EXCLUDED.published_at,
         version = EXCLUDED.version, objectives = EXCLUDED.objectives, countries = EXCLUDED.countries, regions = EXCLUDED.regions,
         organisation_ids = EXCLUDED.organisation_ids, title = EXCLUDED.title, summary = EXCLUDED.summary, body_text = EXCLUDED.body_text,
         text_config = EXCLUDED.text_config, text_configs = EXCLUDED.text_configs, payload = EXCLUDED.payload, doc = EXCLUDED.doc, head_doc = EXCLUDED.head_doc`,
      params,
    );
    const words = [r.title, r.summary, ...r.translations.flatMap((t) => [t.title, t.summary])].join(' ');
    await m.query(
      // in word order: two publishes sharing new words take their locks in the same order, never in a cycle
      `INSERT INTO knowledge_term (word) SELECT DISTINCT lower(w) FROM regexp_split_to_table($1, '[^[:alpha:]]+') AS w WHERE length(w) BETWEEN 3 AND 40 ORDER BY 1 ON CONFLICT DO NOTHING`,
      [words],
    );
  }

  async remove(m: EntityManager, itemId: string): Promise<void> {
    await m.query(`DELETE FROM knowledge_search WHERE item_id = $1`, [itemId]);
  }

  /**
   * Bounded candidate set for a text query: up to `cap + 1` items matching anywhere, plus up to
   * `cap` matching in a title or summary (the ones ranking can lift). Each tier stops at its cap
   * whatever the word, bitmap scans only (a sequential scan would test every document), and
   * ranking reads the small head vector. `docMatches` > cap means the full set is larger.
   */
  async textCandidates(m: EntityManager, q: string, configs: string[], f: SearchFilters, cap: number): Promise<{ candidates: Candidate[]; docMatches: number }> {
    {
      const params: unknown[] = [q];
      const filters = filterSql(f, params);
      params.push(cap);
      const capParam = `$${params.length}`;
      const rank = `ts_rank(s.head_doc, ${tsquerySql(configs, '$1')})`;
      const branches = (column: 'doc' | 'head_doc') =>
        configs.map((c) => `SELECT s.item_id AS id, ${rank} AS rank, ${FACET_COLUMNS} FROM knowledge_search s
            WHERE s.text_configs @> ARRAY['${c}'] AND s.${column} @@ websearch_to_tsquery('${c}'::regconfig, $1)${filters}`).join(' UNION ALL ');
      const docTier: Candidate[] = await m.query(`SELECT * FROM (${branches('doc')}) x LIMIT ${capParam} + 1`, params);
      // the title/summary tier matters only when the whole match did not fit: it is a subset of it
      const headTier: Candidate[] = docTier.length > cap ? await m.query(`SELECT * FROM (${branches('head_doc')}) x LIMIT ${capParam}`, params) : [];
      const rows = [...docTier, ...headTier];
      // an item in several languages matches once per text configuration: count items, not rows
      const docMatches = docTier.length > cap ? docTier.length : new Set(docTier.map((r) => r.id)).size;
      const unique = new Map<string, Candidate>();
      for (const r of rows) if (!unique.has(r.id) || unique.get(r.id)!.rank < r.rank) unique.set(r.id, r);
      return { candidates: [...unique.values()], docMatches };
    }
  }

  /** For each word not in the vocabulary of published titles and summaries, the closest one by trigrams. */
  async corrections(m: EntityManager, words: string[]): Promise<{ word: string; suggestion: string | null }[]> {
    if (!words.length) return [];
    return m.query(
      `SELECT w.word, CASE WHEN EXISTS (SELECT 1 FROM knowledge_term t WHERE t.word = w.word) THEN NULL
              ELSE (SELECT t.word FROM knowledge_term t WHERE t.word % w.word ORDER BY similarity(t.word, w.word) DESC, t.word LIMIT 1) END AS suggestion
         FROM unnest($1::text[]) WITH ORDINALITY AS w(word, n) ORDER BY w.n`,
      [words],
    );
  }

  /** Browse without words: the facet sample and the count bound. */
  filterCandidates(m: EntityManager, f: SearchFilters, cap: number): Promise<Candidate[]> {
    const params: unknown[] = [];
    const filters = filterSql(f, params);
    params.push(cap + 1);
    return m.query(`SELECT s.item_id AS id, 0 AS rank, ${FACET_COLUMNS} FROM knowledge_search s WHERE true${filters} LIMIT $${params.length}`, params);
  }

  /** Newest first, keyset on (published_at, item_id). */
  async browsePage(m: EntityManager, f: SearchFilters, after: { publishedAt: string; id: string } | undefined, limit: number): Promise<{ id: string; published_at: Date; item: Record<string, unknown> }[]> {
    const params: unknown[] = [];
    let where = `true${filterSql(f, params)}`;
    if (after) {
      params.push(after.publishedAt, after.id);
      where += ` AND (s.published_at, s.item_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    return m.query(
      `SELECT s.item_id AS id, s.published_at, s.payload - 'body' - 'bodyHtml' AS item FROM knowledge_search s WHERE ${where}
        ORDER BY s.published_at DESC, s.item_id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** The page's items with highlighted snippets (markers \u0002 \u0003, escaped later). */
  async pageWithSnippets(m: EntityManager, ids: string[], q: string | null, configs: string[]): Promise<{ id: string; item: Record<string, unknown>; snippet: string | null }[]> {
    if (!ids.length) return [];
    // ts_headline parses all the text it is given: the summary alone when it holds a hit, else the body's start
    const tsq = tsquerySql(configs, '$2');
    const opts = `'StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "'`;
    const snippet = q
      ? `CASE WHEN to_tsvector(s.text_config::regconfig, s.summary) @@ ${tsq} THEN ts_headline(s.text_config::regconfig, s.summary, ${tsq}, ${opts})
              ELSE ts_headline(s.text_config::regconfig, left(s.body_text, 4000), ${tsq}, ${opts}) END`
      : 'NULL';
    return m.query(`SELECT s.item_id AS id, s.payload - 'body' - 'bodyHtml' AS item, ${snippet} AS snippet FROM knowledge_search s WHERE s.item_id = ANY($1::uuid[])`, q ? [ids, q] : [ids]);
  }

  /** The planner's row estimate for a filtered match: a cheap total when the real one is above the cap. */
  async estimateCount(m: EntityManager, q: string | null, configs: string[], f: SearchFilters): Promise<number> {
    const params: unknown[] = q ? [q] : [];
    const where = q ? matchSql(configs, '$1', 'doc') : 'true';
    const filters = filterSql(f, params);
    const plan: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] = await m.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM knowledge_search s WHERE ${where}${filters}`, params);
    const raw = plan[0]['QUERY PLAN'];
    const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: { 'Plan Rows': number } }];
    return Math.round(parsed[0].Plan['Plan Rows']);
  }

  findPublished(id: string): Promise<{ item: Record<string, unknown>; version: number }[]> {
    return this.db.query(`SELECT payload AS item, version FROM knowledge_search WHERE item_id = $1`, [id]);
  }

  /** One keyset batch of the bulk export (no cursor held open: works on the one-connection database). */
  exportBatch(afterId: string | null, size: number): Promise<{ id: string; item: Record<string, unknown> }[]> {
    return afterId
      ? this.db.query(`SELECT item_id AS id, payload AS item FROM knowledge_search WHERE item_id > $1 ORDER BY item_id LIMIT $2`, [afterId, size])
      : this.db.query(`SELECT item_id AS id, payload AS item FROM knowledge_search ORDER BY item_id LIMIT $1`, [size]);
  }

  async stats(): Promise<{ count: number; modified: Date | null }> {
    const [row]: { count: string; modified: Date | null }[] = await this.db.query(`SELECT count(*) AS count, max(published_at) AS modified FROM knowledge_search`);
    return { count: Number(row.count), modified: row.modified };
  }

  /**
   * Similar published items for a text, bounded: the text's informative lexemes (planner
   * statistics drop those in more than 5 % of items; autovacuum analyses the partitions, not the
   * partitioned table, so the first partition's sample stands in) OR-ed into one query limited to `cap`
   * matches, plus items sharing an objective in the same country or region; only that set is ranked.
   */
  async similar(m: EntityManager, text: string, objectives: number[], countryCode: string, regions: string[], limit: number, cap: number) {
    const rows: SimilarRow[] = await m.query(
      `WITH common AS (
         SELECT coalesce(array_agg(e.elem), '{}') AS lexemes
           FROM pg_stats st, unnest(st.most_common_elems::text::text[], st.most_common_elem_freqs) AS e(elem, freq)
          WHERE st.tablename IN ('knowledge_search', 'knowledge_search_p0') AND st.attname = 'doc' AND e.freq > 0.05),
       terms AS (
         SELECT coalesce(array_agg(t.lexeme), '{}') AS lexemes FROM (
           SELECT v.lexeme FROM unnest(to_tsvector('english', $1)) v, common
            WHERE length(v.lexeme) > 2 AND NOT v.lexeme = ANY(common.lexemes)
            ORDER BY array_length(v.positions, 1) DESC, v.positions[1] LIMIT 12) t),
       tq AS (SELECT CASE WHEN cardinality(lexemes) = 0 THEN NULL ELSE array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest(lexemes) l), ' | ')::tsquery END AS q, lexemes FROM terms),
       candidates AS MATERIALIZED (
         (SELECT s.item_id FROM knowledge_search s, tq WHERE tq.q IS NOT NULL AND s.doc @@ tq.q LIMIT $5)
         UNION
         (SELECT s.item_id FROM knowledge_search s WHERE s.objectives && $2::int[] AND (s.countries @> ARRAY[$3::text] OR s.regions && $4::text[]) LIMIT $5))
       SELECT s.item_id AS id, s.title, s.kind,
              CASE WHEN tq.q IS NULL THEN 0 ELSE ts_rank(s.doc, tq.q) END AS text_score,
              ARRAY(SELECT unnest(s.objectives) INTERSECT SELECT unnest($2::int[]) ORDER BY 1) AS shared_objectives,
              s.countries @> ARRAY[$3::text] AS same_country, s.regions && $4::text[] AS same_region,
              ARRAY(SELECT l FROM unnest(tq.lexemes) l WHERE tq.q IS NOT NULL AND s.doc @@ quote_literal(l)::tsquery) AS terms,
              s.payload #>> '{replicatedFrom,reference}' AS replicated_from
         FROM candidates c JOIN knowledge_search s ON s.item_id = c.item_id, tq
        LIMIT $6`,
      [text, objectives, countryCode, regions, cap, Math.max(limit, cap * 2)],
    );
    return rows;
  }
}
