import type { MoneyDto, Transaction } from '@cbm/core';

/** Facts about a support request, as the hub publishes them (copied from the hub's RequestFacts; no import of @cbm/hub). */
export interface RequestFacts {
  id: string;
  reference: string;
  title: string;
  status: string;
  countryCode: string;
  objectives: number[];
  leadOrganisationId: string | null;
  organisationIds: string[];
}

/** (the hub's shape, copied) A request as it stood before a moment: its status then and the reports submitted by then (a donor statement "as of"). */
export interface ProjectAsOf {
  requestId: string;
  /** The status the request's timeline had reached; null when no transition was recorded before the moment. */
  status: string | null;
  reports: { id: string; kind: string; period: string; organisationId: string; submittedAt: string }[];
}

/** What the steering committee decides with, about one request (copied from the hub's CommitteeFacts). */
export interface CommitteeFacts {
  request: {
    id: string;
    reference: string;
    title: string;
    summary: string;
    status: string;
    countryCode: string;
    objectives: number[];
    estimatedBudget: MoneyDto | null;
  };
  assessment: {
    version: number;
    scores: Record<string, number>;
    weightedTotal: number;
    genderMarker: number;
    humanRightsMarker: number;
    childSensitivityMarker: number | null;
    recommendation: string;
    rationale: string;
  } | null;
  partnerMatches: { organisationId: string; acronym: string; score: number; reasons: string[] }[];
  plan: {
    organisations: { organisationId: string; role: string }[];
    milestones: { code: string; title: string; dueDate: string; status: string }[];
    budget: MoneyDto;
    funding: { source: string; amount: MoneyDto; status: string }[];
  } | null;
}

/** What the fund reads from the hub; bound in composition to the hub's public service. */
export const FUND_REQUEST_PORT = Symbol('FUND_REQUEST_PORT');
export interface FundRequestPort {
  /** The request's facts now, read inside transaction `t` when given. */
  requestFacts(requestId: string, t?: Transaction): Promise<RequestFacts | null>;
  /** The requests as they stood before `before` (status and reports recorded earlier only). */
  projectsAsOf(requestIds: string[], before: Date): Promise<ProjectAsOf[]>;
  /** What the IATI file says of each request beyond its facts (markers, links); copied from the hub's. */
  publicationFacts(requestIds: string[]): Promise<RequestPublicationFacts[]>;
  /** The request's accepted final report (the hub accepted it), if any; inside `t` when given. */
  acceptedFinalReport(requestId: string, t?: Transaction): Promise<{ id: string; reviewedAt: Date | null } | null>;
  /** A report of the request (null when the request has no such report); inside `t` when given. */
  report(requestId: string, reportId: string, t?: Transaction): Promise<ReportFact | null>;
  /** The results frameworks of the requests with the actuals of accepted reports (copied from the hub's). */
  resultsOf(requestIds: string[]): Promise<RequestResultsFacts[]>;
  /** The assessment, partner matches and plan of a request on the committee's table (the brief, the pack). */
  committeeFacts(requestId: string): Promise<CommitteeFacts | null>;
  /** The markers of the request's assessment that counts (null before any); inside `t` when given. */
  assessmentMarkers(requestId: string, t?: Transaction): Promise<AssessmentMarkers | null>;
  /** The indicators of each request's results framework (an empty list without one); inside `t` when given. */
  resultIndicators(requestIds: string[], t?: Transaction): Promise<Map<string, ResultIndicatorFact[]>>;
}

/**
 * (the hub's shape, copied) The markers of a request's assessment that counts, on the UN gender equality
 * marker's 0-3 scale (0 no contribution, 1 limited, 2 significant, 3 principal objective); the
 * child-sensitivity marker is null when that assessment did not score it.
 */
export interface AssessmentMarkers {
  genderMarker: number;
  humanRightsMarker: number;
  childSensitivityMarker: number | null;
}

/** (the hub's shape, copied) One indicator of a plan's results framework. */
export interface ResultIndicatorFact {
  code: string;
  title: string;
  sexDisaggregated: boolean;
}

export interface RequestPublicationFacts {
  requestId: string;
  genderMarker: number | null;
  humanRightsMarker: number | null;
  childSensitivityMarker: number | null;
  linkedRequests: { requestId: string; relation: 'replicated_from' | 'replicates' | 'related' }[];
}

/** (the hub's shape, copied) A request's results framework with the actuals of its ACCEPTED reports only (no narrative, no person). */
export interface RequestResultsFacts {
  requestId: string;
  indicators: {
    code: string;
    title: string;
    unit: string;
    /** unit: a count; percentage */
    measure: 'unit' | 'percentage';
    level: 'outcome' | 'output';
    outcomeCode: string;
    outputCode: string | null;
    /** The outcome's or output's title. */
    resultTitle: string;
    objectives: number[];
    sexDisaggregated: boolean;
    baseline: ResultFigure & { year: number };
    target: ResultFigure;
    /** Accepted actuals, cumulative, in period order. */
    actuals: (ResultFigure & {
      reportId: string;
      kind: string;
      period: string;
      periodStart: string | null;
      periodEnd: string | null;
    })[];
  }[];
}
export interface ResultFigure {
  value: string;
  female: string | null;
  male: string | null;
  other: string | null;
}

/** A report of a request as the fund needs it to release a tranche on it. */
export interface ReportFact {
  id: string;
  requestId: string;
  kind: string;
  status: string;
}

/** What the fund reads from the knowledge platform; bound in composition to its public service. */
export const FUND_KNOWLEDGE_PORT = Symbol('FUND_KNOWLEDGE_PORT');
export interface FundKnowledgePort {
  /** Published knowledge items drawn from the given requests (their solutions), for document links. */
  publishedFromRequests(requestIds: string[]): Promise<PublishedKnowledgeItem[]>;
}
export interface PublishedKnowledgeItem {
  id: string;
  requestId: string;
  title: string;
  language: string;
  kind: string;
  publishedAt: string;
}

/** The hub's event name (HUB_EVENTS.transitioned), repeated here to keep the contexts apart. */
export const REQUEST_TRANSITIONED_EVENT = 'request.transitioned';
