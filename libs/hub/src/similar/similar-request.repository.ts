import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';

export interface SimilarRequestRow {
  id: string;
  reference: string;
  title: string;
  countryCode: string;
  status: string;
  sharedObjectives: number[];
  textRank: number;
  titleSimilarity: number;
}

@Injectable()
export class SimilarRequestRepository {
  constructor(private readonly db: Database) {}

  /**
   * Requests sharing an objective (GIN index; most overlap first, `limit` rows) or the
   * region (newest `limit / 4`): the candidate set is bounded before any text ranking, so
   * the cost does not grow with matches. Text: full-text rank of the stored title + summary
   * vector against this request's own words (OR-query) and trigram similarity of titles.
   */
  async candidates(q: {
    id: string;
    text: string;
    title: string;
    objectives: number[];
    regionCountries: string[];
    limit: number;
  }): Promise<SimilarRequestRow[]> {
    // objectives are validated integers 1-23: inlined, the overlap count is a cheap per-row sum, no subquery
    const objectives = q.objectives.filter((o) => Number.isInteger(o) && o >= 1 && o <= 23);
    const shared = objectives.length ? objectives.map((o) => `(${o} = ANY(r.objectives))::int`).join(' + ') : '0';
    const rows: {
      id: string;
      reference: string;
      title: string;
      country_code: string;
      status: string;
      shared: number[] | null;
      text_rank: number;
      title_sim: number;
    }[] = await this.db.manager.query(
      `WITH c AS (
              (SELECT r.id FROM support_request r
                WHERE r.objectives && $4::int[] AND r.id <> $1 AND r.status NOT IN ('draft', 'withdrawn')
                ORDER BY ${shared} DESC, r.id DESC LIMIT $6)
              UNION
              (SELECT r.id FROM support_request r
                WHERE r.country_code = ANY($5::char(3)[]) AND r.id <> $1 AND r.status NOT IN ('draft', 'withdrawn')
                ORDER BY r.id DESC LIMIT $7)),
            q AS (SELECT coalesce((SELECT string_agg(quote_literal(lexeme), ' | ') FROM unnest(to_tsvector('english', $2))), '')::tsquery AS tq)
       SELECT r.id, r.reference, r.title, r.country_code, r.status,
              ARRAY(SELECT unnest(r.objectives) INTERSECT SELECT unnest($4::int[]) ORDER BY 1) AS shared,
              ts_rank(coalesce(r.search_vector, ''::tsvector), q.tq) AS text_rank,
              similarity(r.title, $3) AS title_sim
         FROM c JOIN support_request r ON r.id = c.id CROSS JOIN q`,
      [q.id, q.text, q.title, objectives, q.regionCountries, q.limit, Math.ceil(q.limit / 4)],
    );
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      countryCode: r.country_code,
      status: r.status,
      sharedObjectives: r.shared ?? [],
      textRank: Number(r.text_rank),
      titleSimilarity: Number(r.title_sim),
    }));
  }
}
