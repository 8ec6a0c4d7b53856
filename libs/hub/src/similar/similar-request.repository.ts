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
   * Earlier requests sharing an objective or a region with this one: the candidate set is
   * bounded (objective overlap first, `limit` rows) before any text ranking, so the cost
   * does not grow with matches. Text: full-text rank of title + summary against this
   * request's own words (OR-query) and trigram similarity of titles.
   */
  async candidates(q: { id: string; text: string; title: string; objectives: number[]; regionCountries: string[]; limit: number }): Promise<SimilarRequestRow[]> {
    const rows: { id: string; reference: string; title: string; country_code: string; status: string; shared: number[] | null; text_rank: number; title_sim: number }[] = await this.db.manager.query(
      `WITH q AS (SELECT coalesce((SELECT string_agg(quote_literal(lexeme), ' | ') FROM unnest(to_tsvector('english', $2))), '')::tsquery AS tq),
            c AS (SELECT r.id, r.reference, r.title, r.summary, r.country_code, r.status,
                         ARRAY(SELECT unnest(r.objectives) INTERSECT SELECT unnest($4::int[]) ORDER BY 1) AS shared
                    FROM support_request r
                   WHERE r.id <> $1 AND r.status NOT IN ('draft', 'withdrawn')
                     AND (r.objectives && $4::int[] OR r.country_code = ANY($5::char(3)[]))
                   ORDER BY cardinality(ARRAY(SELECT unnest(r.objectives) INTERSECT SELECT unnest($4::int[]))) DESC, r.id DESC
                   LIMIT $6)
       SELECT c.id, c.reference, c.title, c.country_code, c.status, c.shared,
              ts_rank(to_tsvector('english', c.title || ' ' || c.summary), q.tq) AS text_rank,
              similarity(c.title, $3) AS title_sim
         FROM c, q`,
      [q.id, q.text, q.title, q.objectives, q.regionCountries, q.limit],
    );
    return rows.map((r) => ({ id: r.id, reference: r.reference, title: r.title, countryCode: r.country_code, status: r.status, sharedObjectives: r.shared ?? [], textRank: Number(r.text_rank), titleSimilarity: Number(r.title_sim) }));
  }
}
