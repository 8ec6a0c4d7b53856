import { Inject, Injectable } from '@nestjs/common';
import { Database, Transaction, UnitOfWork } from '@cbm/core';
import { AuditLog, AuditService } from '@cbm/audit';
import { Notice, NotificationService } from '@cbm/notifications';
import { FundAllocationEntity } from './allocation/allocation.entity';
import { AllocationReads, Cash } from './allocation/allocation.workflow';
import { FundApplicationEntity } from './allocation/application.entity';
import { CommitteeRepository } from './committee/committee.repository';
import { ApplicationReads } from './allocation/application.workflow';
import { AttributionRepository } from './allocation/attribution.repository';
import { FundRepository } from './fund.repository';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository';
import { LedgerRepository } from './ledger/ledger.repository';
import { FUND_REQUEST_PORT, FundRequestPort } from './ports';
import { allocationFigures } from './reporting/figures';

/**
 * Everything a fund use case reads and writes in one transaction. The rows it can write:
 * contributions, deposits, refunds, applications, allocations and their tranches, the decision
 * register, transfers and expenditure (`fund`); the committee's meetings, agendas and packs
 * (`committee`); journal entries and the balances they move
 * (`ledger`, with the pooled money's attribution to allocations in `attribution`, written at once so that the balances' CHECK answers inside the use case); the stored
 * answers of money-moving POSTs (`keys`); audit events (`audit`); in-app notifications and their
 * e-mails (`notify`). Decisions, notifications and audit events are written together just before
 * COMMIT, in one statement. The fund publishes no events.
 */
export interface FundTx {
  readonly transaction: Transaction;
  readonly fund: FundRepository;
  /** The steering committee's meetings, agendas and decision packs. */
  readonly committee: CommitteeRepository;
  readonly ledger: LedgerRepository;
  /** The stored attribution of pooled money to allocations (append-only). */
  readonly attribution: AttributionRepository;
  readonly keys: IdempotencyKeyRepository;
  readonly audit: AuditLog;
  notify(notice: Notice): void;
  /** What the application workflow's guards read, in this transaction. */
  applicationReads(application: FundApplicationEntity): ApplicationReads;
  /** What the allocation workflow's guards read about `allocation`, in this transaction. */
  allocationReads(allocation: FundAllocationEntity, application: FundApplicationEntity): AllocationReads;
}

@Injectable()
export class FundUnitOfWork extends UnitOfWork<FundTx> {
  constructor(
    db: Database,
    private readonly fund: FundRepository,
    private readonly committee: CommitteeRepository,
    private readonly ledger: LedgerRepository,
    private readonly attribution: AttributionRepository,
    private readonly keys: IdempotencyKeyRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    @Inject(FUND_REQUEST_PORT) private readonly requests: FundRequestPort,
  ) {
    super(db);
  }

  protected open(t: Transaction): FundTx {
    const fund = this.fund.in(t);
    const ledger = this.ledger.in(t);
    const cash = async (lock: boolean): Promise<Cash> => {
      const rows = await ledger.balancesOfKinds(['cash_pool', 'cash_earmarked'], { lock });
      const earmarked = rows.filter((r) => r.kind === 'cash_earmarked' && r.contributionId);
      const contributions = await fund.contributions(
        { ids: earmarked.map((r) => r.contributionId!) },
        undefined,
        10000,
      );
      return {
        pool: rows.filter((r) => r.kind === 'cash_pool').reduce((s, r) => s + r.balance, 0n),
        earmarked: contributions.map((c) => ({
          contributionId: c.id,
          earmark: c,
          available: earmarked.find((r) => r.contributionId === c.id)!.balance,
        })),
      };
    };
    return {
      transaction: t,
      fund,
      committee: this.committee.in(t),
      ledger,
      attribution: this.attribution.in(t),
      keys: this.keys.in(t),
      audit: this.audit.in(t),
      notify: (notice) => this.notifications.in(t).add(notice),
      applicationReads: () => ({ cash }),
      allocationReads: (a, app) => ({
        implementers: async () =>
          (await this.requests.requestFacts(app.requestId, t))?.organisationIds ?? app.organisationIds,
        cash,
        tranches: () => fund.tranches([a.id]),
        figures: async () => allocationFigures(await ledger.balancesFor('allocation', [a.id])),
        report: (reportId) => this.requests.report(a.requestId, reportId, t),
      }),
    };
  }
}
