import { Injectable } from '@nestjs/common';
import { Actor, isUuid } from '@cbm/core';
import { KnowledgeItemRepository } from './item/knowledge-item.repository';
import { isEditable, mayEdit } from './item/knowledge-item.workflow';
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
    private readonly items: KnowledgeItemRepository,
  ) {}

  /**
   * What `actor` may do with an item's documents (its downloadable resources): `none` when they do
   * not see the item, `write` for its editors while it is not public (what is published was reviewed
   * with its files), `read` otherwise.
   */
  async documentAccess(actor: Actor, itemId: string): Promise<'none' | 'read' | 'write'> {
    if (!isUuid(itemId)) return 'none';
    const k = await this.items.findScoped(actor, itemId);
    if (!k) return 'none';
    return mayEdit(actor, k) && isEditable(k.status) ? 'write' : 'read';
  }

  /** The item is published: its documents are open to anyone. */
  async isPublished(itemId: string): Promise<boolean> {
    return isUuid(itemId) && (await this.items.isPublished(itemId));
  }

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
