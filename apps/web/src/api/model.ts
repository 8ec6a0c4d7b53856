// The names the screens use for what the API sends and takes. Every type here comes from the
// generated schema.d.ts (npm run -s api:types), so a change to the API shows up in the compiler;
// nothing is written twice. Only the arrays of values below are written out, and each is checked
// against the generated union so that it cannot miss or invent a value.
import type { components, paths } from './schema';

type S = components['schemas'];

/** Every value of the union `T`, each exactly once (a missing value is a compile error). */
const everyValueOf =
  <T extends string>() =>
  <A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : 'a value of the union is missing')) =>
    values;

// --- platform ---
export type Role = S['Role'];
export const ROLES = everyValueOf<Role>()([
  'focal_point',
  'hub_officer',
  'partner_officer',
  'fund_manager',
  'steering_committee',
  'donor',
  'admin',
] as const);
export type Money = S['MoneyDto'];
export type MoneyInput = S['MoneyInputDto'];
/**
 * An error answer (problem+json). The client also makes one up for a network failure, so only
 * `status` is sure; extensions (fields, allowedActions) may come with it.
 */
export type Problem = Partial<S['ProblemDto']> & { status: number; [extension: string]: unknown };
export type TokenPair = S['TokenPairDto'];
export type Me = S['MeDto'];
export type User = S['UserView'];
export type Notification = S['NotificationView'];

// --- reference ---
export type Objective = S['GcmObjectiveDto'];
export type Principle = S['GuidingPrincipleDto'];
export type Country = S['CountryDto'];
export type Currency = S['CurrencyDto'];
export type Criterion = S['AssessmentCriterionDto'];
export type OrganisationType = S['OrganisationType'];
export type Organisation = S['OrganisationViewDto'];
export type OrganisationInput = S['CreateOrganisationDto'];

// --- hub: requests ---
export type RequestAction = paths['/api/v1/requests/{id}/actions/{action}']['post']['parameters']['path']['action'];
export type RequestStatus = NonNullable<
  NonNullable<paths['/api/v1/requests']['get']['parameters']['query']>['status']
>[number];
export const REQUEST_STATUSES = everyValueOf<RequestStatus>()([
  'draft',
  'submitted',
  'in_triage',
  'info_requested',
  'in_assessment',
  'declined',
  'matching',
  'setup',
  'in_implementation',
  'completed',
  'closed',
  'withdrawn',
] as const);
export type RequestDraftInput = S['CreateRequestDto'];
export type RequestUpdateInput = S['UpdateRequestDto'];
export type SupportType = RequestDraftInput['supportTypes'][number];
export const SUPPORT_TYPES = everyValueOf<SupportType>()([
  'technical_assistance',
  'policy_advice',
  'capacity_building',
  'data_and_research',
  'seed_funding',
  'peer_exchange',
] as const);

export type SupportRequest = S['RequestView'];
export type TimelineEntry = S['RequestTimelineEntryView'];
export type RequestComment = S['RequestCommentView'];
export type RequestPage = S['RequestPage'];
export type TimelinePage = S['RequestTimelineEntryPage'];

export type Assessment = S['AssessmentView'];
export type AssessmentHistory = S['AssessmentHistoryView'];
export type AssessmentInput = S['PutAssessmentDto'];
export type Recommendation = S['Recommendation'];
export type PartnerMatch = S['PartnerMatchView'];
export type PartnerRole = S['PartnerRole'];
export type Invitation = S['InvitationView'];
export type InvitationStatus = S['InvitationStatus'];
export const INVITATION_STATUSES = everyValueOf<InvitationStatus>()([
  'pending',
  'accepted',
  'declined',
  'withdrawn',
] as const);
export type SimilarItem = S['SimilarItemView'];
export type ImplementationPlan = S['ImplementationPlanView'];
export type ImplementationPlanInput = S['PutImplementationPlanDto'];
export type PlanMilestone = S['PlanMilestoneView'];
export type MilestoneStatus = S['MilestoneStatus'];
export const MILESTONE_STATUSES = everyValueOf<MilestoneStatus>()([
  'planned',
  'in_progress',
  'done',
  'delayed',
] as const);
export type ProgressReport = S['ReportView'];
export type ProgressReportInput = S['SubmitReportDto'];

// --- knowledge ---
export type ImportReport = S['ImportReportDto'];
export type KnowledgeKind = S['KnowledgeKind'];
export const KNOWLEDGE_KINDS = everyValueOf<KnowledgeKind>()([
  'practice',
  'evidence',
  'initiative',
  'tool',
  'dataset',
  'solution',
] as const);
export type KnowledgeOrganisation = S['KnowledgeOrganisationView'];
export type KnowledgeHit = S['KnowledgeHitView'];
export type FacetBucket = S['FacetValueView'];
export type KnowledgeSearchResult = S['KnowledgeSearchView'];
export type KnowledgeItem = S['PublishedKnowledgeItemView'];
export type KnowledgeQuery = NonNullable<paths['/api/v1/open/knowledge']['get']['parameters']['query']>;

/** `value` if it is one of `values` (a URL parameter, say), else undefined. */
export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return values.find((v) => v === value);
}

// --- fund ---
export type Flow = S['FlowView'];
export type FundSummary = S['FundSummaryView'];
export type FundProject = S['FundProjectView'];
export type Earmark = S['EarmarkView'];
export type Contribution = S['ContributionView'];
export type Application = S['ApplicationView'];
export type Tranche = S['TrancheView'];
export type Allocation = S['AllocationView'];
export type AllocationInput = S['ProposeAllocationDto'];
export type Decision = S['DecisionView'];
export type Reconciliation = S['ReconciliationView'];
export type TracedOrganisation = S['TracedOrganisationView'];
export type Tracing = S['TracingView'];
export type DonorStatement = S['DonorStatementView'];
