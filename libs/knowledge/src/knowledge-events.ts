import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventBus } from '@cbm/jobs';
import { KnowledgeItemService, SolutionFacts } from './item/knowledge-item.service';
import { KnowledgeUnitOfWork } from './knowledge-unit-of-work';

/** The hub's event name (kept here as a string: knowledge does not import the hub). */
export const REQUEST_COMPLETED = 'request.completed';

/** From cases to knowledge: a completed request becomes a solution in review, in the event job's transaction. */
@Injectable()
export class KnowledgeEventSubscriber implements OnModuleInit {
  private readonly logger = new Logger('KnowledgeEvents');

  constructor(
    private readonly bus: EventBus,
    private readonly uow: KnowledgeUnitOfWork,
    private readonly items: KnowledgeItemService,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe<SolutionFacts>(REQUEST_COMPLETED, 'knowledge', async (facts, ctx) => {
      const item = await this.uow.within(ctx.transaction, (tx) => this.items.solutionFromRequest(tx, facts));
      if (item) this.logger.log(`solution ${item.id} drafted from ${facts.reference}`);
    });
  }
}
