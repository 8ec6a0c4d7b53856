import { KnowledgeItemVersionEntity } from './item/knowledge-item-version.entity';
import { KnowledgeItemEntity } from './item/knowledge-item.entity';
import { KnowledgeReviewEntity } from './item/knowledge-review.entity';
import { KnowledgeSearchEntity, KnowledgeTermEntity } from './search/knowledge-search.entity';

export * from './knowledge.module';
export * from './knowledge-public.service';
export { KnowledgeItemService } from './item/knowledge-item.service';
export type { NewItem, SolutionFacts } from './item/knowledge-item.service';
export { KnowledgeItemView } from './item/knowledge-item.view';
export * from './item/knowledge-item.workflow';
export { KnowledgeSearchService, SEARCH_CANDIDATE_CAP } from './search/knowledge-search.service';
export type { SearchResult, SimilarItem } from './search/knowledge-search.service';
export { REQUEST_COMPLETED } from './knowledge-events';
export { openDataRateLimit } from './open/open-rate-limit';
export const KNOWLEDGE_ENTITIES = [
  KnowledgeItemEntity,
  KnowledgeItemVersionEntity,
  KnowledgeReviewEntity,
  KnowledgeSearchEntity,
  KnowledgeTermEntity,
];
