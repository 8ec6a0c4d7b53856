import { Injectable } from '@nestjs/common';
import { TransactionalRepository, Transaction } from '@cbm/core';

export interface SearchFilters {
  kind?: string;
  objective?: number;
  country?: string;
  region?: string;
  organisation?: string;
  year?: number;
  language?: string;
}

/** The page wanted from a text search: keyset after (rank, id), size, and the words to correct when nothing matches. */
export interface TextPageQuery {
  after?: { rank: number; id: string };
  limit: number;
  typoWords: string[];
}

/** What one search statement returns. */
export interface SearchRows {
  /** Matching items found, up to the cap + 1 (more than the cap: the match is larger). */
  matches: number;
  /** Above the cap: the match counted in one partition of eight, times eight. */
  estimate: number | null;
  /** [facet, value, count] over the first `cap` matches. */
  facets: [string, string | number, number][];
  /** The page plus one row without a snippet (its presence says there is more); `key` is the rank as text or the publication time. */
  page: { id: string; key: string; item: Record<string, unknown>; snippet?: string | null }[];
  /** [word, closest vocabulary word or null when known] when nothing matched and words were given. */
  corrections: [string, string | null][] | null;
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
 * Counts per filter value over the `sample` CTE as [facet, value, count] triples (values as text:
 * the service turns objectives and years back into numbers). Arrays are unnested in the select
 * list: a per-row function scan cost ten times more.
 */
const FACETS_SQL = `SELECT coalesce(jsonb_agg(jsonb_build_array(f.name, f.value, f.n)), '[]') FROM (
    SELECT 'kind' AS name, kind AS value, count(*) AS n FROM sample GROUP BY kind
    UNION ALL SELECT 'language', language, count(*) FROM sample GROUP BY language
    UNION ALL SELECT 'year', year::text, count(*) FROM sample GROUP BY year
    UNION ALL SELECT 'objective', v::text, count(*) FROM (SELECT unnest(objectives) AS v FROM sample) x GROUP BY v
    UNION ALL SELECT 'country', v, count(*) FROM (SELECT unnest(countries) AS v FROM sample) x GROUP BY v
    UNION ALL SELECT 'region', v, count(*) FROM (SELECT unnest(regions) AS v FROM sample) x GROUP BY v
    UNION ALL SELECT 'organisation', v::text, count(*) FROM (SELECT unnest(organisation_ids) AS v FROM sample) x GROUP BY v) f`;

/** For each word not in the vocabulary of published titles and summaries, the closest one by trigrams. */
const CORRECTIONS_SQL = (wordsParam: string) => `SELECT jsonb_agg(jsonb_build_array(w.word,
      CASE WHEN EXISTS (SELECT 1 FROM knowledge_term t WHERE t.word = w.word) THEN NULL
           ELSE (SELECT t.word FROM knowledge_term t WHERE t.word % w.word ORDER BY similarity(t.word, w.word) DESC, t.word LIMIT 1) END) ORDER BY w.n)
    FROM unnest(${wordsParam}::text[]) WITH ORDINALITY AS w(word, n)`;

/** ts_headline parses all the text it is given: the summary alone when it holds a hit, else the body's start. */
function snippetSql(tsq: string): string {
  const opts = `'StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "'`;
  return `CASE WHEN to_tsvector(s.text_config::regconfig, s.summary) @@ ${tsq} THEN ts_headline(s.text_config::regconfig, s.summary, ${tsq}, ${opts})
              ELSE ts_headline(s.text_config::regconfig, left(s.body_text, 4000), ${tsq}, ${opts}) END`;
}

/** The published projection: written by the workflow's transitions, and every public-search query reads only it. */
@Injectable()
export class KnowledgeSearchRepository extends TransactionalRepository {
  /**
   * One short read transaction per search. Bounded queries: no parallel workers (starting
   * them cost 20 ms for a 0.4 ms query, measured) and no sequential scans (a scan tests every
   * document; the tiers must stop after `cap` index hits whatever the word). No JIT: the cost
   * penalty of a disabled scan pushed a 3 ms browse query over the JIT threshold (370 ms to compile).
   */
  async session<T>(work: (search: KnowledgeSearchRepository) => Promise<T>): Promise<T> {
    // read only, so nothing to write before COMMIT: BEGIN and the settings go in one round trip (one
    // simple-protocol message) instead of three through Database.transaction
    const runner = this.db.dataSource.createQueryRunner();
    try {
      await runner.query(
        'BEGIN; SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_seqscan = off; SET LOCAL jit = off',
      );
      const result = await work(this.in(new Transaction(runner.manager)));
      await runner.query('COMMIT');
      return result;
    } catch (err) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** The public row of an item that is (still) published, its words added to the vocabulary. */
  async upsert(r: ProjectionRow): Promise<void> {
    const params: unknown[] = [
      r.itemId,
      r.kind,
      r.language,
      r.year,
      r.publishedAt,
      r.version,
      r.objectives,
      r.countries,
      r.regions,
      r.organisationIds,
      r.title,
      r.summary,
      r.bodyText,
      r.textConfig,
      JSON.stringify(r.payload),
      r.tags.join(' '),
      [...new Set([r.textConfig, ...r.translations.map((t) => t.textConfig)])],
    ];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const translatedTitles = r.translations.map(
      (t) => `setweight(to_tsvector(${p(t.textConfig)}::regconfig, ${p(t.title)}), 'A')`,
    );
    const translatedSummaries = r.translations.map(
      (t) => `setweight(to_tsvector(${p(t.textConfig)}::regconfig, ${p(t.summary)}), 'B')`,
    );
    const head = [
      `setweight(to_tsvector($14::text::regconfig, $11), 'A')`,
      ...translatedTitles,
      `setweight(to_tsvector($14::text::regconfig, $12), 'B')`,
      ...translatedSummaries,
    ];
    const doc = [
      ...head,
      `setweight(to_tsvector($14::text::regconfig, $13), 'C')`,
      `setweight(to_tsvector('simple', $16), 'D')`,
    ].join(' || ');
    await this.manager.query(
      `INSERT INTO knowledge_search (item_id, kind, language, year, published_at, version, objectives, countries, regions, organisation_ids, title, summary, body_text, text_config, payload, text_configs, doc, head_doc)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text, $15, $17, ${doc}, ${head.join(' || ')})
       ON CONFLICT (item_id) DO UPDATE SET kind = EXCLUDED.kind, language = EXCLUDED.language, year = EXCLUDED.year, published_at = EXCLUDED.published_at,
         version = EXCLUDED.version, objectives = EXCLUDED.objectives, countries = EXCLUDED.countries, regions = EXCLUDED.regions,
         organisation_ids = EXCLUDED.organisation_ids, title = EXCLUDED.title, summary = EXCLUDED.summary, body_text = EXCLUDED.body_text,
         text_config = EXCLUDED.text_config, text_configs = EXCLUDED.text_configs, payload = EXCLUDED.payload, doc = EXCLUDED.doc, head_doc = EXCLUDED.head_doc`,
      params,
    );
    const words = [r.title, r.summary, ...r.translations.flatMap((t) => [t.title, t.summary])].join(' ');
    await this.manager.query(
      // in word order: two publishes sharing new words take their locks in the same order, never in a cycle
      `INSERT INTO knowledge_term (word) SELECT DISTINCT lower(w) FROM regexp_split_to_table($1, '[^[:alpha:]]+') AS w WHERE length(w) BETWEEN 3 AND 40 ORDER BY 1 ON CONFLICT DO NOTHING`,
      [words],
    );
  }

  async remove(itemId: string): Promise<void> {
    await this.manager.query(`DELETE FROM knowledge_search WHERE item_id = $1`, [itemId]);
  }

  /**
   * One statement per text search. Candidates: up to `cap + 1` items matching anywhere, plus,
   * when that overflows, up to `cap` matching in a title or summary (those ranking can lift).
   * Each tier stops at its cap whatever the word (bitmap scans only, see session()), ranking reads
   * the small head vector, facets are counted over the first `cap` matches, the page is cut by
   * the keyset and only its items get a snippet. Above the cap the total is estimated by counting
   * the match in one hash partition of eight (a uniform sample: items are hashed by id) from the
   * index alone: the parses OR-ed without the per-language check, so no row is read.
   * With no match at all and `typoWords` given, the closest vocabulary word of each unknown one.
   */
  async textSearch(
    q: string,
    configs: string[],
    f: SearchFilters,
    cap: number,
    page: TextPageQuery,
  ): Promise<SearchRows> {
    const params: unknown[] = [q];
    const filters = filterSql(f, params);
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const capP = p(cap);
    const tsq = tsquerySql(configs, '$1');
    const rank = `ts_rank(s.head_doc, ${tsq})::float8`;
    // one branch per configuration: the match stays an index condition (a bitmap needs no recheck,
    // so the large vector is never read); an item in several languages comes once per branch
    const docTier = configs
      .map(
        (c) => `SELECT s.item_id AS id, ${rank} AS rank, ${FACET_COLUMNS} FROM knowledge_search s
        WHERE s.text_configs @> ARRAY['${c}'] AND s.doc @@ websearch_to_tsquery('${c}'::regconfig, $1)${filters}`,
      )
      .join(' UNION ALL ');
    // the head vector is small (ranking reads it anyway): one branch, the per-language check on the
    // row; ts_match_vq is @@ written as a function, which the planner does not try to match to an
    // index (as an operator each arm became a bitmap path to cost: planning doubled)
    const perLanguage = configs
      .map(
        (c) =>
          `(s.text_configs @> ARRAY['${c}'] AND ts_match_vq(s.head_doc, websearch_to_tsquery('${c}'::regconfig, $1)))`,
      )
      .join(' OR ');
    const headTier = `SELECT s.item_id AS id, ${rank} AS rank FROM knowledge_search s WHERE s.head_doc @@ ${tsq} AND (${perLanguage})${filters}`;
    const after = page.after
      ? `WHERE c.rank < ${p(page.after.rank)}::float8 OR (c.rank = $${params.length}::float8 AND c.id > ${p(page.after.id)}::uuid)`
      : '';
    const limitP = p(page.limit + 1);
    const wordsP = p(page.typoWords);
    const snippet = snippetSql(tsq);
    const rows: SearchRows[] = await this.manager.query(
      `WITH doc_tier AS MATERIALIZED (SELECT * FROM (${docTier}) x LIMIT ${capP}::int + 1),
       head_tier AS MATERIALIZED (${headTier} AND (SELECT count(*) FROM doc_tier) > ${capP}::int LIMIT ${capP}::int),
       sample AS MATERIALIZED (SELECT DISTINCT ON (id) * FROM doc_tier LIMIT ${capP}::int),
       page AS MATERIALIZED (
         SELECT c.id, c.rank, row_number() OVER (ORDER BY c.rank DESC, c.id) AS n FROM (SELECT id, rank FROM doc_tier UNION SELECT id, rank FROM head_tier) c ${after}
          ORDER BY c.rank DESC, c.id LIMIT ${limitP})
       SELECT CASE WHEN (SELECT count(*) FROM doc_tier) > ${capP}::int THEN ${capP}::int + 1 ELSE (SELECT count(DISTINCT id) FROM doc_tier)::int END AS matches,
              CASE WHEN (SELECT count(*) FROM doc_tier) > ${capP}::int
                   THEN (SELECT count(*) * 8 FROM knowledge_search_p0 s WHERE s.doc @@ ${tsq}${filters})::int END AS estimate,
              (${FACETS_SQL}) AS facets,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('id', pg.id, 'key', pg.rank::text, 'item', s.payload - 'body' - 'bodyHtml',
                                                     'snippet', CASE WHEN pg.n <= ${limitP} - 1 THEN ${snippet} END) ORDER BY pg.n), '[]')
                 FROM page pg JOIN knowledge_search s ON s.item_id = pg.id) AS page,
              CASE WHEN cardinality(${wordsP}::text[]) > 0 AND NOT EXISTS (SELECT 1 FROM doc_tier) THEN (${CORRECTIONS_SQL(wordsP)}) END AS corrections`,
      params,
    );
    return rows[0];
  }

  /** One statement per browse (no words): the facet sample, the estimate above the cap, the newest-first page. */
  async browse(
    f: SearchFilters,
    cap: number,
    after: { publishedAt: string; id: string } | undefined,
    limit: number,
  ): Promise<SearchRows> {
    const params: unknown[] = [];
    const filters = filterSql(f, params);
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const capP = p(cap);
    const keyset = after
      ? ` AND (s.published_at, s.item_id) < (${p(after.publishedAt)}::timestamptz, ${p(after.id)}::uuid)`
      : '';
    const rows: SearchRows[] = await this.manager.query(
      `WITH doc_tier AS MATERIALIZED (SELECT s.item_id AS id, ${FACET_COLUMNS} FROM knowledge_search s WHERE true${filters} LIMIT ${capP}::int + 1),
       sample AS MATERIALIZED (SELECT * FROM doc_tier LIMIT ${capP}::int),
       page AS MATERIALIZED (
         SELECT s.item_id AS id, s.published_at, s.payload - 'body' - 'bodyHtml' AS item FROM knowledge_search s WHERE true${filters}${keyset}
          ORDER BY s.published_at DESC, s.item_id DESC LIMIT ${p(limit + 1)})
       SELECT (SELECT count(*) FROM doc_tier)::int AS matches,
              CASE WHEN (SELECT count(*) FROM doc_tier) > ${capP}::int THEN (SELECT count(*) * 8 FROM knowledge_search_p0 s WHERE true${filters})::int END AS estimate,
              (${FACETS_SQL}) AS facets,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('id', pg.id, 'key', pg.published_at, 'item', pg.item) ORDER BY pg.published_at DESC, pg.id DESC), '[]') FROM page pg) AS page,
              NULL AS corrections`,
      params,
    );
    return rows[0];
  }

  /** Published items drawn from the given requests (a solution remembers the request it was replicated from). */
  publishedFromRequests(
    requestIds: string[],
  ): Promise<{ id: string; requestId: string; title: string; language: string; kind: string; publishedAt: Date }[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return this.manager.query(
      `SELECT s.item_id AS id, s.payload #>> '{replicatedFrom,requestId}' AS "requestId", s.title, s.language, s.kind,
              s.published_at AS "publishedAt"
         FROM knowledge_search s
        WHERE s.payload #>> '{replicatedFrom,requestId}' = ANY($1::text[])
        ORDER BY s.published_at, s.item_id`,
      [requestIds],
    );
  }

  findPublished(id: string): Promise<{ item: Record<string, unknown>; version: number }[]> {
    return this.manager.query(`SELECT payload AS item, version FROM knowledge_search WHERE item_id = $1`, [id]);
  }

  /** One keyset batch of the bulk export (no cursor held open: works on the one-connection database). */
  /**
   * One keyset batch of the published projection for the bulk exports. `omit` drops payload keys
   * in the database (the CSV has no body), and `asText` returns each payload as PostgreSQL wrote
   * it, so a JSON Lines export neither parses nor re-serialises what it passes through.
   */
  exportBatch(
    afterId: string | null,
    size: number,
    o: { omit?: readonly string[]; asText: true },
  ): Promise<{ id: string; item: string }[]>;
  exportBatch(
    afterId: string | null,
    size: number,
    o?: { omit?: readonly string[]; asText?: false },
  ): Promise<{ id: string; item: Record<string, unknown> }[]>;
  exportBatch(
    afterId: string | null,
    size: number,
    o: { omit?: readonly string[]; asText?: boolean } = {},
  ): Promise<{ id: string; item: unknown }[]> {
    const payload = `(payload - $1::text[])${o.asText ? '::text' : ''}`;
    return afterId
      ? this.manager.query(
          `SELECT item_id AS id, ${payload} AS item FROM knowledge_search WHERE item_id > $3 ORDER BY item_id LIMIT $2`,
          [o.omit ?? [], size, afterId],
        )
      : this.manager.query(`SELECT item_id AS id, ${payload} AS item FROM knowledge_search ORDER BY item_id LIMIT $2`, [
          o.omit ?? [],
          size,
        ]);
  }

  async stats(): Promise<{ count: number; modified: Date | null }> {
    const [row]: { count: string; modified: Date | null }[] = await this.manager.query(
      `SELECT count(*) AS count, max(published_at) AS modified FROM knowledge_search`,
    );
    return { count: Number(row.count), modified: row.modified };
  }

  /**
   * Similar published items for a text, bounded: the text's informative lexemes (planner
   * statistics drop those in more than 5 % of items; autovacuum analyses the partitions, not the
   * partitioned table, so the first partition's sample stands in) OR-ed into one query limited to `cap`
   * matches, plus items sharing an objective in the same country or region; only that set is ranked.
   */
  async similar(
    text: string,
    objectives: number[],
    countryCode: string,
    regions: string[],
    limit: number,
    cap: number,
  ) {
    const rows: SimilarRow[] = await this.manager.query(
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
