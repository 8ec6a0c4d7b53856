// Domain types the screens use. They mirror /work/shared/API.md; the generated
// schema.d.ts types the transport, these name what the UI shows.

export type Role =
  | 'focal_point'
  | 'hub_officer'
  | 'partner_officer'
  | 'fund_manager'
  | 'steering_committee'
  | 'donor'
  | 'admin';

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
  organisationName?: string;
  score: number;
  components: Record<string, number>;
  suggestedRole?: 'lead' | 'participating';
  explanation?: string[];
}

export interface Invitation {
  id: string;
  requestId: string;
  requestReference?: string | null;
  requestTitle?: string | null;
  organisationId: string;
  organisationName?: string | null;
  role: 'lead' | 'participating';
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  reason?: string | null;
  createdAt?: string;
}

export interface SimilarItem {
  kind: 'knowledge' | 'request' | string;
  id: string;
  title: string;
  score?: number;
  reasons?: string[];
  countryCode?: string;
}

export type KnowledgeKind = 'practice' | 'evidence' | 'initiative' | 'tool' | 'dataset' | 'solution';
export const KNOWLEDGE_KINDS: KnowledgeKind[] = ['practice', 'evidence', 'initiative', 'tool', 'dataset', 'solution'];

export interface KnowledgeHit {
  id: string;
  kind: KnowledgeKind;
  title: string;
  summary?: string;
  snippet?: string | null;
  objectives?: number[];
  countries?: string[];
  publishedAt?: string | null;
  year?: number;
}

export interface FacetBucket {
  value: string | number;
  label?: string;
  count: number;
}

export interface KnowledgeSearchResult extends Page<KnowledgeHit> {
  total: number;
  facets: Record<string, FacetBucket[]>;
}

export interface KnowledgeItem extends KnowledgeHit {
  body?: string;
  bodyHtml?: string;
  principles?: string[];
  organisations?: string[];
  tags?: string[];
  language?: string;
  sourceUrl?: string | null;
  licence?: string | null;
  updatedAt?: string;
}

export interface FundBreakdownRow {
  key?: string;
  id?: string;
  code?: string;
  name?: string;
  label?: string;
  deposits?: Money;
  allocations?: Money;
  transfers?: Money;
  expenditure?: Money;
  amount?: Money;
}

export interface FundSummary {
  currency?: string;
  deposits: Money;
  allocations: Money;
  transfers: Money;
  expenditure: Money;
  deliveryRate: number | null;
  byDonor?: FundBreakdownRow[];
  byOrganisation?: FundBreakdownRow[];
  byCountry?: FundBreakdownRow[];
  byObjective?: (FundBreakdownRow & { objective?: number; requests?: number; pipeline?: number; practices?: number })[];
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

export interface Contribution {
  id: string;
  contributorId: string;
  contributorName?: string;
  pledgedAt: string;
  amount: Money;
  deposited?: Money;
  earmark?: { type: 'none' | 'objectives' | 'country'; objectives?: number[]; countryCode?: string };
}

export interface Allocation {
  id: string;
  applicationId: string;
  requestId?: string;
  requestReference?: string;
  amount: Money;
  status: 'proposed' | 'approved' | 'rejected' | string;
  proposedBy?: string;
  proposedByName?: string;
  decidedBy?: string | null;
  decisionRef?: string | null;
  tranches?: { amount: Money; condition: string; released?: boolean }[];
}

export interface Tracing {
  contributionId: string;
  flows?: { requestId?: string; requestReference?: string; countryCode?: string; organisationId?: string; organisationName?: string; allocated?: Money; transferred?: Money; spent?: Money }[];
  [key: string]: unknown;
}
