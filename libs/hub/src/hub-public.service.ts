import { Injectable } from '@nestjs/common';
import { isUuid, Transaction } from '@cbm/core';
import { RequestPartnerRepository } from './partner/request-partner.repository';
import { RequestReportRepository } from './report/request-report.repository';
import { ProjectAsOf, RequestFacts } from './ports';
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

  /**
   * The requests as they stood before `before`: the status their timeline had reached and the
   * reports submitted by then (what a donor's statement "as of" a moment shows of the projects its
   * money reached; only rows recorded earlier, so the answer for a past moment never changes).
   */
  async projectsAsOf(requestIds: string[], before: Date): Promise<ProjectAsOf[]> {
    const ids = requestIds.filter(isUuid);
    const statuses = await this.requests.statusesBefore(ids, before);
    const reports = await this.reports.submittedBefore(ids, before);
    return ids.map((id) => ({
      requestId: id,
      status: statuses.get(id) ?? null,
      reports: reports
        .filter((r) => r.requestId === id)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          period: r.period,
          organisationId: r.organisationId,
          submittedAt: r.submittedAt.toISOString(),
        })),
    }));
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
