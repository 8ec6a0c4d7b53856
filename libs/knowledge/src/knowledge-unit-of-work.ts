import { Injectable } from '@nestjs/common';
import { Database, Transaction, UnitOfWork } from '@cbm/core';
import { AuditLog, AuditService } from '@cbm/audit';
import { Notice, NotificationService } from '@cbm/notifications';
import { findingView, PrivacyFindings, PrivacyService } from '@cbm/privacy';
import { KnowledgeItemEntity } from './item/knowledge-item.entity';
import { KnowledgeItemRepository } from './item/knowledge-item.repository';
import { KnowledgeReads } from './item/knowledge-item.workflow';
import { personalDataSubject } from './item/knowledge-personal-data';
import { KnowledgeSearchRepository } from './search/knowledge-search.repository';

/**
 * Everything a knowledge use case reads and writes in one transaction. The rows it can write:
 * knowledge items, their versions and reviewers' declarations (`items`), the published projection
 * and its vocabulary (`search`), audit events (`audit`), in-app notifications and their e-mails
 * (`notify`), personal-data findings in their text (`privacy`). Versions, notifications and audit events are written together just before COMMIT,
 * in one statement. The knowledge platform publishes no domain events.
 */
export interface KnowledgeTx {
  readonly transaction: Transaction;
  readonly items: KnowledgeItemRepository;
  readonly search: KnowledgeSearchRepository;
  readonly audit: AuditLog;
  readonly privacy: PrivacyFindings;
  notify(notice: Notice): void;
  /** What the item workflow's guards read about `item`, in this transaction. */
  reads(item: KnowledgeItemEntity): KnowledgeReads;
}

@Injectable()
export class KnowledgeUnitOfWork extends UnitOfWork<KnowledgeTx> {
  constructor(
    db: Database,
    private readonly items: KnowledgeItemRepository,
    private readonly search: KnowledgeSearchRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly privacy: PrivacyService,
  ) {
    super(db);
  }

  protected open(t: Transaction): KnowledgeTx {
    const tx: KnowledgeTx = {
      transaction: t,
      items: this.items.in(t),
      search: this.search.in(t),
      audit: this.audit.in(t),
      privacy: this.privacy.in(t),
      notify: (notice) => this.notifications.in(t).add(notice),
      reads: (item) => ({
        declaration: (reviewerId) => tx.items.declaration(item.id, reviewerId),
        openPersonalData: async () => (await tx.privacy.open(personalDataSubject(item))).map(findingView),
      }),
    };
    return tx;
  }
}
