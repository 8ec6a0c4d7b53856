import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { MoneyDto } from '@cbm/core';
import { ORGANISATION_TYPES } from '@cbm/reference';
import { PROJECT_STAGES } from './allocation/allocation.entity';
import { DECISION_KINDS } from './allocation/decision.entity';
import { MARKER_FLAG_CODES } from './reporting/marker-flags';

// What the fund's routes answer. Money is MoneyDto (minor units as a string); rates are decimal
// strings ("0.6000") so no figure goes through a float.

const TIME = { format: 'date-time' } as const;
const DATE = { format: 'date', example: '2026-03-01' } as const;
const MONEY = { type: MoneyDto } as const;
const NULLABLE_MONEY = { type: MoneyDto, nullable: true } as const;
const ID = { format: 'uuid' } as const;
const NULLABLE_ID = { type: String, format: 'uuid', nullable: true } as const;
const RATE = {
  type: String,
  nullable: true,
  example: '0.6000',
  description: 'expenditure / transfers as a decimal string; null before any transfer',
} as const;

export class EarmarkView {
  @ApiProperty({ enum: ['none', 'objectives', 'country'], enumName: 'EarmarkType' }) type: string;
  @ApiPropertyOptional({ type: [Number], description: 'type objectives: GCM objectives 1-23' }) objectives?: number[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'type country: ISO 3166-1 alpha-3' })
  country?: string | null;
}

export class ContributionView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) contributorId: string;
  @ApiProperty({ example: 'member_state', description: "The contributor's organisation type" })
  contributorType: string;
  @ApiProperty(DATE) pledgedAt: string;
  @ApiProperty({ description: 'Contribution agreement reference' }) reference: string;
  @ApiProperty({ type: EarmarkView }) earmark: EarmarkView;
  @ApiProperty({ ...MONEY, description: 'As pledged, in the pledge currency' }) amount: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'Same as amount' }) pledged: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'Received so far, in the pledge currency' }) deposited: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'Pledged and not yet received' }) outstanding: MoneyDto;
  @ApiProperty(MONEY) depositedUsd: MoneyDto;
  @ApiProperty({ ...MONEY, description: "The administrative agent's fee" }) adminFeeUsd: MoneyDto;
  @ApiProperty(MONEY) refundedUsd: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'Deposited less fee and refunds' }) netUsd: MoneyDto;
  @ApiProperty(TIME) createdAt: string;
}

export class DepositView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) contributionId: string;
  @ApiProperty(DATE) receivedAt: string;
  @ApiProperty({ ...MONEY, description: 'In the pledge currency' }) amount: MoneyDto;
  @ApiProperty(MONEY) usdAmount: MoneyDto;
  @ApiProperty({ type: String, nullable: true, description: 'USD per unit, when the currencies differ' })
  rate: string | null;
  @ApiProperty({ ...MONEY, description: "The administrative agent's fee booked with it (USD)" }) adminFee: MoneyDto;
  @ApiProperty({ ...ID, description: 'The journal entry' }) entryId: string;
}

export class ContributionDetailView extends ContributionView {
  @ApiProperty({ type: [DepositView] }) deposits: DepositView[];
}

export class DepositRecordedView extends DepositView {
  @ApiProperty({ type: ContributionView, description: 'The contribution with the deposit' })
  contribution: ContributionView;
}

export class RefundRecordedView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) contributionId: string;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty() reason: string;
  @ApiProperty(ID) entryId: string;
  @ApiProperty({ type: ContributionView, description: 'The contribution with the refund' })
  contribution: ContributionView;
}

/** Allocated, transferred and spent, with the delivery rate. */
export class FlowView {
  @ApiProperty(MONEY) allocations: MoneyDto;
  @ApiProperty(MONEY) transfers: MoneyDto;
  @ApiProperty(MONEY) expenditure: MoneyDto;
  @ApiProperty(RATE) deliveryRate: string | null;
}

const MARKER = {
  type: 'integer',
  nullable: true,
  minimum: 0,
  maximum: 3,
  description: '0 no contribution, 1 limited, 2 significant, 3 principal objective; null: not assessed (or not scored)',
} as const;

/** The markers of the request's assessment that counts, as the allocation copied them (at proposal and decision). */
export class MarkersView {
  @ApiProperty(MARKER) genderMarker: number | null;
  @ApiProperty(MARKER) humanRightsMarker: number | null;
  @ApiProperty(MARKER) childSensitivityMarker: number | null;
}

export class MarkerFlagView {
  @ApiProperty({ enum: MARKER_FLAG_CODES, enumName: 'MarkerFlagCode' }) code: string;
  @ApiProperty() message: string;
}

export class MarkerFlowView extends FlowView {
  @ApiProperty(MARKER) value: number | null;
  @ApiProperty({ type: 'integer' }) projects: number;
}

/** Per marker, one row per value: 0, 1, 2, 3 and null (not assessed), each listed even when empty. */
export class MarkerFiguresView {
  @ApiProperty({ type: [MarkerFlowView] }) gender: MarkerFlowView[];
  @ApiProperty({ type: [MarkerFlowView] }) humanRights: MarkerFlowView[];
  @ApiProperty({ type: [MarkerFlowView] }) childSensitivity: MarkerFlowView[];
}

export class ProjectFlowView extends FlowView {
  @ApiProperty(ID) allocationId: string;
  @ApiProperty(ID) requestId: string;
  @ApiProperty({ example: 'CBM-2026-KEN-0007' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'KEN' }) countryCode: string;
  @ApiProperty({ type: [Number] }) objectives: number[];
}

export class ForecastView {
  @ApiProperty({ type: 'integer' }) elapsedDays: number;
  @ApiProperty({ type: 'integer' }) durationDays: number;
  @ApiProperty({ ...NULLABLE_MONEY, description: 'Spending at the current rate by the end; null on day 0' })
  projectedExpenditure: MoneyDto | null;
  @ApiProperty({ description: 'On course to spend less than 80 % (after 90 days)' }) underDelivery: boolean;
}

export class FundProjectView extends ProjectFlowView {
  @ApiProperty({ type: MarkersView }) markers: MarkersView;
  @ApiProperty({ type: ForecastView }) forecast: ForecastView;
}

export class TracedOrganisationView {
  @ApiProperty(ID) organisationId: string;
  @ApiProperty({ type: String, nullable: true }) acronym: string | null;
  @ApiProperty(MONEY) transfers: MoneyDto;
  @ApiProperty(MONEY) expenditure: MoneyDto;
}

export class TracedProjectView extends ProjectFlowView {
  @ApiProperty({ type: [TracedOrganisationView] }) organisations: TracedOrganisationView[];
}

export class CountryFlowView extends FlowView {
  @ApiProperty({ example: 'KEN' }) countryCode: string;
}

export class TracingView {
  @ApiProperty({
    description:
      'The moment the statement is as of: the day asked (YYYY-MM-DD, UTC, up to its end) or the instant (ISO 8601); only rows recorded before it count',
    example: '2026-06-30',
  })
  asOf: string;
  @ApiProperty({ type: ContributionView }) contribution: ContributionView;
  @ApiProperty({
    enum: ['direct', 'attributed'],
    description:
      'direct: earmarked, from the allocation entries that drew on it; attributed: pooled, the attribution stored with each allocation at its approval',
  })
  method: 'direct' | 'attributed';
  @ApiProperty({ type: FlowView }) totals: FlowView;
  @ApiProperty({ type: [TracedProjectView] }) projects: TracedProjectView[];
  @ApiProperty({ type: [CountryFlowView] }) countries: CountryFlowView[];
  @ApiProperty({ type: [TracedOrganisationView] }) organisations: TracedOrganisationView[];
  @ApiProperty({
    description:
      'SHA-256 (hex) of the canonical JSON of this body without this field (keys sorted at every level, no spaces); also the X-Content-SHA256 header',
    example: 'c0ffee…',
  })
  sha256: string;
}

export class ApplicationView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) requestId: string;
  @ApiProperty({ example: 'CBM-2026-KEN-0007' }) requestReference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'KEN' }) countryCode: string;
  @ApiProperty({ type: [Number] }) objectives: number[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'The partners of the request' })
  organisationIds: string[];
  @ApiProperty(NULLABLE_ID) leadOrganisationId: string | null;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty() justification: string;
  @ApiProperty({ enum: ['submitted', 'proposed', 'approved', 'rejected'], enumName: 'ApplicationStatus' })
  status: string;
  @ApiProperty(TIME) createdAt: string;
}

export class TrancheView {
  @ApiProperty({ type: 'integer', description: '1 for the first tranche' }) seq: number;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty({ example: 'on_approval' }) condition: string;
  @ApiProperty({ type: String, nullable: true, ...TIME }) releasedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) evidenceRef: string | null;
}

export class BudgetLineView {
  @ApiProperty() category: string;
  @ApiProperty(NULLABLE_ID) organisationId: string | null;
  @ApiProperty(MONEY) amount: MoneyDto;
}

export class AllocationView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) applicationId: string;
  @ApiProperty(ID) requestId: string;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty({ type: 'integer' }) durationMonths: number;
  @ApiProperty({ type: String, nullable: true, ...DATE, description: "the plan's end date once approved" })
  endsOn: string | null;
  @ApiProperty({ type: [BudgetLineView], description: "the budget lines of the plan's last budget revision" })
  budgetLines: BudgetLineView[];
  @ApiProperty({ enum: ['proposed', 'approved', 'rejected'], enumName: 'AllocationStatus' })
  status: 'proposed' | 'approved' | 'rejected';
  @ApiProperty({
    enum: PROJECT_STAGES,
    enumName: 'ProjectStage',
    description: 'the project of an approved allocation: open, suspended, operationally_closed, closed, cancelled',
  })
  stage: string;
  @ApiProperty(ID) proposedById: string;
  @ApiProperty({ type: String, nullable: true, description: "the proposer's name, for the screens" })
  proposedByName: string | null;
  @ApiProperty(TIME) proposedAt: string;
  @ApiProperty(NULLABLE_ID) decidedById: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the decider's name, for the screens" })
  decidedByName: string | null;
  @ApiProperty({ type: String, nullable: true, ...TIME }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionRef: string | null;
  @ApiProperty({ type: [String], description: 'Steering committee members who recused themselves' })
  recusedIds: string[];
  @ApiProperty({ type: [TrancheView] }) tranches: TrancheView[];
  @ApiProperty(MONEY) released: MoneyDto;
  @ApiProperty(MONEY) transferred: MoneyDto;
  @ApiProperty(MONEY) spent: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'Released and not yet transferred' }) availableToTransfer: MoneyDto;
  @ApiProperty({ type: MarkersView }) markers: MarkersView;
  @ApiProperty({
    type: [MarkerFlagView],
    description:
      "What the markers claim that the request's results framework does not bear out (a gender marker of 3 without a sex-disaggregated indicator)",
  })
  flags: MarkerFlagView[];
}

export class PlanTrancheView {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty() condition: string;
  @ApiProperty() released: boolean;
}

export class PlanView {
  @ApiProperty(DATE) endsOn: string;
  @ApiProperty({ type: 'integer' }) durationMonths: number;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty({ type: [PlanTrancheView] }) tranches: PlanTrancheView[];
  @ApiProperty({ type: [BudgetLineView] }) budgetLines: BudgetLineView[];
}

export class RevisionView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) allocationId: string;
  @ApiProperty({ type: 'integer', description: 'n: 1 for the first revision of the allocation' }) seq: number;
  @ApiProperty({ enum: ['no_cost_extension', 'budget_revision'], enumName: 'RevisionKind' }) kind: string;
  @ApiProperty({ enum: ['proposed', 'approved', 'rejected'], enumName: 'RevisionStatus' }) status: string;
  @ApiProperty() reason: string;
  @ApiProperty({
    type: [String],
    enum: ['endsOn', 'durationMonths', 'amount', 'tranches', 'budgetLines'],
    description: 'the parts of the plan the revision changes',
  })
  changes: string[];
  @ApiProperty({ type: PlanView, description: 'the plan when the revision was decided (when proposed, until then)' })
  before: PlanView;
  @ApiProperty({ type: PlanView, description: 'the plan the revision makes' }) after: PlanView;
  @ApiProperty({ ...MONEY, description: 'what the revision adds to the allocation, drawn from cash at approval' })
  topUp: MoneyDto;
  @ApiProperty({ ...NULLABLE_ID, description: "the top-up's journal entry" }) entryId: string | null;
  @ApiProperty(ID) proposedById: string;
  @ApiProperty(TIME) proposedAt: string;
  @ApiProperty(NULLABLE_ID) decidedById: string | null;
  @ApiProperty({ type: String, nullable: true, ...TIME }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionRef: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
}

export class DecisionView {
  @ApiProperty(ID) id: string;
  @ApiProperty({ enum: DECISION_KINDS, enumName: 'DecisionKind' }) kind: string;
  @ApiProperty(ID) allocationId: string;
  @ApiProperty({ ...NULLABLE_ID, description: 'set when the decision is on a revision of the allocation' })
  revisionId: string | null;
  @ApiProperty(NULLABLE_ID) requestId: string | null;
  @ApiProperty(NULLABLE_MONEY) amount: MoneyDto | null;
  @ApiProperty({ type: String, nullable: true }) decisionRef: string | null;
  @ApiProperty(TIME) decidedAt: string;
  @ApiProperty(ID) memberId: string;
  @ApiProperty({ type: String, nullable: true, description: "the member's name, for the screens" })
  memberName: string | null;
  @ApiProperty(NULLABLE_ID) memberOrganisationId: string | null;
  @ApiProperty() note: string;
  @ApiProperty(NULLABLE_ID) proposerId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the proposer's name, for the screens" })
  proposerName: string | null;
  @ApiProperty({ ...NULLABLE_ID, description: 'the meeting whose agenda had the proposal, when it had a pack' })
  meetingId: string | null;
  @ApiProperty(NULLABLE_ID) packId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 (hex) of the decision pack the members had' })
  packSha256: string | null;
  @ApiProperty({ type: [String] }) approvers: string[];
  @ApiProperty({ type: [String] }) recusals: string[];
}

export class TransferView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) allocationId: string;
  @ApiProperty(ID) organisationId: string;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty({ ...MONEY, description: "The organisation's indirect cost within the amount" })
  indirectCost: MoneyDto;
  @ApiProperty({ type: 'integer', description: 'basis points' }) indirectCostRateBps: number;
  @ApiProperty(ID) entryId: string;
  @ApiProperty() reversed: boolean;
  @ApiProperty(TIME) executedAt: string;
}

export class ExpenditureView {
  @ApiProperty(ID) id: string;
  @ApiProperty(ID) allocationId: string;
  @ApiProperty(ID) organisationId: string;
  @ApiProperty({ type: String, nullable: true, ...DATE }) periodStart: string | null;
  @ApiProperty(DATE) periodEnd: string;
  @ApiProperty(MONEY) amount: MoneyDto;
  @ApiProperty(ID) entryId: string;
}

export class ReversalView {
  @ApiProperty({ ...ID, description: 'The reversing journal entry' }) id: string;
  @ApiProperty(ID) reversesEntryId: string;
  @ApiProperty({ example: 'reversal' }) kind: string;
  @ApiProperty() reference: string;
  @ApiProperty() memo: string;
  @ApiProperty(TIME) recordedAt: string;
}

export class BalanceMismatchView {
  @ApiProperty() accountKey: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ description: 'minor units in the balance table' }) balance: string;
  @ApiProperty({ description: 'minor units summed from the journal' }) journal: string;
}

export class ReconciliationView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer' }) checked: number;
  @ApiProperty({ type: [BalanceMismatchView] }) mismatches: BalanceMismatchView[];
  @ApiProperty({ type: [String], description: 'Ids of journal entries whose lines do not sum to zero' })
  unbalancedEntries: string[];
}

export class FundTotalsView extends FlowView {
  @ApiProperty(MONEY) deposits: MoneyDto;
  @ApiProperty(MONEY) adminFees: MoneyDto;
  @ApiProperty(MONEY) refunds: MoneyDto;
  @ApiProperty(MONEY) netFunded: MoneyDto;
  @ApiProperty(MONEY) unallocated: MoneyDto;
  @ApiProperty({ type: 'integer', description: "The administrative agent's fee in basis points" })
  adminFeeRateBps: number;
}

export class DonorSummaryView {
  @ApiProperty(ID) organisationId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) acronym: string | null;
  @ApiProperty({ enum: ORGANISATION_TYPES, nullable: true }) type: string | null;
  @ApiProperty(MONEY) deposits: MoneyDto;
  @ApiProperty(MONEY) adminFees: MoneyDto;
  @ApiProperty(MONEY) refunds: MoneyDto;
  @ApiProperty(MONEY) net: MoneyDto;
  @ApiProperty({ ...MONEY, description: 'Net money given with an earmark' }) earmarked: MoneyDto;
}

export class OrganisationFlowView extends OmitType(FlowView, ['allocations']) {
  @ApiProperty(ID) organisationId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) acronym: string | null;
}

export class CountrySummaryView extends CountryFlowView {
  @ApiProperty({ example: 'Kenya' }) name: string;
}

export class ObjectiveFlowView extends FlowView {
  @ApiProperty({ type: 'integer', description: '1-23 (0: no objective)' }) objective: number;
}

export class MatchingEarmarkView {
  @ApiProperty(ID) contributionId: string;
  @ApiProperty(ID) contributorId: string;
  @ApiProperty({ type: EarmarkView }) earmark: EarmarkView;
  @ApiProperty({ ...MONEY, description: 'Earmarked cash not yet allocated' }) available: MoneyDto;
}

export class PipelineApplicationView extends PickType(ProjectFlowView, [
  'requestId',
  'reference',
  'title',
  'countryCode',
  'objectives',
]) {
  @ApiProperty(ID) applicationId: string;
  @ApiProperty(MONEY) requested: MoneyDto;
  @ApiProperty({ enum: ['submitted', 'proposed', 'approved', 'rejected'], enumName: 'ApplicationStatus' })
  status: string;
  @ApiProperty({ type: [MatchingEarmarkView], description: 'Earmarked money that could fund it' })
  matchingEarmarks: MatchingEarmarkView[];
}

export class FundSummaryView {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty(TIME) asOf: string;
  @ApiProperty({ type: FundTotalsView }) totals: FundTotalsView;
  @ApiProperty({ type: [DonorSummaryView] }) byDonor: DonorSummaryView[];
  @ApiProperty({ type: [OrganisationFlowView] }) byOrganisation: OrganisationFlowView[];
  @ApiProperty({ type: [CountrySummaryView] }) byCountry: CountrySummaryView[];
  @ApiProperty({ type: [ObjectiveFlowView], description: 'A project counts for each of its objectives in equal parts' })
  byObjective: ObjectiveFlowView[];
  @ApiProperty({
    type: MarkerFiguresView,
    description: 'Allocations, transfers and expenditure by the value of each marker (as at the decision)',
  })
  byMarker: MarkerFiguresView;
  @ApiProperty({
    type: MarkersView,
    description:
      'The marker filter applied (null: none). It narrows what was allocated; the money in (deposits, fees, refunds, unallocated, donors, pipeline) is the whole fund',
  })
  filter: MarkersView;
  @ApiProperty({ type: 'integer', description: 'Funded projects (the list is GET /fund/projects)' }) projects: number;
  @ApiProperty({ type: [FundProjectView], description: 'Projects the burn-rate forecast flags (at most 100)' })
  underDelivery: FundProjectView[];
  @ApiProperty({ type: [PipelineApplicationView], description: 'Applications not yet funded' })
  pipeline: PipelineApplicationView[];
}

export class StatementOrganisationView {
  @ApiProperty(ID) id: string;
  @ApiProperty() name: string;
  @ApiProperty() acronym: string;
  @ApiProperty({ enum: ORGANISATION_TYPES, enumName: 'OrganisationType' }) type: string;
}

export class DonorTotalsView {
  @ApiProperty(MONEY) deposits: MoneyDto;
  @ApiProperty(MONEY) adminFees: MoneyDto;
  @ApiProperty(MONEY) refunds: MoneyDto;
  @ApiProperty(MONEY) net: MoneyDto;
}

export class DonorStatementLineView {
  @ApiProperty(DATE) date: string;
  @ApiProperty(ID) contributionId: string;
  @ApiProperty({ example: 'deposit' }) kind: string;
  @ApiProperty() reference: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'minor units' }) amount: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'minor units of USD' }) usdAmount: string;
}

export class ReachedReportView {
  @ApiProperty(ID) id: string;
  @ApiProperty({ enum: ['progress', 'final'] }) kind: string;
  @ApiProperty({ example: '2026-Q2' }) period: string;
  @ApiProperty(ID) organisationId: string;
  @ApiProperty(TIME) submittedAt: string;
}

export class ReachedProjectView extends ProjectFlowView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The request's status at the statement's moment (its timeline then); null before any transition",
  })
  status: string | null;
  @ApiProperty({ type: [ReachedReportView], description: "The reports submitted by the statement's moment" })
  reports: ReachedReportView[];
  @ApiProperty({
    type: [Object],
    description: 'Indicator results of the project (the results framework fills it; empty until then)',
  })
  indicatorResults: object[];
}

export class DonorStatementView {
  @ApiProperty({ type: StatementOrganisationView }) organisation: StatementOrganisationView;
  @ApiProperty({
    description:
      'The moment the statement is as of: the day asked (YYYY-MM-DD, UTC, up to its end) or the instant (ISO 8601); only rows recorded before it count',
    example: '2026-06-30',
  })
  asOf: string;
  @ApiProperty({ type: DonorTotalsView }) totals: DonorTotalsView;
  @ApiProperty({
    type: [MoneyDto],
    description: 'Pledged less received, per pledge currency (per contribution: contributions[].outstanding)',
  })
  outstandingPledges: MoneyDto[];
  @ApiProperty({ type: [ContributionView] }) contributions: ContributionView[];
  @ApiProperty({
    type: [ReachedProjectView],
    description: "The projects the donor's money reached: its part of each, their status and reports then",
  })
  reached: ReachedProjectView[];
  @ApiProperty({ type: [DonorStatementLineView], description: 'The CSV rows' }) lines: DonorStatementLineView[];
  @ApiProperty({
    description:
      'SHA-256 (hex) of the canonical JSON of this body without this field (keys sorted at every level, no spaces); also the X-Content-SHA256 header',
    example: 'c0ffee…',
  })
  sha256: string;
}

export class MovementLineView {
  @ApiProperty(DATE) date: string;
  @ApiProperty(ID) requestId: string;
  @ApiProperty({ example: 'CBM-2026-KEN-0007' }) reference: string;
  @ApiProperty(ID) organisationId: string;
  @ApiProperty({ enum: ['allocation', 'transfer', 'expenditure'] }) kind: 'allocation' | 'transfer' | 'expenditure';
  @ApiProperty() description: string;
  @ApiProperty({ description: 'minor units of USD' }) amount: string;
  @ApiProperty(NULLABLE_ID) entryId: string | null;
}

export class OrganisationStatementView {
  @ApiProperty({ type: StatementOrganisationView }) organisation: StatementOrganisationView;
  @ApiProperty(TIME) asOf: string;
  @ApiProperty({ type: FlowView }) totals: FlowView;
  @ApiProperty({ type: [MovementLineView], description: 'The CSV rows' }) lines: MovementLineView[];
}

export class StatementProjectView extends PickType(ProjectFlowView, [
  'requestId',
  'reference',
  'title',
  'countryCode',
  'objectives',
]) {}

export class ProjectStatementView extends OmitType(OrganisationStatementView, ['organisation']) {
  @ApiProperty({ type: StatementProjectView }) project: StatementProjectView;
}
