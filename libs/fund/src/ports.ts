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
  /** The assessment, partner matches and plan of a request on the committee's table (the brief, the pack). */
  committeeFacts(requestId: string): Promise<CommitteeFacts | null>;
}

/** The hub's event name (HUB_EVENTS.transitioned), repeated here to keep the contexts apart. */
export const REQUEST_TRANSITIONED_EVENT = 'request.transitioned';
