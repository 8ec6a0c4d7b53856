// Domain types the screens use. They mirror /work/shared/API.md; the generated
// schema.d.ts types the transport, these name what the UI shows.

export type Role =
  'focal_point' | 'hub_officer' | 'partner_officer' | 'fund_manager' | 'steering_committee' | 'donor' | 'admin';

export const ROLES: Role[] = [
  'focal_point',
  'hub_officer',
  'partner_officer',
  'fund_manager',
  'steering_committee',
  'donor',
  'admin',
];

export interface Money {
  amount: string;
  currency: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  fields?: { field: string; message: string }[];
  allowedActions?: string[];
  [key: string]: unknown;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  countryCode?: string | null;
  organisationId?: string | null;
}

export interface Objective {
  number: number;
  title: string;
  actions: { code: string; letter?: string; text: string }[];
}

export interface Principle {
  code: string;
  name?: string;
  title?: string;
  summary?: string;
}

export interface Country {
  code: string;
  name: string;
  region?: string;
  subregion?: string;
}

export interface Currency {
  code: string;
  name?: string;
  digits?: number;
  minorUnits?: number;
}

export interface Criterion {
  code: string;
  label: string;
  weight: number;
}

export type OrganisationType =
  | 'un_entity'
  | 'member_state'
  | 'ifi'
  | 'private_sector'
  | 'foundation'
  | 'civil_society'
  | 'local_authority'
  | 'academia'
  | 'other';

export interface Organisation {
  id: string;
  name: string;
  acronym?: string | null;
  type: OrganisationType;
}

export type RequestStatus =
  | 'draft'
  | 'submitted'
  | 'in_triage'
  | 'info_requested'
  | 'in_assessment'
  | 'declined'
  | 'matching'
  | 'setup'
  | 'in_implementation'
  | 'completed'
  | 'closed'
  | 'withdrawn';

export const REQUEST_STATUSES: RequestStatus[] = [
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
];

export const SUPPORT_TYPES = [
  'technical_assistance',
  'policy_advice',
  'capacity_building',
  'data_and_research',
  'seed_funding',
  'peer_exchange',
] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

export type RequestAction =
  | 'submit'
  | 'start_triage'
  | 'request_info'
  | 'provide_info'
  | 'start_assessment'
  | 'decline'
  | 'approve'
  | 'confirm_partners'
  | 'start_implementation'
  | 'complete'
  | 'close'
  | 'withdraw';

export interface SupportRequest {
  id: string;
  reference?: string | null;
  title: string;
  summary?: string;
  expectedResults?: string;
  countryCode: string;
  status: RequestStatus;
  version: number;
  objectives: number[];
  actions?: string[];
  principles?: string[];
  supportTypes?: SupportType[];
  estimatedBudget?: Money | null;
  startDate?: string | null;
  endDate?: string | null;
  assigneeId?: string | null;
  overdue?: boolean;
  dueAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
  submittedAt?: string | null;
  allowedActions?: RequestAction[];
  openQuestion?: string | null;
  serviceLevels?: {
    clock: string;
    state: 'not_started' | 'running' | 'paused' | 'met' | 'breached' | string;
    dueAt: string | null;
    endedAt: string | null;
  }[];
}

export interface RequestDraftInput {
  title: string;
  summary: string;
  expectedResults: string;
  objectives: number[];
  actions?: string[];
  principles?: string[];
  supportTypes: SupportType[];
  estimatedBudget?: Money;
  startDate?: string;
  endDate?: string;
}

export interface TimelineEntry {
  id: string;
  at?: string;
  createdAt?: string;
  kind?: string;
  type?: string;
  action?: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  actorName?: string | null;
  actorRole?: string | null;
  body?: string | null;
  text?: string | null;
  internal?: boolean;
}

export interface PartnerMatch {
  organisationId: string;
  name?: string | null;
  acronym?: string | null;
  /** 0..1, the weighted sum of the components. */
  score: number;
  components: Record<string, number>;
  /** Why: one plain sentence per fact behind the score. */
  reasons?: string[];
  suggestedRole?: 'lead' | 'participating';
}

export interface Invitation {
  id: string;
  requestId: string;
  requestReference?: string | null;
  requestTitle?: string | null;
  organisationId: string;
  organisationAcronym?: string | null;
  role: 'lead' | 'participating';
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  invitedAt?: string;
  respondedAt?: string | null;
  declineReason?: string | null;
}

export interface Assessment {
  id: string;
  requestId: string;
  version: number;
  assessorId: string;
  scores: Record<string, number>;
  weights: Record<string, number>;
  weightedTotal: number;
  genderMarker: number;
  humanRightsMarker: number;
  recommendation: 'proceed' | 'decline' | 'needs_information';
  rationale: string;
  conflictOfInterest: boolean;
  counts?: boolean;
  createdAt: string;
}

export interface AssessmentHistory {
  items: Assessment[];
  current: Assessment | null;
}

export interface SimilarItem {
  source: 'knowledge' | 'request';
  id: string;
  title: string;
  kind?: string;
  reference?: string;
  countryCode?: string;
  score?: number;
  reasons?: string[];
}

export interface PlanMilestone {
  code: string;
  title: string;
  dueDate: string;
  status: 'planned' | 'in_progress' | 'done' | 'delayed' | string;
  organisationId?: string | null;
}

/** Amounts in the plan are minor-unit strings in the plan's currency. */
export interface ImplementationPlan {
  requestId: string;
  version: number;
  currency: string;
  organisations: { organisationId: string; role: 'lead' | 'participating' | string; responsibilities?: string }[];
  stakeholders: { name: string; role?: string; type?: string }[];
  milestones: PlanMilestone[];
  budget: { organisationId: string; amount: string }[];
  funding: { source: string; amount: string; status: string; note?: string }[];
  reportDueDates: string[];
  updatedAt?: string;
}

export interface ProgressReport {
  id: string;
  requestId: string;
  organisationId: string;
  kind: 'progress' | 'final';
  period: string;
  narrative: string;
  milestoneUpdates: { code: string; status: string; note?: string }[];
  lessonsLearned?: string | null;
  submittedAt: string;
}

export type KnowledgeKind = 'practice' | 'evidence' | 'initiative' | 'tool' | 'dataset' | 'solution';
export const KNOWLEDGE_KINDS: KnowledgeKind[] = ['practice', 'evidence', 'initiative', 'tool', 'dataset', 'solution'];

export interface KnowledgeOrganisation {
  id: string;
  name: string;
  acronym?: string | null;
}

export interface KnowledgeHit {
  id: string;
  kind: KnowledgeKind;
  title: string;
  summary?: string;
  /** A passage with the matched terms in <mark>…</mark> (rendered as text, see Snippet). */
  snippet?: string | null;
  objectives?: number[];
  countries?: string[];
  regions?: string[];
  organisations?: KnowledgeOrganisation[];
  tags?: string[];
  language?: string;
  publishedAt?: string | null;
  year?: number | null;
  score?: number;
  match?: string;
}

export interface FacetBucket {
  value: string | number;
  count: number;
}

export interface KnowledgeSearchResult extends Page<KnowledgeHit> {
  total: number;
  totalIsEstimate?: boolean;
  facets: Record<string, FacetBucket[]>;
  facetsAreEstimate?: boolean;
  mode?: string;
  didYouMean?: string | null;
}

export interface KnowledgeItem extends KnowledgeHit {
  body?: string;
  principles?: string[];
  actions?: string[];
  sourceUrl?: string | null;
  licence?: string | null;
  licenceUrl?: string | null;
  version?: number;
  replicatedFrom?: string | null;
}

/** Money flows as the fund reports them: USD minor units; deliveryRate a decimal string ("0.6000") or null. */
export interface Flow {
  allocations?: Money;
  transfers?: Money;
  expenditure?: Money;
  deliveryRate?: string | null;
}

export interface FundSummary {
  currency: string;
  asOf: string;
  totals: Flow & {
    deposits: Money;
    adminFees: Money;
    refunds: Money;
    netFunded: Money;
    unallocated: Money;
    adminFeeRateBps: number;
  };
  byDonor: {
    organisationId: string;
    name: string | null;
    acronym: string | null;
    type: string | null;
    deposits: Money;
    adminFees: Money;
    refunds: Money;
    net: Money;
    earmarked: Money;
  }[];
  byOrganisation: (Flow & { organisationId: string; name: string | null; acronym: string | null })[];
  byCountry: (Flow & { countryCode: string; name: string })[];
  byObjective: (Flow & { objective: number })[];
  projects: number;
  underDelivery: FundProject[];
  pipeline: {
    applicationId: string;
    requestId: string;
    reference: string;
    title: string;
    countryCode: string;
    objectives: number[];
    requested: Money;
    status: string;
  }[];
}

export interface FundProject extends Flow {
  allocationId: string;
  requestId: string;
  reference: string;
  title: string;
  countryCode: string;
  objectives: number[];
  forecast?: { elapsedDays: number; durationDays: number; projectedExpenditure: Money | null; underDelivery: boolean };
}

export interface Notification {
  id: string;
  title?: string;
  body?: string;
  message?: string;
  kind?: string;
  link?: string | null;
  entityType?: string;
  entityId?: string;
  readAt?: string | null;
  createdAt: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  countryCode?: string | null;
  organisationId?: string | null;
  active?: boolean;
  deactivatedAt?: string | null;
}

export interface Earmark {
  type: 'none' | 'objectives' | 'country';
  objectives?: number[];
  countryCode?: string;
  country?: string;
}

export interface Contribution {
  id: string;
  contributorId: string;
  contributorType?: string;
  reference?: string | null;
  pledgedAt: string;
  earmark?: Earmark;
  amount: Money;
  pledged?: Money;
  deposited?: Money;
  outstanding?: Money;
  depositedUsd?: Money;
  adminFeeUsd?: Money;
  refundedUsd?: Money;
  netUsd?: Money;
}

export interface Application {
  id: string;
  requestId: string;
  requestReference?: string;
  title?: string;
  countryCode?: string;
  objectives?: number[];
  organisationIds?: string[];
  leadOrganisationId?: string | null;
  amount: Money;
  justification?: string;
  status: string;
  createdAt?: string;
}

export interface Tranche {
  seq: number;
  amount: Money;
  condition: string;
  releasedAt: string | null;
  evidenceRef: string | null;
}

export interface Allocation {
  id: string;
  applicationId: string;
  requestId?: string;
  amount: Money;
  durationMonths?: number;
  status: 'proposed' | 'approved' | 'rejected' | string;
  proposedById: string;
  proposedAt?: string;
  decidedById?: string | null;
  decidedAt?: string | null;
  decisionRef?: string | null;
  recusedIds?: string[];
  tranches: Tranche[];
  released?: Money;
  transferred?: Money;
  spent?: Money;
  availableToTransfer?: Money;
}

export interface Decision {
  id: string;
  kind: 'approved' | 'rejected' | 'recused' | string;
  allocationId: string;
  requestId?: string;
  amount?: Money;
  decisionRef?: string | null;
  decidedAt: string;
  memberId: string;
  memberOrganisationId?: string | null;
  note?: string | null;
  proposerId?: string;
  approvers?: string[];
  recusals?: string[];
}

export interface Reconciliation {
  ok: boolean;
  checked: number;
  mismatches: unknown[];
  unbalancedEntries: unknown[];
}

export interface TracedOrganisation {
  organisationId: string;
  acronym?: string | null;
  transfers?: Money;
  expenditure?: Money;
}

export interface Tracing {
  contribution: Contribution;
  method: 'direct' | 'pro_rata';
  poolShare: string | null;
  totals: Flow;
  projects: (FundProject & { organisations?: TracedOrganisation[] })[];
  countries: (Flow & { countryCode: string })[];
  organisations: TracedOrganisation[];
}

export interface DonorStatement {
  organisation: { id: string; name: string; acronym: string; type: string };
  asOf: string;
  totals: { deposits: Money; adminFees: Money; refunds: Money; net: Money };
  contributions: Contribution[];
  lines?: {
    date: string;
    contributionId: string;
    kind: string;
    reference?: string;
    description?: string;
    amount: string;
    currency: string;
    usdAmount?: string;
  }[];
  [key: string]: unknown;
}
