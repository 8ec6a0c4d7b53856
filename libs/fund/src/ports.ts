import type { Transaction } from '@cbm/core';

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

/** What the fund reads from the hub; bound in composition to the hub's public service. */
export const FUND_REQUEST_PORT = Symbol('FUND_REQUEST_PORT');
export interface FundRequestPort {
  /** The request's facts now, read inside transaction `t` when given. */
  requestFacts(requestId: string, t?: Transaction): Promise<RequestFacts | null>;
  /** The request's accepted final report (the hub accepted it), if any; inside `t` when given. */
  acceptedFinalReport(requestId: string, t?: Transaction): Promise<{ id: string; reviewedAt: Date | null } | null>;
}

/** The hub's event name (HUB_EVENTS.transitioned), repeated here to keep the contexts apart. */
export const REQUEST_TRANSITIONED_EVENT = 'request.transitioned';
