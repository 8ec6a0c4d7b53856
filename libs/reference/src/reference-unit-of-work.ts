import { Injectable } from '@nestjs/common';
import { Database, Transaction, UnitOfWork } from '@cbm/core';
import { AuditLog, AuditService } from '@cbm/audit';
import { OrganisationRepository } from './organisation/organisation.repository';

/**
 * Everything a reference-data use case writes in one transaction: organisations and their
 * capability profiles (`organisations`), and audit events (`audit`, written just before COMMIT).
 * The GCM, countries, currencies and the rubric are code, not rows. No notifications, no events.
 */
export interface ReferenceTx {
  readonly transaction: Transaction;
  readonly organisations: OrganisationRepository;
  readonly audit: AuditLog;
}

@Injectable()
export class ReferenceUnitOfWork extends UnitOfWork<ReferenceTx> {
  constructor(
    db: Database,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditService,
  ) {
    super(db);
  }

  protected open(t: Transaction): ReferenceTx {
    return { transaction: t, organisations: this.organisations.in(t), audit: this.audit.in(t) };
  }
}
