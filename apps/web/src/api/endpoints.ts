import { ApiError, client, itemsOf, tokens, unwrap } from './client';
import type {
  Allocation,
  AllocationInput,
  AssessmentInput,
  ImplementationPlanInput,
  KnowledgeQuery,
  OrganisationInput,
  OrganisationType,
  ProgressReportInput,
  RequestAction,
  RequestDraftInput,
  RequestStatus,
  RequestUpdateInput,
  Role,
} from './model';
import type { paths } from './schema';

export type { ImplementationPlanInput, KnowledgeQuery } from './model';

/** The JSON of a route that can also answer a file (CSV): asked for JSON, a string is a fault. */
function json<T extends object>(data: T | string): T {
  if (typeof data === 'string') throw new ApiError(0, { status: 0, code: 'NOT_JSON', detail: 'expected JSON' });
  return data;
}

/** Drops empty values, so that a cleared filter is not sent as `?status=`. */
function clean<Q extends object>(q: Q): Q {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Q;
}

/*
 * TEMPORARY: the request routes have no response schema in the document until the typed request
 * controller lands (see model.ts); until then their answers are read as the hand-written shapes
 * there. Once the routes declare their schemas, `unwrap` infers these types and this goes.
 */

// --- auth ---
export async function login(email: string, password: string): Promise<void> {
  tokens.set(await unwrap(client.POST('/api/v1/auth/login', { body: { email, password } })));
}
export async function logout(): Promise<void> {
  const refreshToken = tokens.refresh ?? undefined;
  try {
    await unwrap(client.POST('/api/v1/auth/logout', { body: { refreshToken: refreshToken ?? '' } }));
  } finally {
    tokens.set(null);
  }
}
export const me = () => unwrap(client.GET('/api/v1/auth/me'));

// --- reference ---
export const objectives = () => unwrap(client.GET('/api/v1/reference/objectives'));
export const principles = () => unwrap(client.GET('/api/v1/reference/principles'));
export const countries = () => unwrap(client.GET('/api/v1/reference/countries'));
export const currencies = () => unwrap(client.GET('/api/v1/reference/currencies'));
export const assessmentCriteria = () => unwrap(client.GET('/api/v1/reference/assessment-criteria'));
export const organisations = (q: { type?: OrganisationType; limit?: number } = {}) =>
  unwrap(client.GET('/api/v1/organisations', { params: { query: clean({ limit: 200, ...q }) } })).then(itemsOf);
export const createOrganisation = (body: OrganisationInput) => unwrap(client.POST('/api/v1/organisations', { body }));

// --- users (admin) ---
export const users = (q: { cursor?: string; role?: Role } = {}) =>
  unwrap(client.GET('/api/v1/users', { params: { query: clean({ limit: 50, ...q }) } }));
export const createUser = (body: paths['/api/v1/users']['post']['requestBody']['content']['application/json']) =>
  unwrap(client.POST('/api/v1/users', { body }));
export const updateUser = (
  id: string,
  body: paths['/api/v1/users/{id}']['patch']['requestBody']['content']['application/json'],
) => unwrap(client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));

export const eraseUser = (id: string, reason: string) =>
  unwrap(client.POST('/api/v1/users/{id}/erasure', { params: { path: { id } }, body: { reason } }));

// --- notifications ---
export const notifications = () =>
  unwrap(client.GET('/api/v1/notifications', { params: { query: clean({ limit: 20 }) } }));
export const markRead = (id: string) =>
  unwrap(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));

// --- hub: requests ---
export interface RequestFilters {
  status?: RequestStatus;
  countryCode?: string;
  objective?: number;
  assigneeId?: string;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}
export const requests = ({ status, ...f }: RequestFilters = {}) =>
  unwrap(
    client.GET('/api/v1/requests', {
      params: { query: clean({ limit: 25, ...f, status: status ? [status] : undefined }) },
    }),
  );
export const request = (id: string) => unwrap(client.GET('/api/v1/requests/{id}', { params: { path: { id } } }));
export const createRequest = (body: RequestDraftInput) => unwrap(client.POST('/api/v1/requests', { body }));
export const updateRequest = (id: string, version: number, body: RequestUpdateInput) =>
  unwrap(
    client.PATCH('/api/v1/requests/{id}', {
      params: { path: { id }, header: { 'If-Match': String(version) } },
      body,
    }),
  );
/** `version` is the request's version as read: the API refuses the action (409) if someone changed it since. */
export const requestAction = (
  id: string,
  version: number,
  action: RequestAction,
  body: paths['/api/v1/requests/{id}/actions/{action}']['post']['requestBody']['content']['application/json'] = {},
) =>
  unwrap(
    client.POST('/api/v1/requests/{id}/actions/{action}', {
      params: { path: { id, action }, header: { 'If-Match': String(version) } },
      body,
    }),
  );
export const timeline = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/timeline', { params: { path: { id }, query: { limit: 100 } } })).then(
    itemsOf,
  );
export const addComment = (id: string, body: string, internal = false) =>
  unwrap(client.POST('/api/v1/requests/{id}/comments', { params: { path: { id } }, body: { body, internal } }));
export const assessment = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/assessment', { params: { path: { id } } }));
export const saveAssessment = (id: string, body: AssessmentInput) =>
  unwrap(client.PUT('/api/v1/requests/{id}/assessment', { params: { path: { id } }, body }));
export const partnerMatches = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/partner-matches', { params: { path: { id } } })).then(itemsOf);
export const invite = (id: string, organisationId: string, role: 'lead' | 'participating') =>
  unwrap(
    client.POST('/api/v1/requests/{id}/invitations', { params: { path: { id } }, body: { organisationId, role } }),
  );
/** The organisations invited to this request, with their answers (hub officer, focal point, partners). */
export const requestPartners = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/partners', { params: { path: { id } } }));
export const similar = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/similar', { params: { path: { id } } })).then(itemsOf);

export const implementationPlan = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/implementation-plan', { params: { path: { id } } }));
/** `version` is the plan version read (absent when drafting the first one): 409 if someone saved since. */
export const saveImplementationPlan = (id: string, body: ImplementationPlanInput) =>
  unwrap(client.PUT('/api/v1/requests/{id}/implementation-plan', { params: { path: { id } }, body }));
export const submitReport = (id: string, body: ProgressReportInput) =>
  unwrap(client.POST('/api/v1/requests/{id}/reports', { params: { path: { id } }, body }));
export const reports = (id: string) =>
  unwrap(client.GET('/api/v1/requests/{id}/reports', { params: { path: { id } } })).then(itemsOf);

// --- invitations ---
export const invitations = (status?: 'pending' | 'accepted' | 'declined' | 'withdrawn') =>
  unwrap(client.GET('/api/v1/invitations', { params: { query: clean({ status, limit: 50 }) } }));
export const acceptInvitation = (id: string) =>
  unwrap(client.POST('/api/v1/invitations/{id}/accept', { params: { path: { id } } }));
export const declineInvitation = (id: string, reason: string) =>
  unwrap(client.POST('/api/v1/invitations/{id}/decline', { params: { path: { id } }, body: { reason } }));

// --- fund ---
export const mechanismDashboard = () => unwrap(client.GET('/api/v1/dashboard/mechanism'));
export const fundSummary = () => unwrap(client.GET('/api/v1/fund/summary'));
export const fundProjects = () => unwrap(client.GET('/api/v1/fund/projects', { params: { query: { limit: 100 } } }));
export const contributions = () =>
  unwrap(client.GET('/api/v1/fund/contributions', { params: { query: { limit: 100 } } }));
export const tracing = (id: string) =>
  unwrap(client.GET('/api/v1/fund/contributions/{id}/tracing', { params: { path: { id } } }));
export const applications = () => unwrap(client.GET('/api/v1/fund/applications'));
export const allocations = () => unwrap(client.GET('/api/v1/fund/allocations'));
export const proposeAllocation = (body: AllocationInput) => unwrap(client.POST('/api/v1/fund/allocations', { body }));
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
export const releaseTranche = (id: string, seq: number, evidenceRef: string): Promise<Allocation> =>
  unwrap(
    client.POST('/api/v1/fund/allocations/{id}/tranches/{seq}/release', {
      params: { path: { id, seq } },
      body: { evidenceRef },
    }),
  );
export const decisions = () => unwrap(client.GET('/api/v1/fund/decisions', { params: { query: { limit: 100 } } }));
export const reconciliation = () => unwrap(client.GET('/api/v1/fund/ledger/reconciliation'));
/** The JSON statement (the route answers CSV too, when asked with Accept: text/csv). */
export const donorStatement = (organisationId: string) =>
  unwrap(
    client.GET('/api/v1/fund/statements/donors/{organisationId}', {
      params: { path: { organisationId } },
      headers: { accept: 'application/json' },
    }),
  ).then(json);

// --- knowledge (public) ---
export const searchKnowledge = (q: KnowledgeQuery) =>
  unwrap(client.GET('/api/v1/open/knowledge', { params: { query: clean({ limit: 20, ...q }) } }));
export const knowledgeItem = (id: string) =>
  unwrap(client.GET('/api/v1/open/knowledge/{id}', { params: { path: { id } } }));

export const OPEN_DATA = {
  csv: '/api/v1/open/knowledge.csv',
  jsonl: '/api/v1/open/knowledge.jsonl',
  dcat: '/api/v1/open/catalog.jsonld',
  iati: '/api/v1/open/iati/activities.xml',
} as const;
