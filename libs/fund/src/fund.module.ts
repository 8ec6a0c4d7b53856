import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@cbm/auth';
import { ReferenceModule } from '@cbm/reference';
import { EventBus } from '@cbm/jobs';
import { AllocationService } from './allocation/allocation.service';
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
import { IatiService } from './reporting/iati.service';
import { ReportingService } from './reporting/reporting.service';
import { TransferService } from './transfer/transfer.service';

/**
 * The start-up fund. Needs FUND_REQUEST_PORT (facts about a hub request) bound by the composition.
 */
@Module({
  imports: [AuthModule, ReferenceModule],
  controllers: [FundController, CommitteeController],
  providers: [
    FundRepository,
    CommitteeRepository,
    LedgerRepository,
    IdempotencyKeyRepository,
    FundUnitOfWork,
    LedgerService,
    IdempotencyService,
    ContributionService,
    AllocationService,
    CommitteeService,
    TransferService,
    ReportingService,
    IatiService,
    FundPublicService,
  ],
  exports: [
    FundPublicService,
    FundUnitOfWork,
    LedgerRepository,
    ContributionService,
    AllocationService,
    TransferService,
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
