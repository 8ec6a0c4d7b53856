import { Injectable } from '@nestjs/common';
import { Database } from '@cbm/core';
import type { FundRequestPort, RequestFacts } from '@cbm/fund';
import { EntityManager } from 'typeorm';

/**
 * Temporary binding of the fund's FUND_REQUEST_PORT until the hub exports HubPublicService.requestFacts:
 * then replace with `{ provide: FUND_REQUEST_PORT, useExisting: HubPublicService }` and delete this file.
 */
@Injectable()
export class HubRequestFactsAdapter implements FundRequestPort {
  constructor(private readonly db: Database) {}

  async requestFacts(requestId: string, m?: EntityManager): Promise<RequestFacts | null> {
    const rows: { id: string; reference: string; title: string; status: string; country_code: string; objectives: number[] }[] = await (m ?? this.db.manager).query(
      `SELECT "id", "reference", "title", "status", "country_code", "objectives" FROM "support_request" WHERE "id" = $1`,
      [requestId],
    );
    if (!rows.length) return null;
    const partners: { organisation_id: string; role: string }[] = await (m ?? this.db.manager).query(
      `SELECT "organisation_id", "role" FROM "request_partner" WHERE "request_id" = $1 AND "status" = 'accepted' ORDER BY "organisation_id"`,
      [requestId],
    );
    const r = rows[0];
    return {
      id: r.id, reference: r.reference, title: r.title, status: r.status, countryCode: r.country_code, objectives: r.objectives,
      leadOrganisationId: partners.find((p) => p.role === 'lead')?.organisation_id ?? null, organisationIds: partners.map((p) => p.organisation_id),
    };
  }
}
