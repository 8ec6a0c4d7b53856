import { Module } from '@nestjs/common';
import { ReferenceModule } from '@cbm/reference';
import { KnowledgeImportService } from './import/knowledge-import.service';
import { KnowledgeItemController } from './item/knowledge-item.controller';
import { KnowledgeItemRepository } from './item/knowledge-item.repository';
import { KnowledgeItemService } from './item/knowledge-item.service';
import { KnowledgeEventSubscriber } from './knowledge-events';
import { KnowledgePublicService } from './knowledge-public.service';
import { KnowledgeUnitOfWork } from './knowledge-unit-of-work';
import { OpenDataService } from './open/open-data.service';
import { OpenKnowledgeController } from './open/open-knowledge.controller';
import { KnowledgeSearchRepository } from './search/knowledge-search.repository';
import { KnowledgeSearchService } from './search/knowledge-search.service';

@Module({
  imports: [ReferenceModule],
  controllers: [KnowledgeItemController, OpenKnowledgeController],
  providers: [
    KnowledgeUnitOfWork,
    KnowledgeItemRepository,
    KnowledgeItemService,
    KnowledgeSearchRepository,
    KnowledgeSearchService,
    KnowledgeImportService,
    OpenDataService,
    KnowledgePublicService,
    KnowledgeEventSubscriber,
  ],
  exports: [KnowledgePublicService, KnowledgeItemService, KnowledgeSearchService],
})
export class KnowledgeModule {}
