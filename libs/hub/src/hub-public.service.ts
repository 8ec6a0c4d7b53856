import { Injectable } from '@nestjs/common';
import { isUuid, Transaction } from '@cbm/core';
import { RequestAssessmentRepository } from './assessment/request-assessment.repository';
import { RequestPartnerRepository } from './partner/request-partner.repository';
import { ProjectAsOf, RequestFacts, RequestPublicationFacts } from './ports';
import { RequestReportRepository } from './report/request-report.repository';
import { PeerRepository } from './similar/peer.repository';
import { SupportRequestEntity } from './request/support-request.entity';
import { PartnerFact, SupportRequestRepository } from './request/support-request.repository';

/** What other contexts may read about requests (the fund binds its port to this). */
@Injectable()
export class HubPublicService {
  constructor(
    private readonly requests: SupportRequestRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly reports: RequestReportRepository,
    private readonly assessments: RequestAssessmentRepository,
    private readonly peers: PeerRepository,
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

  /** For each request: the markers of its assessment that counts and its links to other requests. */
  async publicationFacts(requestIds: string[]): Promise<RequestPublicationFacts[]> {
    const ids = [...new Set(requestIds.filter(isUuid))];
    const markers = new Map((await this.assessments.currentMarkers(ids)).map((m) => [m.requestId, m]));
    const links = await this.peers.requestLinksTouching(ids);
    return ids.map((id) => ({
      requestId: id,
      genderMarker: markers.get(id)?.genderMarker ?? null,
      humanRightsMarker: markers.get(id)?.humanRightsMarker ?? null,
      linkedRequests: links.flatMap((l): RequestPublicationFacts['linkedRequests'] => {
        if (l.requestId === id) return [{ requestId: l.targetId, relation: l.relation }];
        if (l.targetId === id)
          return [{ requestId: l.requestId, relation: l.relation === 'replicated_from' ? 'replicates' : l.relation }];
        return [];
      }),
    }));
  }

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
