import { Injectable } from '@nestjs/common';
import { isUuid, Transaction } from '@cbm/core';
import { RequestPartnerRepository } from './partner/request-partner.repository';
import { RequestFacts } from './ports';
import { RequestReportRepository } from './report/request-report.repository';
import { SupportRequestEntity } from './request/support-request.entity';
import { PartnerFact, SupportRequestRepository } from './request/support-request.repository';

/** What other contexts may read about requests (the fund binds its port to this). */
@Injectable()
export class HubPublicService {
  constructor(
    private readonly requests: SupportRequestRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly reports: RequestReportRepository,
  ) {}

  /** The request's final report the hub accepted, if any (the fund's operational closure waits for it); in `t` when given. */
  async acceptedFinalReport(
    requestId: string,
    t?: Transaction,
  ): Promise<{ id: string; reviewedAt: Date | null } | null> {
    if (!isUuid(requestId)) return null;
    const r = await (t ? this.reports.in(t) : this.reports).acceptedFinal(requestId);
    return r ? { id: r.id, reviewedAt: r.reviewedAt } : null;
  }

  /** The request's facts, read in transaction `t` when given. */
  async requestFacts(requestId: string, t?: Transaction): Promise<RequestFacts | null> {
    if (!isUuid(requestId)) return null;
    const requests = t ? this.requests.in(t) : this.requests;
    const partners = t ? this.partners.in(t) : this.partners;
    const r = await requests.findById(requestId);
    return r ? this.factsOf(r, await partners.forRequest(r.id)) : null;
  }

  /** Facts of a request and its partners already read (inside the caller's transaction). */
  factsOf(r: SupportRequestEntity, partners: PartnerFact[]): RequestFacts {
    const accepted = partners.filter((p) => p.status === 'accepted');
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      status: r.status,
      countryCode: r.countryCode,
      objectives: r.objectives,
      leadOrganisationId: accepted.find((p) => p.role === 'lead')?.organisationId ?? null,
      organisationIds: accepted.map((p) => p.organisationId),
    };
  }
}
