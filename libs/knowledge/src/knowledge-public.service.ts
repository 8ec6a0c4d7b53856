import { Injectable } from '@nestjs/common';
import { KnowledgeSearchRepository } from './search/knowledge-search.repository';
import { KnowledgeSearchService, SimilarItem } from './search/knowledge-search.service';

/**
 * What other contexts may ask of the knowledge platform. Matches the hub's
 * HubKnowledgePort structurally (bound in composition; knowledge does not import the hub).
 */
@Injectable()
export class KnowledgePublicService {
  constructor(
    private readonly search: KnowledgeSearchService,
    private readonly published: KnowledgeSearchRepository,
  ) {}

  /** Published items drawn from the given requests (the fund links them from its IATI file as documents). */
  async publishedFromRequests(requestIds: string[]) {
    const rows = await this.published.publishedFromRequests(requestIds);
    return rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt).toISOString() }));
  }

  /** Published items ranked for a case by text, shared objectives and geography, with reasons. */
  similarItems(q: { text: string; objectives: number[]; countryCode: string; limit: number }): Promise<SimilarItem[]> {
    return this.search.similarItems({ ...q, limit: Math.min(Math.max(q.limit, 1), 50) });
  }
}
