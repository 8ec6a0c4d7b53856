import { Injectable } from '@nestjs/common';
import { isUuid } from '@cbm/core';
import { EntityManager } from 'typeorm';
import { RequestPartnerRepository } from './partner/request-partner.repository';
import { RequestFacts } from './ports';
import { SupportRequestEntity } from './request/support-request.entity';
import { PartnerFact, SupportRequestRepository } from './request/support-request.repository';

/** What other contexts may read about requests (the fund binds its port to this). */
@Injectable()
export class HubPublicService {
  constructor(
    private readonly requests: SupportRequestRepository,
    private readonly partners: RequestPartnerRepository,
  ) {}

  async requestFacts(requestId: string, m?: EntityManager): Promise<RequestFacts | null> {
    if (!isUuid(requestId)) return null;
    const r = await this.requests.findById(requestId, m);
    return r ? this.factsOf(r, await this.partners.forRequest(r.id, m)) : null;
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
