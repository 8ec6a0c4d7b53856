import { Injectable } from '@nestjs/common';
import { Actor } from '@cbm/core';
import { OrganisationService, ReferenceService } from '@cbm/reference';
import { RequestPartnerRepository } from '../partner/request-partner.repository';
import { RequestError } from '../request/support-request.errors';
import { SupportRequestEntity } from '../request/support-request.entity';
import { SupportRequestRepository } from '../request/support-request.repository';
import { FundReadAccess } from '../request/fund-read-access';
import { MATCH_WEIGHTS, PartnerMatch, rankPartners } from './partner-scoring';

@Injectable()
export class PartnerMatchingService {
  constructor(
    private readonly requests: SupportRequestRepository,
    private readonly partners: RequestPartnerRepository,
    private readonly organisations: OrganisationService,
    private readonly reference: ReferenceService,
    private readonly fundReaders: FundReadAccess,
  ) {}

  /** Three queries whatever the number of organisations: profiles, current load, history. */
  async matches(actor: Actor, requestId: string): Promise<{ items: PartnerMatch[]; weights: Record<string, number> }> {
    const r = await this.requests.findScoped(actor, requestId);
    if (!r) throw RequestError('REQUEST_NOT_FOUND', 'no such request');
    await this.fundReaders.check(actor, r.id); // fund staff and the committee: requests with a funding application
    return { items: await this.rank(r), weights: { ...MATCH_WEIGHTS } };
  }

  /** The ranking for a request already read (no scope check: the caller did it, or needs none). */
  async rank(r: Pick<SupportRequestEntity, 'objectives' | 'countryCode'>): Promise<PartnerMatch[]> {
    const [profiles, load, history] = await Promise.all([
      this.organisations.profiles(),
      this.partners.leadLoad(),
      this.partners.trackRecord(),
    ]);
    const country = this.reference.country(r.countryCode);
    return rankPartners(
      { objectives: r.objectives, countryCode: r.countryCode, region: country?.region, subregion: country?.subregion },
      profiles.map((p) => ({
        organisationId: p.organisationId,
        acronym: p.acronym,
        name: p.name,
        objectives: p.objectives,
        countries: p.countries,
        regions: p.regions,
        leading: load.get(p.organisationId) ?? 0,
        history: history.get(p.organisationId) ?? null,
      })),
    );
  }
}
