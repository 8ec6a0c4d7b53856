import { Injectable } from '@nestjs/common';
import { Database, Transaction, UnitOfWork } from '@cbm/core';
import { AuditLog, AuditService } from '@cbm/audit';
import { DocumentRepository } from './document.repository';

/**
 * Everything a documents use case writes in one transaction: documents, their content-addressed
 * bytes (`documents`) and audit events (`audit`, written just before COMMIT). Documents publish no
 * domain events.
 */
export interface DocumentTx {
  readonly transaction: Transaction;
  readonly documents: DocumentRepository;
  readonly audit: AuditLog;
}

@Injectable()
export class DocumentUnitOfWork extends UnitOfWork<DocumentTx> {
  constructor(
    db: Database,
    private readonly documents: DocumentRepository,
    private readonly audit: AuditService,
  ) {
    super(db);
  }

  protected open(t: Transaction): DocumentTx {
    return { transaction: t, documents: this.documents.in(t), audit: this.audit.in(t) };
  }
}
