import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@cbm/auth';
import { ReferenceModule } from '@cbm/reference';
import { EventBus } from '@cbm/jobs';
import { AllocationService } from './allocation/allocation.service';
import { AllocationFunding } from './allocation/allocation-funding';
import { RevisionService } from './allocation/revision.service';
import { AttributionRepository } from './allocation/attribution.repository';
import { AttributionService } from './allocation/attribution.service';
import { ClosureController } from './closure/closure.controller';
import { ClosureService } from './closure/closure.service';
import { CommitteeController } from './committee/committee.controller';
import { CommitteeRepository } from './committee/committee.repository';
import { CommitteeService } from './committee/committee.service';
import { ContributionService } from './contribution/contribution.service';
import { FundPublicService } from './fund-public.service';
import { FundController } from './fund.controller';
import { FundRepository } from './fund.repository';
import { FundUnitOfWork } from './fund-unit-of-work';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { REQUEST_TRANSITIONED_EVENT, RequestFacts } from './ports';
import { ResultsService } from './reporting/results.service';
import { IatiService } from './reporting/iati.service';
import { ReportingService } from './reporting/reporting.service';
import { TransferService } from './transfer/transfer.service';

/**
 * The start-up fund. Needs FUND_REQUEST_PORT (facts about a hub request) bound by the composition.
 */
@Module({
  imports: [AuthModule, ReferenceModule],
  controllers: [FundController, ClosureController, CommitteeController],
  providers: [
    FundRepository,
    CommitteeRepository,
    LedgerRepository,
    AttributionRepository,
    AttributionService,
    IdempotencyKeyRepository,
    FundUnitOfWork,
    LedgerService,
    IdempotencyService,
    ContributionService,
    AllocationFunding,
    AllocationService,
    RevisionService,
    CommitteeService,
    TransferService,
    ClosureService,
    ReportingService,
    IatiService,
    ResultsService,
    FundPublicService,
  ],
  exports: [
    FundPublicService,
    FundUnitOfWork,
    LedgerRepository,
    AttributionService,
    ContributionService,
    AllocationService,
    RevisionService,
    TransferService,
    ClosureService,
    ReportingService,
  ],
})
export class FundModule implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly allocations: AllocationService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe<RequestFacts>(REQUEST_TRANSITIONED_EVENT, 'fund', (facts, ctx) =>
      this.allocations.onRequestTransitioned(facts, ctx.transaction),
    );
  }
}
