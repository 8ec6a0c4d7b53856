import { client, itemsOf, tokens, unwrap } from './client';
import type { components } from './schema';
import type {
  Allocation,
  Application,
  AssessmentHistory,
  Decision,
  DonorStatement,
  FundProject,
  ImplementationPlan,
  ProgressReport,
  Reconciliation,
  Contribution,
  Country,
  Criterion,
  Currency,
  FundSummary,
  Invitation,
  KnowledgeItem,
  KnowledgeSearchResult,
  Me,
  Notification,
  Objective,
  Organisation,
  Page,
  PartnerMatch,
  Principle,
  RequestAction,
  RequestDraftInput,
  SimilarItem,
  SupportRequest,
  TimelineEntry,
  TokenPair,
  Tracing,
  User,
} from './types';

type Query = Record<string, string | number | boolean | string[] | undefined>;
/**
 * Drops empty values. Typed `never` on purpose: several list routes validate their query with a
 * DTO the OpenAPI document does not describe (so the generated type says "no query"); the
 * query shapes are written out in each function below instead.
 */
const clean = (q: Query): never =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as never;

// --- auth ---
export async function login(email: string, password: string): Promise<void> {
  const pair = await unwrap<TokenPair>(client.POST('/api/v1/auth/login', { body: { email, password } }));
  tokens.set(pair);
}
export async function logout(): Promise<void> {
  const refreshToken = tokens.refresh ?? undefined;
  try {
    await unwrap(client.POST('/api/v1/auth/logout', { body: { refreshToken: refreshToken ?? '' } }));
  } finally {
    tokens.set(null);
  }
}
export const me = () => unwrap<Me>(client.GET('/api/v1/auth/me'));

// --- reference ---
export const objectives = () =>
  unwrap<Objective[]>(client.GET('/api/v1/reference/objectives')).then(itemsOf<Objective>);
export const principles = () =>
  unwrap<Principle[]>(client.GET('/api/v1/reference/principles')).then(itemsOf<Principle>);
export const countries = () => unwrap<Country[]>(client.GET('/api/v1/reference/countries')).then(itemsOf<Country>);
export const currencies = () => unwrap<Currency[]>(client.GET('/api/v1/reference/currencies')).then(itemsOf<Currency>);
export const assessmentCriteria = () =>
  unwrap<Criterion[]>(client.GET('/api/v1/reference/assessment-criteria')).then(itemsOf<Criterion>);
export const organisations = (q: { type?: string; limit?: number } = {}) =>
  unwrap(client.GET('/api/v1/organisations', { params: { query: clean({ limit: 200, ...q }) } })).then(
    itemsOf<Organisation>,
  );
export const createOrganisation = (body: Partial<Organisation>) =>
  unwrap<Organisation>(client.POST('/api/v1/organisations', { body: body as never }));

// --- users (admin) ---
export const users = (q: { cursor?: string; role?: string } = {}) =>
  unwrap<Page<User>>(client.GET('/api/v1/users', { params: { query: clean({ limit: 50, ...q }) } }));
export const createUser = (body: Record<string, unknown>) =>
  unwrap<User>(client.POST('/api/v1/users', { body: body as never }));
export const updateUser = (id: string, body: Record<string, unknown>) =>
  unwrap<User>(client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: body as never }));

// --- notifications ---
export const notifications = () =>
  unwrap<Page<Notification> & { unreadCount?: number }>(
    client.GET('/api/v1/notifications', { params: { query: clean({ limit: 20 }) } }),
  );
export const markRead = (id: string) =>
  unwrap(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));

// --- hub: requests ---
export interface RequestFilters {
  status?: string;
  countryCode?: string;
  objective?: number;
  assigneeId?: string;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}
export const requests = (f: RequestFilters = {}) =>
  unwrap<Page<SupportRequest>>(client.GET('/api/v1/requests', { params: { query: clean({ limit: 25, ...f }) } }));
export const request = (id: string) =>
  unwrap<SupportRequest>(client.GET('/api/v1/requests/{id}', { params: { path: { id } } }));
export const createRequest = (body: RequestDraftInput) =>
  unwrap<SupportRequest>(client.POST('/api/v1/requests', { body: body as never }));
export const updateRequest = (id: string, version: number, body: Partial<RequestDraftInput>) =>
  unwrap<SupportRequest>(
    client.PATCH('/api/v1/requests/{id}', {
      params: { path: { id }, header: { 'if-match': String(version) } },
      body: body as never,
    }),
  );
/** `version` is the request's version as read: the API refuses the action (409) if someone changed it since. */
export const requestAction = (id: string, version: number, action: RequestAction, body: Record<string, unknown> = {}) =>
  unwrap<SupportRequest>(
    client.POST('/api/v1/requests/{id}/actions/{action}', {
      params: { path: { id, action }, header: { 'if-match': String(version) } },
      body,
    }),
  );
export const timeline = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/timeline', { params: { path: { id }, query: clean({ limit: 100 }) } })).then(
    itemsOf<TimelineEntry>,
  );
export const addComment = (id: string, body: string, internal = false) =>
  unwrap(client.POST('/api/v1/requests/{id}/comments', { params: { path: { id } }, body: { body, internal } }));
export const assessment = (id: string) =>
  unwrap<AssessmentHistory>(client.GET('/api/v1/requests/{id}/assessment', { params: { path: { id } } }));
export const saveAssessment = (
  id: string,
  body:
    | components['schemas']['PutAssessmentDto']
    | (Omit<components['schemas']['PutAssessmentDto'], 'scores'> & { scores: Record<string, number> }),
) =>
  unwrap(
    client.PUT('/api/v1/requests/{id}/assessment', {
      params: { path: { id } },
      body: body as components['schemas']['PutAssessmentDto'],
    }),
  );
export const partnerMatches = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/partner-matches', { params: { path: { id } } })).then(itemsOf<PartnerMatch>);
export const invite = (id: string, organisationId: string, role: 'lead' | 'participating') =>
  unwrap<Invitation>(
    client.POST('/api/v1/requests/{id}/invitations', { params: { path: { id } }, body: { organisationId, role } }),
  );
/** The organisations invited to this request, with their answers (hub officer, focal point, partners). */
export const requestPartners = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/partners', { params: { path: { id } } })).then(itemsOf<Invitation>);
export const similar = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/similar', { params: { path: { id } } })).then(itemsOf<SimilarItem>);

export const implementationPlan = (id: string) =>
  unwrap<ImplementationPlan>(client.GET('/api/v1/requests/{id}/implementation-plan', { params: { path: { id } } }));
export type ImplementationPlanInput = components['schemas']['PutImplementationPlanDto'];
/** `version` is the plan version read (absent when drafting the first one): 409 if someone saved since. */
export const saveImplementationPlan = (id: string, body: ImplementationPlanInput) =>
  unwrap<ImplementationPlan>(
    client.PUT('/api/v1/requests/{id}/implementation-plan', { params: { path: { id } }, body }),
  );
export const submitReport = (id: string, body: components['schemas']['SubmitReportDto']) =>
  unwrap<ProgressReport>(client.POST('/api/v1/requests/{id}/reports', { params: { path: { id } }, body }));
export const reports = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/reports', { params: { path: { id } } })).then(itemsOf<ProgressReport>);

// --- invitations ---
export const invitations = (status?: string) =>
  unwrap<Page<Invitation>>(client.GET('/api/v1/invitations', { params: { query: clean({ status, limit: 50 }) } }));
export const acceptInvitation = (id: string) =>
  unwrap(client.POST('/api/v1/invitations/{id}/accept', { params: { path: { id } } }));
export const declineInvitation = (id: string, reason: string) =>
  unwrap(client.POST('/api/v1/invitations/{id}/decline', { params: { path: { id } }, body: { reason } }));

// --- fund ---
export const fundSummary = () => unwrap<FundSummary>(client.GET('/api/v1/fund/summary'));
export const fundProjects = () =>
  unwrap<Page<FundProject>>(client.GET('/api/v1/fund/projects', { params: { query: clean({ limit: 100 }) } }));
export const contributions = () =>
  unwrap<Page<Contribution>>(client.GET('/api/v1/fund/contributions', { params: { query: clean({ limit: 100 }) } }));
export const tracing = (id: string) =>
  unwrap<Tracing>(client.GET('/api/v1/fund/contributions/{id}/tracing', { params: { path: { id } } }));
export const applications = () =>
  unwrap<Page<Application>>(client.GET('/api/v1/fund/applications', { params: { query: clean({ limit: 100 }) } }));
export const allocations = () => unwrap<Page<Allocation>>(client.GET('/api/v1/fund/allocations'));
export interface ProposeAllocationInput {
  applicationId: string;
  amount: { amount: string; currency: string };
  tranches: { amount: { amount: string; currency: string }; condition: string }[];
  durationMonths?: number;
}
export const proposeAllocation = (body: ProposeAllocationInput) =>
  unwrap<Allocation>(client.POST('/api/v1/fund/allocations', { body: body as never }));
export const decideAllocation = (id: string, decision: 'approve' | 'reject', decisionRef: string, note: string) =>
  decision === 'approve'
    ? unwrap(
        client.POST('/api/v1/fund/allocations/{id}/approve', {
          params: { path: { id } },
          body: { decisionRef, note: note || undefined },
        }),
      )
    : unwrap(
        client.POST('/api/v1/fund/allocations/{id}/reject', {
          params: { path: { id } },
          body: { decisionRef, note: note || undefined },
        }),
      );
export const releaseTranche = (id: string, seq: number, evidenceRef: string) =>
  unwrap<Allocation>(
    client.POST('/api/v1/fund/allocations/{id}/tranches/{seq}/release', {
      params: { path: { id, seq } },
      body: { evidenceRef },
    }),
  );
export const decisions = () =>
  unwrap<Page<Decision>>(client.GET('/api/v1/fund/decisions', { params: { query: clean({ limit: 100 }) } }));
export const reconciliation = () => unwrap<Reconciliation>(client.GET('/api/v1/fund/ledger/reconciliation'));
export const donorStatement = (organisationId: string) =>
  unwrap<DonorStatement>(
    client.GET('/api/v1/fund/statements/donors/{organisationId}', { params: { path: { organisationId } } }),
  );

// --- knowledge (public) ---
export interface KnowledgeQuery {
  q?: string;
  kind?: string;
  objective?: number;
  country?: string;
  region?: string;
  organisation?: string;
  year?: number;
  language?: string;
  cursor?: string;
  limit?: number;
}
export const searchKnowledge = (q: KnowledgeQuery) =>
  unwrap<KnowledgeSearchResult>(
    client.GET('/api/v1/open/knowledge', { params: { query: clean({ limit: 20, ...q }) } }),
  );
export const knowledgeItem = (id: string) =>
  unwrap<KnowledgeItem>(client.GET('/api/v1/open/knowledge/{id}', { params: { path: { id } } }));

export const OPEN_DATA = {
  csv: '/api/v1/open/knowledge.csv',
  jsonl: '/api/v1/open/knowledge.jsonl',
  dcat: '/api/v1/open/catalog.jsonld',
  iati: '/api/v1/open/iati/activities.xml',
} as const;
