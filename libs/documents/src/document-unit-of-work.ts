import { Injectable } from '@nestjs/common';
import { Database, Transaction, UnitOfWork } from '@cbm/core';
import { AuditLog, AuditService } from '@cbm/audit';
import { DomainEvent, EventBus } from '@cbm/jobs';
import { DocumentRepository } from './document.repository';

/**
 * Everything a documents use case writes in one transaction: documents, their content-addressed
 * bytes (`documents`), audit events (`audit`, written just before COMMIT) and domain events to the
 * outbox (`publish`: `document.uploaded`, which the text reader of PDF and Office files takes up).
 */
export interface DocumentTx {
  readonly transaction: Transaction;
  readonly documents: DocumentRepository;
  readonly audit: AuditLog;
  publish(event: DomainEvent): void;
}

@Injectable()
export class DocumentUnitOfWork extends UnitOfWork<DocumentTx> {
  constructor(
    db: Database,
    private readonly documents: DocumentRepository,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {
    super(db);
  }

  protected open(t: Transaction): DocumentTx {
    return {
      transaction: t,
      documents: this.documents.in(t),
      audit: this.audit.in(t),
      publish: this.events.publisher(t),
    };
  }
}
