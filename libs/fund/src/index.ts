import { FundAllocationEntity } from './allocation/allocation.entity';
import { FundApplicationEntity } from './allocation/application.entity';
import { FundAttributionEntity } from './allocation/attribution.entity';
import { FundDecisionEntity } from './allocation/decision.entity';
import { FundRevisionEntity } from './allocation/revision.entity';
import { FundTrancheEntity } from './allocation/tranche.entity';
import { FundFinancialStatementEntity } from './closure/financial-statement.entity';
import { FundUnspentReturnEntity } from './closure/unspent-return.entity';
import { FundMeetingEntity, FundMeetingItemEntity, FundMeetingPackEntity } from './committee/meeting.entity';
import { FundContributionEntity } from './contribution/contribution.entity';
import { FundDepositEntity } from './contribution/deposit.entity';
import { FundRefundEntity } from './contribution/refund.entity';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { FundBalanceEntity } from './ledger/fund-balance.entity';
import { JournalEntryEntity } from './ledger/journal-entry.entity';
import { JournalLineEntity } from './ledger/journal-line.entity';
import { FundExpenditureEntity } from './transfer/expenditure.entity';
import { FundTransferEntity } from './transfer/transfer.entity';

export * from './fund.module';
export * from './fund-public.service';
export { FundUnitOfWork } from './fund-unit-of-work';
export type { FundTx } from './fund-unit-of-work';
export * from './ports';
export * from './fund.errors';
export * from './fund.dto';
export { ContributionService } from './contribution/contribution.service';
export { AllocationService } from './allocation/allocation.service';
export { RevisionService } from './allocation/revision.service';
export { AttributionService } from './allocation/attribution.service';
export { attributePooled, returnPooled, splitPro } from './allocation/attribution';
export type { ContributionAmount } from './allocation/attribution';
export { CommitteeService } from './committee/committee.service';
export { TransferService } from './transfer/transfer.service';
export { ClosureService } from './closure/closure.service';
export { ReportingService } from './reporting/reporting.service';
export { LedgerRepository } from './ledger/ledger.repository';
export { LedgerService } from './ledger/ledger.service';
export { canonicalJson, STATEMENT_HASH_HEADER } from './reporting/statement';
export type { Posting, AccountKind } from './ledger/ledger';

export const FUND_ENTITIES = [
  JournalEntryEntity,
  JournalLineEntity,
  FundBalanceEntity,
  FundContributionEntity,
  FundDepositEntity,
  FundRefundEntity,
  FundApplicationEntity,
  FundAllocationEntity,
  FundAttributionEntity,
  FundTrancheEntity,
  FundDecisionEntity,
  FundRevisionEntity,
  FundTransferEntity,
  FundExpenditureEntity,
  FundUnspentReturnEntity,
  FundFinancialStatementEntity,
  IdempotencyKeyEntity,
  FundMeetingEntity,
  FundMeetingItemEntity,
  FundMeetingPackEntity,
];
