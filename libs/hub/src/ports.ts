import type { MoneyDto, Transaction } from '@cbm/core';
import type { DomainEvent } from '@cbm/jobs';

/** What the hub needs from the start-up fund; bound to the fund's public service in composition. */
export const HUB_FUNDING_PORT = Symbol('HUB_FUNDING_PORT');
export interface HubFundingPort {
  /** True when every transfer made for the request is reconciled (or there were none); inside `t` when given. */
  transfersReconciled(requestId: string, t?: Transaction): Promise<boolean>;
  /** Start-up fund money approved for the request, if any; inside `t` when given. */
  approvedFor(requestId: string, t?: Transaction): Promise<MoneyDto | null>;
  /**
   * True when the request has a funding application (whatever its status): it is then on the steering
   * committee's table, and fund staff and committee members may read its assessment and partner matches.
   */
  hasApplication(requestId: string, t?: Transaction): Promise<boolean>;
  /**
   * For the mechanism's dashboard: each funded request's first transfer (not reversed), and per organisation
   * what was transferred to it and what it reported spent (USD minor units as strings).
   */
  deliveryFacts(): Promise<FundDeliveryFacts>;
  /** Whether the fund funded the request and closed its projects operationally and financially; inside `t`. */
  closureOf(requestId: string, t?: Transaction): Promise<FundClosure>;
}

export interface FundDeliveryFacts {
  firstTransfers: { requestId: string; at: Date }[];
  organisations: { organisationId: string; transferred: string; spent: string }[];
}

export interface FundClosure {
  funded: boolean;
  operationallyClosed: boolean;
  financiallyClosed: boolean;
}

/** What the hub needs from the knowledge platform; bound to its public service in composition. */
export const HUB_KNOWLEDGE_PORT = Symbol('HUB_KNOWLEDGE_PORT');
export interface SimilarKnowledgeItem {
  id: string;
  title: string;
  kind: string;
  score: number;
  reasons: string[];
}
export interface HubKnowledgePort {
  similarItems(q: {
    text: string;
    objectives: number[];
    countryCode: string;
    limit: number;
  }): Promise<SimilarKnowledgeItem[]>;
}

/** A request as it stood before a moment: its status then and the reports submitted by then (a donor statement "as of"). */
export interface ProjectAsOf {
  requestId: string;
  /** The status the request's timeline had reached; null when no transition was recorded before the moment. */
  status: string | null;
  reports: { id: string; kind: string; period: string; organisationId: string; submittedAt: string }[];
}
/** Facts about a request other contexts may read (the fund's projection, knowledge's solutions). */
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

/** What a publication of requests (the fund's IATI file) may say of each, beyond its facts. */
export interface RequestPublicationFacts {
  requestId: string;
  /** From the assessment that counts (0-3), null before any. */
  genderMarker: number | null;
  humanRightsMarker: number | null;
  /** Null also when the assessment that counts did not score it (recorded before the marker existed, or left out). */
  childSensitivityMarker: number | null;
  /** Requests this one replicates or relates to, and those that replicate or relate to it. */
  linkedRequests: { requestId: string; relation: 'replicated_from' | 'replicates' | 'related' }[];
}

/**
 * What the steering committee decides with, about one request (HubPublicService.committeeFacts; the
 * fund's decision pack and brief read it through their port): the request in short, the assessment
 * that counts, the partner-match explanation (best five) and the implementation plan in short.
 */
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

/**
 * The markers of a request's assessment that counts, on the UN gender equality marker's 0-3 scale (0 no
 * contribution, 1 limited, 2 significant, 3 principal objective); the child-sensitivity marker is null when
 * that assessment did not score it.
 */
export interface AssessmentMarkers {
  genderMarker: number;
  humanRightsMarker: number;
  childSensitivityMarker: number | null;
}

/** One indicator of a plan's results framework, as far as the fund's marker checks need it. */
export interface ResultIndicatorFact {
  code: string;
  title: string;
  sexDisaggregated: boolean;
}

/** Domain events the hub publishes through the EventBus (payloads are RequestFacts plus extras). */
export const HUB_EVENTS = {
  transitioned: 'request.transitioned',
  completed: 'request.completed',
} as const;

/** `request.transitioned`: a request moved through its workflow. */
export function requestTransitioned(
  facts: RequestFacts,
  action: string,
  from: string,
  to: string,
): DomainEvent<RequestFacts & { action: string; from: string; to: string }> {
  return { name: HUB_EVENTS.transitioned, payload: { ...facts, action, from, to } };
}

/** `request.completed`: its final report is in; the knowledge platform drafts a solution from it. */
export function requestCompleted(
  facts: RequestFacts,
  finalReport: { id: string; lessonsLearned: string | null },
): DomainEvent<RequestFacts & { lessonsLearned: string; finalReportId: string }> {
  return {
    name: HUB_EVENTS.completed,
    payload: { ...facts, lessonsLearned: finalReport.lessonsLearned ?? '', finalReportId: finalReport.id },
  };
}

/** (the fund's port reads this) A request's results framework with the actuals of its ACCEPTED reports only (no narrative, no person). */
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
